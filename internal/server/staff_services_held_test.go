package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/directory"
)

// TestStaffServicesSayWhatAnImportHolds checks that the staff list of
// services and a held service's edit page say an import holds it, rather
// than calling it archived with a public page it does not have, and that a
// rejected one staff return to active gets its public page.
func TestStaffServicesSayWhatAnImportHolds(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	holdTwo(t, e.db)
	public, editor := e.client(t), e.login(t, "editor@example.org")

	list := parse(t, e.get(t, editor, "/staff/services"))
	row := list.Find(`[data-testid="staff-services"] tr`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Find("th").Text(), "Testshire baby cafe")
	})
	if got := row.Text(); !strings.Contains(got, "Held import") || strings.Contains(got, "Archived") {
		t.Errorf("the held service's row in the staff list: %q", got)
	}

	if r := e.get(t, editor, "/staff/services/testshire-baby-cafe/edit"); !strings.Contains(r.Body, "An import holds this service") || strings.Contains(r.Body, "the public can still open its page") {
		t.Error("the held service's edit page does not say an import holds it")
	}

	held, err := e.db.Service(ctx, "testshire-baby-cafe")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.RejectHeld(ctx, directory.Actor{Name: "Staff"}, held.Slug, held.Version, "Not in Wessex"); err != nil {
		t.Fatal(err)
	}
	held, _ = e.db.Service(ctx, held.Slug)
	if r := e.get(t, editor, "/staff/services/testshire-baby-cafe/edit"); !strings.Contains(r.Body, "staff rejected it") {
		t.Error("the rejected service's edit page does not say staff rejected it")
	}
	if r := e.post(t, editor, "/staff/services/testshire-baby-cafe/status", url.Values{"version": {strconv.Itoa(held.Version)}, "status": {"active"}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("returning a rejected service with no areas to active: %d, want 422", r.StatusCode)
	}
	held.Areas = []directory.ServiceArea{{Area: "gosport"}}
	if held, err = e.db.UpdateService(ctx, directory.Actor{Name: "Staff"}, held, "Runs in Gosport after all"); err != nil {
		t.Fatal(err)
	}
	if r := e.post(t, editor, "/staff/services/testshire-baby-cafe/status", url.Values{"version": {strconv.Itoa(held.Version)}, "status": {"active"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("returning the rejected service to active: %d", r.StatusCode)
	}
	if r := e.get(t, public, "/services/testshire-baby-cafe"); r.StatusCode != http.StatusOK {
		t.Errorf("the public page of a service staff returned to active: %d, want 200", r.StatusCode)
	}
}

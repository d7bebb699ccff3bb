package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

func TestAnUncheckedEntrySaysSoAndRanksAfterCheckedOnes(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	area, first, second := twoOfAKind(t, e.db)
	a, err := e.db.Area(ctx, area)
	if err != nil {
		t.Fatal(err)
	}
	public := e.client(t)

	// Before four weeks have passed, nothing is said.
	if parse(t, e.get(t, public, "/services/"+first.Slug)).Find(`[data-testid="unchecked"]`).Length() != 0 {
		t.Fatal("a service added today is called unchecked")
	}
	setClock(t, e.db, func() time.Time { return time.Now().AddDate(0, 0, 40) })
	page := parse(t, e.get(t, public, "/services/"+first.Slug))
	if got := page.Find(`[data-testid="unchecked"]`).Text(); !strings.Contains(got, "has not been checked since it was added") {
		t.Errorf("the unchecked entry says %q", got)
	}
	if page.Find(`[data-testid="last-changed"]`).Length() != 1 || page.Find(`[data-testid="last-reviewed"]`).Length() != 1 {
		t.Error("the page does not show both the last change and the last review")
	}

	// The second is checked today: it now comes first of the two.
	reviewed, err := e.db.MarkReviewed(ctx, directory.Actor{Name: "Sam Staff"}, second.Slug, second.Version)
	if err != nil {
		t.Fatal(err)
	}
	body := e.get(t, public, "/find?q="+url.QueryEscape(a.Name)).Body
	i, j := strings.Index(body, `data-testid="result-`+second.Slug+`"`), strings.Index(body, `data-testid="result-`+first.Slug+`"`)
	if i < 0 || j < 0 || j < i {
		t.Errorf("in the results for %s the unchecked %s (at %d) is not after the checked %s (at %d)", a.Name, first.Slug, j, second.Slug, i)
	}
	if got := parse(t, e.get(t, public, "/services/"+second.Slug)).Find(`[data-testid="unchecked"]`).Length(); got != 0 {
		t.Errorf("the entry just checked still says it is unchecked (%s)", reviewed.LastReviewed)
	}

	// The review list says where each entry stands.
	editor := e.login(t, "editor@example.org")
	stage := parse(t, e.get(t, editor, "/staff/review")).Find(`[data-testid="due-` + first.Slug + `"] [data-testid="stage"]`).Text()
	if !strings.HasPrefix(stage, "Unchecked") {
		t.Errorf("the review list gives the unchecked entry's stage as %q", stage)
	}
}

func TestStaffChooseAServicesReviewOwner(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	editor := e.login(t, "editor@example.org")
	ed, _, err := e.db.UserByEmail(ctx, "editor@example.org")
	if err != nil {
		t.Fatal(err)
	}
	form := parse(t, e.get(t, editor, "/staff/services/roberts-centre/edit")).Find(`[data-testid="owner-form"]`)
	if form.Find(`label[for="owner"]`).Length() != 1 || form.Find(`option[value="`+strconv.FormatInt(ed.ID, 10)+`"]`).Length() != 1 {
		t.Fatalf("the owner form: %q", form.Text())
	}
	if r := e.post(t, editor, "/staff/services/roberts-centre/owner", url.Values{"owner": {"nobody"}}); r.StatusCode != http.StatusBadRequest {
		t.Errorf("an owner who is no one: %d, want 400", r.StatusCode)
	}
	if r := e.post(t, editor, "/staff/services/roberts-centre/owner", url.Values{"owner": {strconv.FormatInt(ed.ID, 10)}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("choosing the owner: %d", r.StatusCode)
	}
	if owners, _ := e.db.ServiceOwners(ctx); owners["roberts-centre"] != ed.ID {
		t.Errorf("the owners: %v", owners)
	}
	sel, _ := parse(t, e.get(t, editor, "/staff/services/roberts-centre/edit")).Find(`#owner option[selected]`).Attr("value")
	if sel != strconv.FormatInt(ed.ID, 10) {
		t.Errorf("the owner form shows %q chosen", sel)
	}
}

package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// holdTwo imports two services whose feed names no area of the directory.
func holdTwo(t *testing.T, db directory.Store) {
	t.Helper()
	ctx := context.Background()
	template, err := db.Service(ctx, "roberts-centre")
	if err != nil {
		t.Fatal(err)
	}
	var batch directory.ImportBatch
	batch.Source = "Testshire feed"
	for i, name := range []string{"Testshire baby cafe", "Testshire dads group"} {
		s := template
		s.ID, s.Version, s.UUID, s.Slug, s.Name = 0, 0, "7b8e0c52-1f3d-4d0e-9a52-00000000000"+strconv.Itoa(i+1), directory.Slugify(name), name
		s.Areas, s.HeldAreas = nil, []string{"Testshire", "Testville"}
		batch.Services = append(batch.Services, s)
	}
	outcomes, err := db.Import(ctx, directory.Actor{Name: "feed"}, batch, false)
	if err != nil || directory.ImportHeldCount(outcomes) != 2 {
		t.Fatalf("import: %v, %+v", err, outcomes)
	}
}

func TestStaffHeldApproveAndReject(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	holdTwo(t, e.db)
	public, editor := e.client(t), e.login(t, "editor@example.org")

	if r := e.get(t, public, "/staff/held"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/staff/login") {
		t.Errorf("the public asking for held imports: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if r := e.get(t, public, "/services/testshire-baby-cafe"); r.StatusCode != http.StatusNotFound {
		t.Errorf("a held service's public page: %d, want 404", r.StatusCode)
	}
	if home := e.get(t, editor, "/staff"); !strings.Contains(home.Body, "2 imported services are held") {
		t.Error("the staff home page does not count the held imports")
	}
	doc := parse(t, e.get(t, editor, "/staff/held"))
	cards := doc.Find(`[data-testid="held"]`)
	if cards.Length() != 2 {
		t.Fatalf("%d held services listed, want 2", cards.Length())
	}
	first := cards.First()
	if first.Find("h2").Text() != "Testshire baby cafe" || first.Find(`[data-testid="feed-areas"]`).Text() != "Testshire; Testville" ||
		first.Find(`input[type="checkbox"][name="`+web.HeldAreasField("testshire-baby-cafe")+`"][value="gosport"]`).Length() != 1 {
		t.Errorf("the held service's card: %s", first.Text())
	}

	cafe, err := e.db.Service(ctx, "testshire-baby-cafe")
	if err != nil {
		t.Fatal(err)
	}
	approve := "/staff/held/testshire-baby-cafe/approve"
	version := strconv.Itoa(cafe.Version)
	if r := e.post(t, editor, approve, url.Values{"version": {version}}); r.StatusCode != http.StatusUnprocessableEntity ||
		parse(t, r).Find(`[data-testid="error-summary"]`).Length() != 1 {
		t.Errorf("approving with no area: %d, want 422 with an error summary", r.StatusCode)
	}
	if r := e.post(t, editor, approve, url.Values{"version": {strconv.Itoa(cafe.Version + 1)}, web.HeldAreasField(cafe.Slug): {"gosport"}}); r.StatusCode != http.StatusConflict {
		t.Errorf("approving from another version: %d, want 409", r.StatusCode)
	}
	if r := e.post(t, editor, approve, url.Values{"version": {version}, web.HeldAreasField(cafe.Slug): {"gosport", "fareham"}}); r.StatusCode != http.StatusSeeOther ||
		r.Header.Get("Location") != "/staff/held" {
		t.Fatalf("approve: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	cafe, _ = e.db.Service(ctx, "testshire-baby-cafe")
	if cafe.Status != directory.StatusActive || len(cafe.Areas) != 2 {
		t.Errorf("approved: %q in %+v", cafe.Status, cafe.Areas)
	}
	if history, _ := e.db.History(ctx, directory.EntityService, cafe.Slug); len(history) == 0 || history[0].Action != "approve" || history[0].UserName != "Ed Editor" {
		t.Errorf("audit after approval: %+v", history)
	}
	if r := e.get(t, public, "/services/testshire-baby-cafe"); r.StatusCode != http.StatusOK {
		t.Errorf("the approved service's public page: %d", r.StatusCode)
	}

	dads, _ := e.db.Service(ctx, "testshire-dads-group")
	reject := "/staff/held/testshire-dads-group/reject"
	if r := e.post(t, editor, reject, url.Values{"version": {strconv.Itoa(dads.Version)}, web.HeldReasonField(dads.Slug): {" "}}); r.StatusCode != http.StatusUnprocessableEntity ||
		parse(t, r).Find(`[data-testid="error-summary"] a[href="#`+web.HeldReasonField(dads.Slug)+`"]`).Length() != 1 {
		t.Errorf("rejecting with no reason: %d, want 422 linking to the reason", r.StatusCode)
	}
	if r := e.post(t, public, reject, url.Values{"version": {strconv.Itoa(dads.Version)}, web.HeldReasonField(dads.Slug): {"Not ours"}}); r.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(r.Header.Get("Location"), "/staff/login") {
		t.Errorf("the public rejecting: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if r := e.post(t, editor, reject, url.Values{"version": {strconv.Itoa(dads.Version)}, web.HeldReasonField(dads.Slug): {"Testshire runs it for Testshire."}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reject: %d", r.StatusCode)
	}
	if r := e.get(t, public, "/services/testshire-dads-group"); r.StatusCode != http.StatusNotFound {
		t.Errorf("a rejected service's public page: %d, want 404", r.StatusCode)
	}
	if doc := parse(t, e.get(t, editor, "/staff/held")); doc.Find(`[data-testid="held"]`).Length() != 0 || doc.Find(`[data-testid="no-held"]`).Length() != 1 {
		t.Error("the held list is not empty after approving one and rejecting the other")
	}
}

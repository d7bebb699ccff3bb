package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
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

func TestQueueHeldApproveAndReject(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	holdTwo(t, e.db)
	public, editor := e.client(t), e.login(t, "editor@example.org")

	if r := e.get(t, public, "/staff/queue/held/testshire-baby-cafe"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/staff/login") {
		t.Errorf("the public asking for a held import: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if r := e.get(t, public, "/services/testshire-baby-cafe"); r.StatusCode != http.StatusNotFound {
		t.Errorf("a held service's public page: %d, want 404", r.StatusCode)
	}
	if r := e.get(t, editor, "/staff/held"); r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != "/staff/queue" {
		t.Errorf("the old held list: %d to %q, want 301 to the queue", r.StatusCode, r.Header.Get("Location"))
	}
	queue := parse(t, e.get(t, editor, "/staff/queue"))
	rows := queue.Find(`[data-testid="queue-item"][data-kind="held"]`)
	if rows.Length() != 2 || rows.First().Find(`[data-testid="queue-kind"]`).Text() != "Held import" ||
		rows.First().Find(`a`).AttrOr("href", "") != "/staff/queue/held/testshire-baby-cafe" ||
		!strings.HasPrefix(rows.First().Find(`[data-testid="queue-from"]`).Text(), "Import from ") {
		t.Fatalf("the queue's held rows: %d, %s", rows.Length(), rows.First().Text())
	}
	doc := parse(t, e.get(t, editor, "/staff/queue/held/testshire-baby-cafe"))
	if doc.Find("h1").Text() != "Testshire baby cafe" || doc.Find(`[data-testid="feed-areas"]`).Text() != "Testshire; Testville" ||
		doc.Find(`form[action="/staff/queue/held/testshire-baby-cafe/approve"] input[type="checkbox"][name="areas"][value="gosport"]`).Length() != 1 ||
		doc.Find(`form[action="/staff/queue/held/testshire-baby-cafe/reject"] textarea[name="reason"]`).Length() != 1 {
		t.Errorf("the held service's page: %s", doc.Find("main").Text())
	}
	if r := e.get(t, editor, "/staff/queue/held/roberts-centre"); r.StatusCode != http.StatusNotFound {
		t.Errorf("a service no import holds: %d, want 404", r.StatusCode)
	}

	cafe, err := e.db.Service(ctx, "testshire-baby-cafe")
	if err != nil {
		t.Fatal(err)
	}
	approve := "/staff/queue/held/testshire-baby-cafe/approve"
	version := strconv.Itoa(cafe.Version)
	if r := e.post(t, editor, approve, url.Values{"version": {version}}); r.StatusCode != http.StatusUnprocessableEntity ||
		parse(t, r).Find(`[data-testid="error-summary"] a[href="#areas"]`).Length() != 1 {
		t.Errorf("approving with no area: %d, want 422 with an error summary", r.StatusCode)
	}
	if r := e.post(t, editor, approve, url.Values{"version": {strconv.Itoa(cafe.Version + 1)}, "areas": {"gosport"}}); r.StatusCode != http.StatusConflict {
		t.Errorf("approving from another version: %d, want 409", r.StatusCode)
	}
	if r := e.get(t, public, "/services/testshire-baby-cafe"); r.StatusCode != http.StatusNotFound {
		t.Errorf("the public page before approval: %d, want 404", r.StatusCode)
	}
	r := e.post(t, editor, approve, url.Values{"version": {version}, "areas": {"gosport", "fareham"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/staff/queue" {
		t.Fatalf("approve: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if banner := parse(t, e.get(t, editor, "/staff/queue")).Find(`[data-testid="queue-done"]`).Text(); !strings.Contains(banner, "Testshire baby cafe is approved") {
		t.Errorf("the banner after approval: %q", banner)
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
	reject := "/staff/queue/held/testshire-dads-group/reject"
	if r := e.post(t, editor, reject, url.Values{"version": {strconv.Itoa(dads.Version)}, "reason": {" "}}); r.StatusCode != http.StatusUnprocessableEntity ||
		parse(t, r).Find(`[data-testid="error-summary"] a[href="#reason"]`).Length() != 1 {
		t.Errorf("rejecting with no reason: %d, want 422 linking to the reason", r.StatusCode)
	}
	if held, _ := e.db.HeldServices(ctx); len(held) != 1 {
		t.Errorf("a refused rejection changed the held list: %d held", len(held))
	}
	if r := e.post(t, public, reject, url.Values{"version": {strconv.Itoa(dads.Version)}, "reason": {"Not ours"}}); r.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(r.Header.Get("Location"), "/staff/login") {
		t.Errorf("the public rejecting: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if r := e.post(t, editor, reject, url.Values{"version": {strconv.Itoa(dads.Version)}, "reason": {"Testshire runs it for Testshire."}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reject: %d", r.StatusCode)
	}
	if r := e.get(t, public, "/services/testshire-dads-group"); r.StatusCode != http.StatusNotFound {
		t.Errorf("a rejected service's public page: %d, want 404", r.StatusCode)
	}
	if doc := parse(t, e.get(t, editor, "/staff/queue")); doc.Find(`[data-testid="queue-item"]`).Length() != 0 || doc.Find(`[data-testid="queue-empty"]`).Length() != 1 {
		t.Error("the queue is not empty after approving one held import and rejecting the other")
	}
}

package browsertest

import (
	"context"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite"
)

// holdAnImport imports, through the store, a service whose feed names no
// area of the directory, so that it waits in the review queue.
func holdAnImport(t *testing.T, dbPath string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.Service(ctx, "roberts-centre")
	if err != nil {
		t.Fatal(err)
	}
	s.ID, s.Version, s.UUID, s.Slug, s.Name = 0, 0, "7b8e0c52-1f3d-4d0e-9a52-000000000001", "testshire-baby-cafe", "Testshire baby cafe"
	s.Areas, s.HeldAreas = nil, []string{"Testshire"}
	batch := directory.ImportBatch{Source: "Testshire feed", Services: []directory.Service{s}}
	if out, err := db.Import(ctx, directory.Actor{Name: "feed"}, batch, false); err != nil || directory.ImportHeldCount(out) != 1 {
		t.Fatalf("hold an import: %v, %+v", err, out)
	}
}

// TestReviewQueueWithoutJavaScript follows a provider who proposes a change
// to their service and a new one, and a member of staff, with JavaScript
// off, who opens the review queue from the count on their home page,
// approves the change after a look at what it would change, and rejects the
// new service, making a mistake first; then approves a held import into an
// area. The public page changes only once the change is approved, the
// rejected service never appears, and the held one only once approved.
func TestReviewQueueWithoutJavaScript(t *testing.T) {
	s := startSiteWith(t, func(dbPath string) {
		addProvider(t, dbPath)
		holdAnImport(t, dbPath)
	})
	public := openTab(t, s, desktop, false)
	public.visit("/services/home-start", 200)
	before := public.text("main")

	pat := openTab(t, s, desktop, false)
	pat.login("pat@example.org")
	const send = `main form[action="/staff/proposals"] button[type="submit"]`
	pat.visit("/staff/proposals/new?service=home-start", 200)
	pat.fill("#name", "Home-Start Wessex")
	pat.fill("#note", "Our new name since May.")
	pat.press(send, 200, "/staff/proposals")
	pat.visit("/staff/proposals/new?organisation=home-start", 200)
	pat.fill("#name", "Home-Start Baby Group")
	pat.fill("#summary", "A weekly group for parents and babies.")
	pat.fill("#description", "Volunteers run a group on Tuesdays.")
	pat.tick(`input[name="areas"][value="hampshire"]`)
	pat.press(send, 200, "/staff/proposals")
	pat.wantPath("/staff/proposals?sent=1")

	ed := openTab(t, s, desktop, false)
	ed.login("editor@example.org")
	contains(t, "the staff home page", ed.text("main"), "3 items wait in the review queue")
	ed.followLink("main", "Review queue")
	ed.wantPath("/staff/queue")
	ed.arrive("journey-queue-1-queue")
	contains(t, "the queue", ed.text(`[data-testid="queue"]`), "Home-Start Wessex", "Home-Start Baby Group", "Proposal from a provider", "Pat Provider")

	// The change: what it would change, against the live service, then approve.
	ed.followLink(`[data-testid="queue"]`, "Home-Start Wessex")
	ed.arrive("journey-queue-2-proposal")
	contains(t, "the change table", ed.text(`[data-testid="changes"]`), "Name", "Home-Start", "Home-Start Wessex")
	public.visit("/services/home-start", 200)
	if after := public.text("main"); after != before {
		t.Error("the public page changed before staff approved the proposal")
	}
	ed.press(`[data-testid="approve-form"] button[type="submit"]`, 200, "")
	ed.wantPath("/staff/queue")
	ed.arrive("journey-queue-3-approved")
	contains(t, "the confirmation", ed.text(`[data-testid="queue-done"]`), "The proposal for Home-Start Wessex is approved")
	public.visit("/services/home-start", 200)
	if got := public.text("h1"); got != "Home-Start Wessex" {
		t.Errorf("after approval the public page is headed %q", got)
	}

	// The new service: a mistake first, then rejected with a reason.
	ed.followLink(`[data-testid="queue"]`, "Home-Start Baby Group")
	reject := ed.attr(`[data-testid="reject-form"]`, "action")
	ed.press(`[data-testid="reject-form"] button[type="submit"]`, 422, reject)
	ed.arrive("journey-queue-4-reject-errors")
	contains(t, "the error summary", ed.text(`[data-testid="error-summary"]`), "Say why the proposal is rejected")
	ed.fill("#reject_reason", "Home-Start lists its groups on its own service.")
	ed.press(`[data-testid="reject-form"] button[type="submit"]`, 200, reject)
	ed.wantPath("/staff/queue")
	contains(t, "the confirmation", ed.text(`[data-testid="queue-done"]`), "is rejected")
	public.visit("/services/home-start-baby-group", 404)

	// The held import: choose its area, and approve it.
	public.visit("/services/testshire-baby-cafe", 404)
	ed.followLink(`[data-testid="queue"]`, "Testshire baby cafe")
	ed.wantPath("/staff/queue/held/testshire-baby-cafe")
	ed.arrive("journey-queue-5-held")
	contains(t, "the held import", ed.text(`[data-testid="feed-areas"]`), "Testshire")
	ed.tick(`[data-testid="approve-form"] input[name="areas"][value="gosport"]`)
	ed.press(`[data-testid="approve-form"] button[type="submit"]`, 200, "")
	ed.wantPath("/staff/queue")
	if got := ed.text("main"); !strings.Contains(got, "Testshire baby cafe is approved") || !strings.Contains(got, "Nothing is waiting for review.") {
		t.Errorf("the queue after the last decision: %q", got)
	}
	public.visit("/services/testshire-baby-cafe", 200)
}

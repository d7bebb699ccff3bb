package browsertest

import (
	"testing"

	"github.com/wessex-network/directory/internal/oruk/oruktest"
)

// TestAnAdminRegistersAFeedAndRunsIt registers a council's feed, served on
// loopback, through the admin pages with JavaScript off, presses Run now,
// and reads what the run did: one service added, two held for the queue.
func TestAnAdminRegistersAFeedAndRunsIt(t *testing.T) {
	s := startSite(t)
	feed := oruktest.Serve(t, oruktest.FS(t, oruktest.Testshire))
	p := openTab(t, s, desktop, false)
	p.login("admin@example.org")

	p.visit("/staff/feeds", 200)
	p.arrive("feeds-none")
	contains(t, "the feeds page", p.text("main"), "No feed is registered yet")
	p.followLink("main", "Register a feed")
	p.wantPath("/staff/feeds/new")

	// Bad input comes back with the error summary.
	p.fill("#name", "Testshire County Council")
	p.fill("#url", "ftp://"+feed.Listener.Addr().String())
	p.press(`main form[action="/staff/feeds"] button[type="submit"]`, 422, "/staff/feeds")
	p.arrive("feeds-new-errors")
	contains(t, "the error summary", p.text(`[data-testid="error-summary"]`), "Enter an http or https address")

	p.fill("#url", feed.URL)
	p.tick(`input[name="every"][value="weekly"]`)
	p.press(`main form[action="/staff/feeds"] button[type="submit"]`, 200, "/staff/feeds")
	p.wantPath("/staff/feeds/1")
	p.arrive("feed-registered")
	contains(t, "the new feed's page", p.text("main"), "Testshire County Council", "Every week", "The feed has not run yet")

	p.press(`main form[action="/staff/feeds/1/run"] button`, 200, "/staff/feeds/1/run")
	p.wantPath("/staff/feeds/1?ran=1")
	p.arrive("feed-ran")
	contains(t, "the run's result", p.text(`[data-testid="run-result"]`), "added 1", "held 2")
}

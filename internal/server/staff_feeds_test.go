package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/oruk/oruktest"
	"github.com/wessex-network/directory/internal/server"
)

func TestAdminsRegisterAFeedAndRunItNow(t *testing.T) {
	e := newStaffEnv(t, server.WithFeedGuard(oruk.GuardOptions{AllowPrivate: true}))
	ctx := context.Background()
	feed := oruktest.Serve(t, oruktest.FS(t, oruktest.Testshire))
	admin, editor := e.login(t, "admin@example.org"), e.login(t, "editor@example.org")

	if r := e.get(t, editor, "/staff/feeds"); r.StatusCode != http.StatusForbidden {
		t.Errorf("an editor asking for the feeds: %d, want 403", r.StatusCode)
	}
	if r := e.post(t, editor, "/staff/feeds", url.Values{"name": {"Testshire"}, "url": {feed.URL}, "every": {"daily"}}); r.StatusCode != http.StatusForbidden {
		t.Errorf("an editor registering a feed: %d, want 403", r.StatusCode)
	}

	// Bad input comes back with what was typed and writes nothing.
	bad := e.post(t, admin, "/staff/feeds", url.Values{"name": {"Testshire <b>council</b>"}, "url": {"file:///etc/passwd"}})
	if bad.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a bad feed: %d, want 422", bad.StatusCode)
	}
	doc := parse(t, bad)
	if doc.Find(`[data-testid="error-summary"] a[href="#url"]`).Length() != 1 || doc.Find(`[data-testid="error-summary"] a[href="#every"]`).Length() != 1 {
		t.Errorf("the error summary: %q", doc.Find(`[data-testid="error-summary"]`).Text())
	}
	if v, _ := doc.Find(`input[name="name"]`).Attr("value"); v != "Testshire <b>council</b>" {
		t.Errorf("the typed name came back as %q", v)
	}
	if list, _ := e.db.Feeds(ctx); len(list) != 0 {
		t.Fatalf("a bad feed was stored: %+v", list)
	}

	r := e.post(t, admin, "/staff/feeds", url.Values{"name": {"Testshire County Council"}, "url": {feed.URL}, "every": {"weekly"}})
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/staff/feeds/") {
		t.Fatalf("registering a feed: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	page := r.Header.Get("Location")
	if p := e.get(t, admin, page); !strings.Contains(p.Body, "The feed has not run yet") || !strings.Contains(p.Body, "Every week") {
		t.Errorf("the new feed's page: %s", p.Body)
	}

	run := e.post(t, admin, page+"/run", nil)
	if run.StatusCode != http.StatusSeeOther || run.Header.Get("Location") != page+"?ran=1" {
		t.Fatalf("Run now: %d to %q", run.StatusCode, run.Header.Get("Location"))
	}
	result := parse(t, e.get(t, admin, page+"?ran=1"))
	if got := result.Find(`[data-testid="run-result"]`).Text(); !strings.Contains(got, "added 1") || !strings.Contains(got, "held 2") {
		t.Errorf("the run's result: %q", got)
	}
	if got := result.Find(`[data-testid="feed-run"]`).Text(); !strings.Contains(got, "Run now") || !strings.Contains(got, "Imported") {
		t.Errorf("the runs table: %q", got)
	}
	if held, _ := e.db.HeldServices(ctx); len(held) != 2 {
		t.Errorf("%d services held after the run, want 2", len(held))
	}
	if list := parse(t, e.get(t, admin, "/staff/feeds")); !strings.Contains(list.Find(`[data-testid="feed"]`).Text(), "held 2") {
		t.Errorf("the feeds list: %q", list.Find(`[data-testid="feeds"]`).Text())
	}

	// An edit from a stale form is a conflict; a good one is audited.
	id := strings.TrimPrefix(page, "/staff/feeds/")
	if r := e.post(t, admin, page, url.Values{"version": {"1"}, "name": {"Testshire CC"}, "url": {feed.URL}, "every": {"daily"}, "paused": {"yes"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("editing the feed: %d", r.StatusCode)
	}
	if r := e.post(t, admin, page, url.Values{"version": {"1"}, "name": {"Stale"}, "url": {feed.URL}, "every": {"daily"}}); r.StatusCode != http.StatusConflict {
		t.Errorf("a stale edit: %d, want 409", r.StatusCode)
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	if f, _ := e.db.Feed(ctx, n); f.Name != "Testshire CC" || !f.Paused || f.Every != directory.FeedDaily {
		t.Errorf("the edited feed: %+v", f)
	}
	if h, _ := e.db.History(ctx, directory.EntityFeed, id); len(h) != 2 || h[0].UserName != "Ada Admin" {
		t.Errorf("the feed's history: %+v", h)
	}
}

func TestAFeedOnAPrivateAddressFailsAndSaysWhy(t *testing.T) {
	e := newStaffEnv(t) // the default guard
	ctx := context.Background()
	feed := oruktest.Serve(t, oruktest.FS(t, oruktest.Testshire))
	admin := e.login(t, "admin@example.org")
	f, err := e.db.CreateFeed(ctx, directory.Actor{Name: "Ada Admin"}, directory.Feed{Name: "Loopback", URL: feed.URL, Every: directory.FeedDaily})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := e.db.Services(ctx, directory.ServiceFilter{IncludeArchived: true})
	page := "/staff/feeds/" + strconv.FormatInt(f.ID, 10)
	if r := e.post(t, admin, page+"/run", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("Run now: %d", r.StatusCode)
	}
	got := parse(t, e.get(t, admin, page+"?ran=1")).Find(`[data-testid="run-result"]`).Text()
	if !strings.Contains(got, "The run failed") || !strings.Contains(got, "private, loopback or link-local") {
		t.Errorf("the failed run's result: %q", got)
	}
	if after, _ := e.db.Services(ctx, directory.ServiceFilter{IncludeArchived: true}); len(after) != len(before) {
		t.Error("the refused run wrote services")
	}
}

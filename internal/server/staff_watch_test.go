package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func TestStaffWatchAServiceAndACell(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	editor := e.login(t, "editor@example.org")

	page := parse(t, e.get(t, editor, "/staff/services/roberts-centre/edit"))
	if got := page.Find(`[data-testid="watch"] button`).Text(); got != "Watch" {
		t.Fatalf("the service's watch button says %q", got)
	}
	r := e.post(t, editor, "/staff/watches", url.Values{"entity": {"service"}, "key": {"roberts-centre"}, "back": {"/staff/services/roberts-centre/edit"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/staff/services/roberts-centre/edit" {
		t.Fatalf("watching: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if got := parse(t, e.get(t, editor, "/staff/services/roberts-centre/edit")).Find(`[data-testid="watch"] button`).Text(); got != "Stop watching" {
		t.Errorf("after watching, the button says %q", got)
	}
	// Another site cannot be the way back.
	r = e.post(t, editor, "/staff/watches", url.Values{"entity": {"coverage_cell"}, "key": {"home-start/poole"}, "back": {"//evil.example/staff/"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/staff/watching" {
		t.Errorf("watching with a foreign way back: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if got := parse(t, e.get(t, editor, "/staff/coverage/home-start/poole")).Find(`[data-testid="watch"] button`).Text(); got != "Stop watching" {
		t.Errorf("the watched cell's button says %q", got)
	}
	list := parse(t, e.get(t, editor, "/staff/watching")).Find(`[data-testid="watches"] li`)
	if list.Length() != 2 {
		t.Fatalf("%d watches listed, want 2", list.Length())
	}
	if r := e.post(t, editor, "/staff/watches", url.Values{"entity": {"service"}, "key": {"no-such-service"}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("watching no service: %d, want 404", r.StatusCode)
	}
	if r := e.post(t, editor, "/staff/watches/remove", url.Values{"entity": {"service"}, "key": {"roberts-centre"}, "back": {"/staff/watching"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("unwatching: %d", r.StatusCode)
	}
	u, _, err := e.db.UserByEmail(ctx, "editor@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if w, _ := e.db.Watches(ctx, u.ID); len(w) != 1 || w[0].Entity != directory.EntityCoverageCell {
		t.Errorf("watches after unwatching the service: %+v", w)
	}
	if body := e.get(t, editor, "/staff/watching").Body; !strings.Contains(body, "Coverage cell home-start/poole") {
		t.Error("the watching page does not list the cell")
	}
}

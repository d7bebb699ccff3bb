package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

// TestNotesStayOnStaffPages adds a note with markup in it and looks for its
// text everywhere the public or an outside tool can read: the service's
// page, searches, the area's page and briefing, the CSV export and the
// open data API. It must be on the staff notes page alone, escaped.
func TestNotesStayOnStaffPages(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	public, editor := e.client(t), e.login(t, "editor@example.org")
	const marker = "zebracrossing manager <b>on leave</b>"

	if r := e.get(t, public, "/staff/services/roberts-centre/notes"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the public asking for notes: %d, want a redirect to log in", r.StatusCode)
	}
	if r := e.post(t, editor, "/staff/services/roberts-centre/notes", url.Values{"note": {"  "}}); r.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(r.Body, "Enter the note") {
		t.Errorf("an empty note: %d", r.StatusCode)
	}
	if r := e.post(t, editor, "/staff/services/roberts-centre/notes", url.Values{"note": {marker}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("adding a note: %d", r.StatusCode)
	}
	page := e.get(t, editor, "/staff/services/roberts-centre/notes")
	if !strings.Contains(page.Body, "zebracrossing manager &lt;b&gt;on leave&lt;/b&gt;") || strings.Contains(page.Body, "<b>on leave</b>") {
		t.Error("the staff notes page does not show the note as inert text")
	}
	if !strings.Contains(page.Body, "Ed Editor") {
		t.Error("the note does not say who wrote it")
	}

	svc, err := e.db.Service(ctx, "roberts-centre")
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{
		"/services/roberts-centre", "/find?q=Portsmouth", "/services.csv",
		"/api/v1/services", "/api/v1/services?search=zebracrossing", "/api/v1/services/" + svc.UUID,
		"/api/v1/service_at_locations",
	}
	for _, a := range svc.Areas {
		paths = append(paths, "/areas/"+a.Area, "/areas/"+a.Area+"/briefing")
	}
	for _, p := range paths {
		r := e.get(t, public, p)
		if r.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", p, r.StatusCode)
		}
		if strings.Contains(strings.ToLower(r.Body), "zebracrossing") {
			t.Errorf("GET %s shows the note's text", p)
		}
	}
	if found, _ := e.db.SearchServices(ctx, directory.Search{Words: "zebracrossing"}); len(found) != 0 {
		t.Errorf("a search for the note's words finds %d services", len(found))
	}
}

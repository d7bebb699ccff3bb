package server_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestActionsOnGaps(t *testing.T) {
	e := newStaffEnv(t)
	public := e.client(t)
	const cell = `[data-testid="cell-parent-infant-partnership-southampton"]`
	before := parse(t, e.fetch(t, public, "/coverage", nil))
	if got := text(before.Find(cell + " .app-matrix__actions")); got != "No action recorded" {
		t.Errorf("before any action the cell says %q", got)
	}
	if got := text(parse(t, e.fetch(t, public, "/areas/southampton", nil)).Find(`[data-testid="gap-actions-parent-infant-partnership"]`)); got != "No action recorded." {
		t.Errorf("before any action the area's gap says %q", got)
	}

	staff := e.login(t, "editor@example.org")
	if page := e.get(t, staff, "/staff/coverage"); !strings.Contains(page.Body, "/staff/actions/new?service_type=parent-infant-partnership&amp;area=southampton") {
		t.Fatal("the staff coverage page has no way to record an action on a cell")
	}
	const newPath = "/staff/actions/new?service_type=parent-infant-partnership&area=southampton"
	form := formValues(t, e.get(t, staff, newPath).Body, "/staff/actions")

	// Bad input comes back with what was typed, and writes nothing.
	form.Set("what", "")
	form.Set("lead", "Southampton City Council <script>")
	form.Set("due", "next spring")
	bad := e.post(t, staff, "/staff/actions", form)
	if bad.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `data-testid="error-summary"`) ||
		!strings.Contains(bad.Body, "next spring") || strings.Contains(bad.Body, "<script>") {
		t.Fatalf("a bad action: %d, or no error summary, or the typed values lost or not escaped", bad.StatusCode)
	}

	form.Set("what", "Scope a parent-infant team with the city's health visitors")
	form.Set("due", "2020-03-31") // already past: overdue
	form.Set("status", "agreed")
	form.Set("recommendation", "infant-mental-health-pathway")
	saved := e.post(t, staff, "/staff/actions", form)
	if saved.StatusCode != http.StatusSeeOther || !strings.HasPrefix(saved.Header.Get("Location"), "/actions#action-") {
		t.Fatalf("saving an action: %d, to %q", saved.StatusCode, saved.Header.Get("Location"))
	}

	list := parse(t, e.fetch(t, public, "/actions", nil))
	group := list.Find(`[data-testid="actions-parent-infant-partnership-southampton"]`)
	if got := text(group); !strings.Contains(got, "Scope a parent-infant team") || !strings.Contains(got, "Agreed") ||
		!strings.Contains(got, "Overdue") || !strings.Contains(got, "A whole-system infant mental health pathway") {
		t.Errorf("the action on the list reads %q", got)
	}
	if got := text(list.Find(`[data-testid="recommendation-infant-mental-health-pathway"]`)); !strings.Contains(got, "Parent Infant Partnership in Southampton") {
		t.Errorf("the recommendation's actions read %q", got)
	}
	after := parse(t, e.fetch(t, public, "/coverage", nil))
	if href, _ := after.Find(cell + " a.app-matrix__actions").Attr("href"); href != "/actions#cell-parent-infant-partnership-southampton" ||
		group.AttrOr("id", "") != "cell-parent-infant-partnership-southampton" {
		t.Errorf("the cell links to %q, and the list's group has id %q", href, group.AttrOr("id", ""))
	}
	if got := text(parse(t, e.fetch(t, public, "/areas/southampton", nil)).Find("#gaps ~ ul")); !strings.Contains(got, "1 action recorded") || !strings.Contains(got, "Overdue") {
		t.Errorf("the area's gaps read %q", got)
	}
	csv := e.fetch(t, public, "/actions.csv", nil).Body
	if !strings.Contains(csv, "southampton,Southampton,parent-infant-partnership,Parent Infant Partnership,Scope a parent-infant team") ||
		!strings.Contains(csv, ",agreed,infant-mental-health-pathway,true,") {
		t.Errorf("the CSV:\n%s", csv)
	}

	// Two editors start from the same version; the second is refused with both versions shown.
	id := strings.TrimPrefix(saved.Header.Get("Location"), "/actions#action-")
	editPath := "/staff/actions/" + id
	first := formValues(t, e.get(t, staff, editPath+"/edit").Body, editPath)
	other := e.login(t, "editor2@example.org")
	second := formValues(t, e.get(t, other, editPath+"/edit").Body, editPath)
	first.Set("status", "in_progress")
	if r := e.post(t, staff, editPath, first); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("the first edit: %d", r.StatusCode)
	}
	second.Set("status", "dropped")
	conflict := e.post(t, other, editPath, second)
	if conflict.StatusCode != http.StatusConflict || !strings.Contains(conflict.Body, "In progress") || !strings.Contains(conflict.Body, "Dropped") {
		t.Errorf("the stale edit: %d, or the page lacks both versions", conflict.StatusCode)
	}
	history := e.get(t, staff, editPath+"/history")
	if history.StatusCode != 200 || strings.Count(history.Body, `data-testid="history-entry"`) < 2 {
		t.Errorf("the action's history: %d, with %d entries", history.StatusCode, strings.Count(history.Body, `data-testid="history-entry"`))
	}
}

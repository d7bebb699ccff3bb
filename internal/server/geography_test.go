package server_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestCoverageOnTodaysAreas(t *testing.T) {
	e := newStaffEnv(t)
	public := e.client(t)
	report := parse(t, e.fetch(t, public, "/coverage", nil))
	if report.Find(`[data-testid="cell-family-nurse-partnership-poole"]`).Length() != 1 ||
		report.Find(`[data-testid^="cell-family-nurse-partnership-bournemouth-christchurch"]`).Length() != 0 {
		t.Fatal("the report's geography should show Poole and not BCP Council")
	}

	today := parse(t, e.fetch(t, public, "/coverage?areas=current", nil))
	if today.Find(`[data-testid="cell-family-nurse-partnership-poole"]`).Length() != 0 ||
		today.Find(`[data-testid="cell-family-nurse-partnership-dorset"]`).Length() != 0 {
		t.Error("today's geography still shows Poole or Dorset county")
	}
	bcp := text(today.Find(`[data-testid="cell-home-start-bournemouth-christchurch-and-poole"]`))
	for _, want := range []string{"No rating of its own yet", "Bournemouth, 2019: Green", "Poole, 2019: Red", "Dorset, for Christchurch, 2019: Green"} {
		if !strings.Contains(bcp, want) {
			t.Errorf("BCP Council's Home-Start cell reads %q; it lacks %q", bcp, want)
		}
	}
	if today.Find(`[data-testid="cell-home-start-bournemouth-christchurch-and-poole"] strong.nhsuk-tag`).Length() != 0 {
		t.Error("BCP Council's cell shows a rating of its own, which nobody made")
	}
	if got := text(today.Find(`[data-testid="cell-home-start-dorset-council"]`)); !strings.Contains(got, "Dorset, 2019: Green") {
		t.Errorf("Dorset Council's Home-Start cell reads %q", got)
	}

	// Staff rate the new council like any other area; its own rating then shows.
	staff := e.login(t, "editor@example.org")
	if page := e.get(t, staff, "/staff/coverage"); !strings.Contains(page.Body, "/staff/coverage/home-start/bournemouth-christchurch-and-poole") {
		t.Error("the staff coverage page has no way to rate BCP Council")
	}
	path := "/staff/coverage/home-start/bournemouth-christchurch-and-poole"
	form := formValues(t, e.get(t, staff, path).Body, path)
	form.Set("rating", "amber")
	form.Set("reason", "First rating of the new council")
	form.Set("effective_from", "2025-04-01")
	if r := e.post(t, staff, path, form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("rating BCP Council: %d\n%s", r.StatusCode, r.Body)
	}
	after := parse(t, e.fetch(t, public, "/coverage?areas=current", nil))
	cell := after.Find(`[data-testid="cell-home-start-bournemouth-christchurch-and-poole"]`)
	if got := text(cell.Find("strong.nhsuk-tag")); !strings.HasPrefix(got, "Amber") || strings.Contains(text(cell), "Poole, 2019") {
		t.Errorf("after staff rated it, BCP Council's cell reads %q", text(cell))
	}
}

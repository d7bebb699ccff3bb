package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func TestWhatChangedSinceTheBaseline(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	c := e.client(t)

	page := e.get(t, c, "/coverage")
	if !strings.Contains(page.Body, `href="/coverage/changes?from=report-2019"`) || !strings.Contains(page.Body, ">2019 report</a>") {
		t.Fatal("the coverage page does not offer the 2019 baseline")
	}
	none := e.get(t, c, "/coverage/changes")
	if none.StatusCode != 200 || !strings.Contains(none.Body, `data-testid="no-changes"`) || !strings.Contains(none.Body, "Between 1 July 2019 (2019 report) and") {
		t.Fatalf("before any change: %d", none.StatusCode)
	}

	history, err := e.db.CellHistory(ctx, "family-nurse-partnership", "isle-of-wight")
	if err != nil || len(history) == 0 {
		t.Fatal(err)
	}
	if _, err := e.db.RateCell(ctx, directory.Actor{Name: "Ada Admin"}, directory.CellChange{
		ServiceType: "family-nurse-partnership", Area: "isle-of-wight", Rating: directory.Rating("green"),
		Reason: "The island commissioned the programme", EffectiveFrom: "2024-04-01", BasedOn: history[0].ID,
	}); err != nil {
		t.Fatal(err)
	}

	since := e.get(t, c, "/coverage/changes?from=report-2019&to=2025-01-01")
	if since.StatusCode != 200 || !strings.Contains(since.Body, "1 cell changed") {
		t.Fatalf("after a change: %d", since.StatusCode)
	}
	row := since.Body[strings.Index(since.Body, `data-testid="coverage-changes"`):]
	for _, want := range []string{"Family Nurse Partnership", "Isle of Wight", "Red", "Green", "1 April 2024", "Ada Admin", "The island commissioned the programme"} {
		if !strings.Contains(row, want) {
			t.Errorf("the change does not show %q", want)
		}
	}
	if r := e.get(t, c, "/coverage/changes?from=report-2019&to=2024-03-31"); !strings.Contains(r.Body, `data-testid="no-changes"`) {
		t.Error("a change effective later shows before its date")
	}
	for _, bad := range []string{"/coverage/changes?from=last-year", "/coverage/changes?from=2025-01-01&to=2024-01-01"} {
		if r := e.get(t, c, bad); r.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, r.StatusCode)
		}
	}
}

package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func testActionsOnGaps(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	recs, err := db.Recommendations(ctx)
	if err != nil || len(recs) != 4 {
		t.Fatalf("%d recommendations seeded (%v), want the report's 4", len(recs), err)
	}
	actor := directory.Actor{Name: "Test"}
	g, err := db.CreateAction(ctx, actor, directory.GapAction{ServiceType: "parent-infant-partnership", Area: "southampton",
		What: " Scope a parent-infant team ", Lead: "Southampton City Council", Due: "2027-03-31",
		Status: directory.ActionProposed, Recommendation: "infant-mental-health-pathway"})
	if err != nil {
		t.Fatal(err)
	}
	if g.ID == 0 || g.Version != 1 || g.What != "Scope a parent-infant team" || g.AreaName != "Southampton" {
		t.Errorf("created %+v", g)
	}

	// Bad input is refused and writes nothing.
	_, err = db.CreateAction(ctx, actor, directory.GapAction{ServiceType: "parent-infant-partnership", Area: "southampton",
		What: "", Due: "soon", Status: "maybe", Recommendation: "no-such"})
	var invalid *directory.ValidationError
	if !errors.As(err, &invalid) || len(invalid.Fields) != 4 {
		t.Errorf("a bad action gave %v, want four field errors", err)
	}
	if all, _ := db.Actions(ctx, ""); len(all) != 1 {
		t.Errorf("%d actions after a refused one, want 1", len(all))
	}

	edit := g
	edit.Status = directory.ActionAgreed
	saved, err := db.UpdateAction(ctx, actor, edit)
	if err != nil || saved.Version != 2 || saved.Status != directory.ActionAgreed {
		t.Fatalf("edit: %+v, %v", saved, err)
	}
	stale := g
	stale.Status = directory.ActionDropped
	var conflict *directory.ConflictError
	if _, err := db.UpdateAction(ctx, actor, stale); !errors.As(err, &conflict) {
		t.Errorf("an edit from version 1 after version 2 gave %v, want a conflict", err)
	}
	history, err := db.History(ctx, directory.EntityAction, "1")
	if err != nil || len(history) != 2 {
		t.Errorf("history has %d entries (%v), want the creation and the edit", len(history), err)
	}
	if !saved.Overdue("2027-04-01") || saved.Overdue("2027-03-31") {
		t.Error("an agreed action due 2027-03-31 should be overdue on 1 April and not on 31 March")
	}
	if done := (directory.GapAction{Due: "2020-01-01", Status: directory.ActionDone}); done.Overdue("2027-01-01") {
		t.Error("a done action is never overdue")
	}
}

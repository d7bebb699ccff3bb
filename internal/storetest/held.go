package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

// heldBatch is a neighbour's feed: one service in Gosport, and one that names
// only places this directory does not have.
func heldBatch(t *testing.T, db directory.Store, description string) directory.ImportBatch {
	t.Helper()
	good, err := db.Service(context.Background(), "roberts-centre")
	if err != nil {
		t.Fatal(err)
	}
	live := good
	live.ID, live.Version, live.UUID, live.Slug, live.Name = 0, 0, "6a7e0c52-1f3d-4d0e-9a52-000000000001", "testshire-gosport-group", "Testshire group in Gosport"
	live.Areas = []directory.ServiceArea{{Area: "gosport"}}
	held := good
	held.ID, held.Version, held.UUID, held.Slug, held.Name = 0, 0, "6a7e0c52-1f3d-4d0e-9a52-000000000002", "testshire-baby-cafe", "Testshire baby cafe"
	held.Description = description
	held.Areas, held.HeldAreas = nil, []string{"Testshire", "Testville"}
	return directory.ImportBatch{Source: "Testshire feed", Services: []directory.Service{live, held}}
}

func gosportCount(t *testing.T, db directory.Store) int {
	t.Helper()
	found, err := db.SearchServices(context.Background(), directory.Search{Areas: []string{"gosport"}})
	if err != nil {
		t.Fatal(err)
	}
	return len(found)
}

func outcome(outcomes []directory.ImportOutcome, slug string) directory.ImportOutcome {
	for _, o := range outcomes {
		if o.Slug == slug {
			return o
		}
	}
	return directory.ImportOutcome{}
}

func testImportHoldsServicesInNoAreaOfTheDirectory(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	feed := directory.Actor{Name: "feed"}
	gosport := gosportCount(t, db)

	dry, err := db.Import(ctx, feed, heldBatch(t, db, "Drop in for parents of babies."), true)
	if err != nil {
		t.Fatal(err)
	}
	if directory.ImportHeldCount(dry) != 1 || outcome(dry, "testshire-baby-cafe").Action != directory.ImportHeld ||
		outcome(dry, "testshire-gosport-group").Action != directory.ImportAdd {
		t.Fatalf("dry run outcomes %+v", dry)
	}
	if _, err := db.Service(ctx, "testshire-baby-cafe"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Fatalf("the dry run wrote the held service: %v", err)
	}

	if _, err := db.Import(ctx, feed, heldBatch(t, db, "Drop in for parents of babies."), false); err != nil {
		t.Fatal(err)
	}
	if n := gosportCount(t, db); n != gosport+1 {
		t.Errorf("Gosport lists %d services, want %d: the held one must not join it", n, gosport+1)
	}
	held, err := db.Service(ctx, "testshire-baby-cafe")
	if err != nil {
		t.Fatal(err)
	}
	if held.Status != directory.StatusArchived || len(held.Areas) != 0 {
		t.Errorf("held service: status %q, areas %+v", held.Status, held.Areas)
	}
	if isHeld, err := db.IsHeld(ctx, held.ID); err != nil || !isHeld {
		t.Errorf("IsHeld of the held service: %v, %v", isHeld, err)
	}
	list, err := db.HeldServices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Service.Slug != "testshire-baby-cafe" || !slices.Equal(list[0].FeedAreas, []string{"Testshire", "Testville"}) ||
		list[0].State != directory.HeldWaiting || list[0].Service.Name != "Testshire baby cafe" {
		t.Fatalf("held services %+v", list)
	}
	all, _ := db.Services(ctx, directory.ServiceFilter{IncludeArchived: true})

	// The same feed again: nothing new, still held.
	again, err := db.Import(ctx, feed, heldBatch(t, db, "Drop in for parents of babies."), false)
	if err != nil {
		t.Fatal(err)
	}
	if outcome(again, "testshire-baby-cafe").Action != directory.ImportHeld || outcome(again, "testshire-gosport-group").Action != directory.ImportUnchanged {
		t.Errorf("second import %+v", again)
	}
	if now, _ := db.Services(ctx, directory.ServiceFilter{IncludeArchived: true}); len(now) != len(all) {
		t.Errorf("%d services after the second import, %d before", len(now), len(all))
	}
	if list, _ := db.HeldServices(ctx); len(list) != 1 {
		t.Errorf("%d held after the second import", len(list))
	}

	// Rejected: a reason is needed, the version is checked.
	if err := db.RejectHeld(ctx, directory.Actor{Name: "Staff"}, held.Slug, held.Version, "  "); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("reject without a reason: %v", err)
	}
	var conflict *directory.ConflictError
	if err := db.RejectHeld(ctx, directory.Actor{Name: "Staff"}, held.Slug, held.Version+1, "Not ours"); !errors.As(err, &conflict) {
		t.Errorf("reject from an old version: %v", err)
	}
	if err := db.RejectHeld(ctx, directory.Actor{Name: "Staff"}, held.Slug, held.Version, "Testshire runs it for Testshire."); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.HeldServices(ctx); len(list) != 0 {
		t.Errorf("held after rejection: %+v", list)
	}
	if history, _ := db.History(ctx, directory.EntityService, held.Slug); len(history) == 0 || history[0].Action != "reject" {
		t.Errorf("history after rejection %+v", history)
	}
	// The feed unchanged: it stays rejected.
	same, err := db.Import(ctx, feed, heldBatch(t, db, "Drop in for parents of babies."), false)
	if err != nil {
		t.Fatal(err)
	}
	if outcome(same, "testshire-baby-cafe").Action != directory.ImportUnchanged {
		t.Errorf("unchanged rejected service: %+v", outcome(same, "testshire-baby-cafe"))
	}
	if list, _ := db.HeldServices(ctx); len(list) != 0 {
		t.Errorf("an unchanged feed brought back a rejected service: %+v", list)
	}
	// The feed changed it: held again.
	changed, err := db.Import(ctx, feed, heldBatch(t, db, "Drop in for parents of babies, now on Fridays."), false)
	if err != nil {
		t.Fatal(err)
	}
	if outcome(changed, "testshire-baby-cafe").Action != directory.ImportHeld {
		t.Errorf("changed rejected service: %+v", outcome(changed, "testshire-baby-cafe"))
	}
	list, _ = db.HeldServices(ctx)
	if len(list) != 1 {
		t.Fatalf("held after the feed changed it: %+v", list)
	}

	// Approved with areas: published there, audited, no longer held.
	current := list[0].Service
	if _, err := db.ApproveHeld(ctx, directory.Actor{Name: "Staff"}, current.Slug, current.Version, nil); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("approve with no areas: %v", err)
	}
	if _, err := db.ApproveHeld(ctx, directory.Actor{Name: "Staff"}, current.Slug, current.Version+1, []string{"gosport"}); !errors.As(err, &conflict) {
		t.Errorf("approve from an old version: %v", err)
	}
	approved, err := db.ApproveHeld(ctx, directory.Actor{Name: "Staff"}, current.Slug, current.Version, []string{"gosport"})
	if err != nil {
		t.Fatal(err)
	}
	if approved.Status != directory.StatusActive || len(approved.Areas) != 1 || approved.Areas[0].Area != "gosport" {
		t.Errorf("approved %q in %+v", approved.Status, approved.Areas)
	}
	if isHeld, err := db.IsHeld(ctx, approved.ID); err != nil || isHeld {
		t.Errorf("IsHeld of the approved service: %v, %v", isHeld, err)
	}
	if n := gosportCount(t, db); n != gosport+2 {
		t.Errorf("Gosport lists %d after approval, want %d", n, gosport+2)
	}
	if list, _ := db.HeldServices(ctx); len(list) != 0 {
		t.Errorf("held after approval: %+v", list)
	}
	if err := db.RejectHeld(ctx, directory.Actor{Name: "Staff"}, approved.Slug, approved.Version, "late"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("reject of a published service: %v, want not found", err)
	}
	// A later import keeps the areas staff chose.
	if _, err := db.Import(ctx, feed, heldBatch(t, db, "Drop in for parents of babies, now on Fridays."), false); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.Service(ctx, approved.Slug); s.Status != directory.StatusActive || len(s.Areas) != 1 {
		t.Errorf("after a later import: %q in %+v", s.Status, s.Areas)
	}
}

// A held service staff publish by editing it (areas, then active) is no
// longer held, and a later import keeps it live in its areas.
func testHeldServicePublishedByAnEditStaysLive(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	feed, staff := directory.Actor{Name: "feed"}, directory.Actor{Name: "Staff"}
	if _, err := db.Import(ctx, feed, heldBatch(t, db, "Drop in."), false); err != nil {
		t.Fatal(err)
	}
	held, err := db.Service(ctx, "testshire-baby-cafe")
	if err != nil {
		t.Fatal(err)
	}
	held.Areas = []directory.ServiceArea{{Area: "gosport"}}
	held, err = db.UpdateService(ctx, staff, held, "Runs in Gosport too")
	if err != nil {
		t.Fatal(err)
	}
	if held, err = db.SetServiceStatus(ctx, staff, held.Slug, directory.StatusChange{Status: directory.StatusActive, Version: held.Version, Reason: ""}); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.HeldServices(ctx); len(list) != 0 {
		t.Errorf("an active service is listed as held: %+v", list)
	}
	if isHeld, err := db.IsHeld(ctx, held.ID); err != nil || isHeld {
		t.Errorf("IsHeld of a held service staff returned to active: %v, %v; its public page would stay hidden", isHeld, err)
	}
	out, err := db.Import(ctx, feed, heldBatch(t, db, "Drop in."), false)
	if err != nil {
		t.Fatal(err)
	}
	if directory.ImportHeldCount(out) != 0 {
		t.Errorf("the import held a live service again: %+v", out)
	}
	if s, _ := db.Service(ctx, held.Slug); s.Status != directory.StatusActive || len(s.Areas) != 1 {
		t.Errorf("after the import: %q in %+v", s.Status, s.Areas)
	}
	if isHeld, _ := db.IsHeld(ctx, held.ID); isHeld {
		t.Error("still held")
	}
}

package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

// testConcurrentRatingsOfOneCellSaveOnce has a dozen staff rate the same
// cell at once, each from the same latest cell: exactly one rating is
// recorded and audited, and every other is refused as a conflict that
// carries the one recorded. A rating adds a row rather than changing one, so
// nothing but the store's own lock keeps two servers from both recording
// theirs. It is tried on a cell with a history and on one with none yet.
func testConcurrentRatingsOfOneCellSaveOnce(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	if _, err := db.CreateServiceType(ctx, admin, directory.ServiceType{Slug: "doula-support", Name: "Doula support"}); err != nil {
		t.Fatal(err)
	}
	for _, cell := range []struct{ serviceType, area string }{
		{"home-start", "poole"},     // rated by the report
		{"doula-support", "dorset"}, // never rated
	} {
		key := cell.serviceType + "/" + cell.area
		before, err := db.CellHistory(ctx, cell.serviceType, cell.area)
		if err != nil {
			t.Fatal(err)
		}
		var basedOn int64
		if len(before) > 0 {
			basedOn = before[0].ID
		}
		audited, err := db.History(ctx, directory.EntityCoverageCell, key)
		if err != nil {
			t.Fatal(err)
		}

		const staff = 12
		type result struct {
			cell directory.CoverageCell
			err  error
		}
		results := make(chan result, staff)
		var start sync.WaitGroup
		start.Add(1)
		for i := range staff {
			go func() {
				start.Wait()
				c, err := db.RateCell(ctx, directory.Actor{Name: fmt.Sprintf("Staff %d", i)}, directory.CellChange{
					ServiceType: cell.serviceType, Area: cell.area, Rating: directory.Green,
					Note: fmt.Sprintf("rating %d", i), Reason: "Checked with the provider",
					EffectiveFrom: "2025-01-01", BasedOn: basedOn})
				results <- result{c, err}
			}()
		}
		start.Done()
		var saved []directory.CoverageCell
		var conflicts []*directory.ConflictError
		for range staff {
			r := <-results
			var c *directory.ConflictError
			switch {
			case r.err == nil:
				saved = append(saved, r.cell)
			case errors.As(r.err, &c):
				conflicts = append(conflicts, c)
			default:
				t.Errorf("%s: unexpected error: %v", key, r.err)
			}
		}
		if len(saved) != 1 || len(conflicts) != staff-1 {
			t.Fatalf("%s: %d saved and %d refused, want exactly one saved", key, len(saved), len(conflicts))
		}
		for _, c := range conflicts {
			if cur, ok := c.Current.(directory.CoverageCell); !ok || cur.ID != saved[0].ID {
				t.Errorf("%s: a conflict carries %+v, want the cell saved, %d", key, c.Current, saved[0].ID)
			}
		}
		after, err := db.CellHistory(ctx, cell.serviceType, cell.area)
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != len(before)+1 || after[0] != saved[0] {
			t.Errorf("%s: the history went from %d to %d cells, latest %+v; want one more, the one saved %+v",
				key, len(before), len(after), after[0], saved[0])
		}
		if h, _ := db.History(ctx, directory.EntityCoverageCell, key); len(h) != len(audited)+1 {
			t.Errorf("%s: %d audit records, want %d: refused ratings write none", key, len(h), len(audited)+1)
		}
	}
}

// testConcurrentParentEditsMakeNoLoop has two admins at once put each of two
// sibling areas inside the other. Each edit alone is sound, but both
// together would make a loop of parents, so exactly one is saved and the
// other is refused with a parent field error, whichever comes second. It is
// tried on several pairs, to give the edits every chance to meet.
func testConcurrentParentEditsMakeNoLoop(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	for round := range 8 {
		var pair [2]directory.Area
		for i := range pair {
			a, err := db.CreateArea(ctx, admin, directory.Area{Slug: fmt.Sprintf("test-%d-%d", round, i),
				Name: fmt.Sprintf("Test %d %d", round, i), Kind: directory.KindDistrict, ParentSlug: "hampshire"})
			if err != nil {
				t.Fatal(err)
			}
			pair[i] = a
		}
		errs := make(chan error, 2)
		var start sync.WaitGroup
		start.Add(1)
		for i := range pair {
			go func() {
				start.Wait()
				edit := pair[i]
				edit.ParentSlug = pair[1-i].Slug
				_, err := db.UpdateArea(ctx, admin, edit)
				errs <- err
			}()
		}
		start.Done()
		saved, refused := 0, 0
		for range pair {
			err := <-errs
			var v *directory.ValidationError
			switch {
			case err == nil:
				saved++
			case errors.As(err, &v) && v.Fields.For("parent") != "":
				refused++
			default:
				t.Errorf("round %d: unexpected error: %v", round, err)
			}
		}
		if saved != 1 || refused != 1 {
			t.Errorf("round %d: %d saved and %d refused, want one of each", round, saved, refused)
		}
		first, _ := db.Area(ctx, pair[0].Slug)
		second, _ := db.Area(ctx, pair[1].Slug)
		if first.ParentSlug == second.Slug && second.ParentSlug == first.Slug {
			t.Fatalf("round %d: %s and %s are each inside the other", round, first.Slug, second.Slug)
		}
	}
}

// testRatingAnUnratedCellFromAStaleFormIsAConflict rates a cell that has no
// rating, from a form that claims one: the store refuses it as a conflict
// carrying an empty cell, rather than failing.
func testRatingAnUnratedCellFromAStaleFormIsAConflict(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	_, err := db.RateCell(ctx, directory.Actor{Name: "Ed"}, directory.CellChange{
		ServiceType: "home-start", Area: "gosport", Rating: directory.Green, Reason: "Checked",
		EffectiveFrom: "2026-01-01", BasedOn: 999999,
	})
	var conflict *directory.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("rating an unrated cell from a stale form: %v, want a conflict", err)
	}
	if cell, _ := conflict.Current.(directory.CoverageCell); cell.ID != 0 {
		t.Errorf("the conflict carries %+v, want no cell", conflict.Current)
	}
}

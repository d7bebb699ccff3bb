package storetest

import (
	"context"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func testDemandAddsUpAndLeavesTheContentVersionAlone(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	before := contentVersion(t, db)
	gosport := directory.DemandKey{Day: "2026-11-30", Area: "hampshire", PostcodeDistrict: "PO12", Stages: "pregnancy"}
	unknown := directory.DemandKey{Day: "2026-12-01", Area: directory.DemandUnknownPlace}
	for range 2 {
		if err := db.RecordDemand(ctx, map[directory.DemandKey]directory.DemandCount{
			gosport: {Searches: 3, NoResults: 1, Results: 20},
			unknown: {Searches: 1, NoResults: 1},
		}); err != nil {
			t.Fatal(err)
		}
	}
	if got := contentVersion(t, db); got != before {
		t.Errorf("writing the tally moved the content version from %d to %d; it would empty the page cache", before, got)
	}
	rows, err := db.Demand(ctx, "2026-11-30", "2026-12-01")
	if err != nil {
		t.Fatal(err)
	}
	want := []directory.DemandRow{
		{DemandKey: gosport, DemandCount: directory.DemandCount{Searches: 6, NoResults: 2, Results: 40}},
		{DemandKey: unknown, DemandCount: directory.DemandCount{Searches: 2, NoResults: 2}},
	}
	if len(rows) != len(want) || rows[0] != want[0] || rows[1] != want[1] {
		t.Errorf("demand %+v, want %+v", rows, want)
	}
	if rows, _ := db.Demand(ctx, "2026-12-01", "2026-12-01"); len(rows) != 1 || rows[0].Area != directory.DemandUnknownPlace {
		t.Errorf("one day's demand: %+v", rows)
	}
}

func testDemandRecordIsAllOrNothing(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	err := db.RecordDemand(ctx, map[directory.DemandKey]directory.DemandCount{
		{Day: "2026-11-30", Area: "poole"}:  {Searches: 2},
		{Day: "2026-11-30", Area: "dorset"}: {Searches: 1, NoResults: 5}, // more without results than searches
	})
	if err == nil {
		t.Fatal("a count with more searches without results than searches was accepted")
	}
	if rows, _ := db.Demand(ctx, "2026-11-30", "2026-11-30"); len(rows) != 0 {
		t.Errorf("a refused tally wrote %+v", rows)
	}
}

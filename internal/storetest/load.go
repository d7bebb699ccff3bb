package storetest

import (
	"context"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/seeds"
)

func testLoadIsIdempotent(t *testing.T, open Opener) {
	db := open(t)
	ctx := context.Background()
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		t.Fatal(err)
	}
	first, err := db.Load(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if first.CoverageCells != 49 || first.IndicatorValues != 81 || first.Services != len(ds.Services) {
		t.Fatalf("first load added %s", first)
	}
	second, err := db.Load(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if second.Total() != 0 {
		t.Errorf("second load added %s, want nothing", second)
	}
	services, err := db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(services) != len(ds.Services) {
		t.Errorf("services after two loads = %d, want %d", len(services), len(ds.Services))
	}
	m, err := db.Matrix(ctx, "2019-07-01")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cells) != 49 {
		t.Errorf("cells after two loads = %d, want 49", len(m.Cells))
	}
}

func testLoadInvalidDatasetWritesNothing(t *testing.T, open Opener) {
	db := open(t)
	ctx := context.Background()
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		t.Fatal(err)
	}
	ds.Coverage[len(ds.Coverage)-1].Rating = "purple"
	if _, err := db.Load(ctx, ds); err == nil {
		t.Fatal("load of an invalid dataset succeeded")
	}
	empty, err := db.Empty(ctx)
	if err != nil || !empty {
		t.Errorf("after a refused load empty=%v err=%v, want an empty database", empty, err)
	}
}

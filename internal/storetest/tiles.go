package storetest

import (
	"context"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func testLoadTiles(t *testing.T, open Opener) {
	db := open(t)
	ctx := context.Background()
	ds := dataset(t)
	first, err := db.Load(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if first.Tiles != len(ds.Tiles) || first.Tiles == 0 {
		t.Errorf("first load added %d tiles, want %d", first.Tiles, len(ds.Tiles))
	}
	second, err := db.Load(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if second.Tiles != 0 {
		t.Errorf("second load added %d tiles, want none", second.Tiles)
	}

	tiles, err := db.Tiles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]directory.Tile{}
	for _, tile := range ds.Tiles {
		want[tile.Area] = tile
	}
	if len(tiles) != len(want) {
		t.Fatalf("%d tiles stored, want %d", len(tiles), len(want))
	}
	for i, tile := range tiles {
		if tile != want[tile.Area] {
			t.Errorf("stored tile %+v, want %+v", tile, want[tile.Area])
		}
		if i > 0 {
			prev := tiles[i-1]
			if prev.Row > tile.Row || (prev.Row == tile.Row && prev.Column > tile.Column) {
				t.Errorf("tile %+v comes after %+v: want row by row from the north-west", tile, prev)
			}
		}
	}
}

func testLoadRefusesATileForAnUnknownArea(t *testing.T, open Opener) {
	db := open(t)
	ctx := context.Background()
	ds := dataset(t)
	ds.Tiles = append(ds.Tiles, directory.Tile{Area: "atlantis", Column: 5, Row: 5})
	_, err := db.Load(ctx, ds)
	if directory.ErrorCode(err) != directory.EINVALID {
		t.Fatalf("load with a tile for an unknown area: %v, want EINVALID", err)
	}
	tiles, err := db.Tiles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(tiles) != 0 {
		t.Errorf("a refused load stored %d tiles", len(tiles))
	}
}

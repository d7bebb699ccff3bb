package directory_test

import (
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func TestValidateTiles(t *testing.T) {
	areas := []directory.Area{
		{Slug: "north", Name: "North", Kind: directory.KindRegion},
		{Slug: "south", Name: "South", Kind: directory.KindCounty, ParentSlug: "north"},
	}
	tests := []struct {
		name  string
		tiles []directory.Tile
		want  string // a problem the error must name; empty when the tiles are good
	}{
		{"good", []directory.Tile{{Area: "north", Column: 0, Row: 0}, {Area: "south", Column: 0, Row: 1}}, ""},
		{"unknown area", []directory.Tile{{Area: "atlantis", Column: 0, Row: 0}}, `tile 1 ("atlantis"): unknown area`},
		{"two tiles for one area", []directory.Tile{{Area: "north"}, {Area: "north", Column: 1}}, "the area has two tiles"},
		{"two areas on one square", []directory.Tile{{Area: "north", Column: 2, Row: 1}, {Area: "south", Column: 2, Row: 1}}, `column 2, row 1 is already "north"'s`},
		{"negative column", []directory.Tile{{Area: "north", Column: -1}}, "must each be from 0 to"},
		{"row off the grid", []directory.Tile{{Area: "north", Row: directory.MaxTileGrid}}, "must each be from 0 to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := directory.Dataset{Areas: areas, Tiles: tt.tiles}
			err := ds.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("valid tiles refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("tiles accepted, want an error naming %q", tt.want)
			}
			if directory.ErrorCode(err) != directory.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q (code %s), want EINVALID naming %q", err, directory.ErrorCode(err), tt.want)
			}
		})
	}
}

package directory

import "fmt"

// Tile places an area on a schematic tile map: one square per area, set in a
// grid by rough geography, columns running west to east and rows north to
// south. It is not a boundary map, and no square is to scale.
type Tile struct {
	Area   string // slug
	Column int    // 0 is the westernmost column
	Row    int    // 0 is the northernmost row
}

// MaxTileGrid bounds a tile map's columns and rows, so that a mistyped
// position cannot stretch the picture out of sight.
const MaxTileGrid = 20

// validateTiles checks that each tile names a known area, that no area has two
// tiles and that no two tiles share a square.
func validateTiles(tiles []Tile, areas map[string]bool, add func(string, ...any)) {
	placed := map[string]bool{}
	squares := map[string]string{}
	for i, t := range tiles {
		where := fmt.Sprintf("tile %d (%q)", i+1, t.Area)
		if !areas[t.Area] {
			add("%s: unknown area", where)
		}
		if placed[t.Area] {
			add("%s: the area has two tiles", where)
		}
		placed[t.Area] = true
		if t.Column < 0 || t.Row < 0 || t.Column >= MaxTileGrid || t.Row >= MaxTileGrid {
			add("%s: column %d and row %d must each be from 0 to %d", where, t.Column, t.Row, MaxTileGrid-1)
		}
		square := fmt.Sprintf("%d,%d", t.Column, t.Row)
		if other, ok := squares[square]; ok {
			add("%s: column %d, row %d is already %q's", where, t.Column, t.Row, other)
		}
		squares[square] = t.Area
	}
}

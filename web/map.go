package web

import (
	"fmt"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// The tile map's geometry, in the SVG's own units. The picture scales to its
// container, so these fix only its proportions and the size of its text.
const (
	tileWidth  = 150
	tileHeight = 124
	tileGap    = 8
	tileBand   = 30 // the coloured band above the white panel that holds the words
	tileInset  = 6
)

// CoverageMap is a schematic tile map of one service type's ratings: one
// square per area, coloured and patterned by its rating and labelled in words.
type CoverageMap struct {
	ID          string // prefix for the map's element ids, unique on its page
	ServiceType directory.ServiceType
	AsOf        string
	Tiles       []MapTile // the areas with a place on the map
	Unplaced    []MapTile // rated areas the dataset gives no tile, listed beside the map
	columns     int
	rows        int
}

// MapTile is one area's square on the map, with its rating if it has one.
type MapTile struct {
	Area   directory.Area
	Cell   directory.CoverageCell
	Rated  bool
	Column int
	Row    int
}

// NewCoverageMap sets out a service type's ratings in the matrix on the tiles'
// grid. Every area the matrix rates appears, on the map or, lacking a tile,
// in Unplaced.
func NewCoverageMap(id string, m *directory.Matrix, tiles []directory.Tile, t directory.ServiceType) CoverageMap {
	cm := CoverageMap{ID: id, ServiceType: t, AsOf: m.AsOf}
	placed := map[string]directory.Tile{}
	for _, tile := range tiles {
		placed[tile.Area] = tile
	}
	cells := m.Index()
	for _, a := range m.Areas {
		mt := MapTile{Area: a}
		mt.Cell, mt.Rated = cells.Cell(t.Slug, a.Slug)
		tile, ok := placed[a.Slug]
		if !ok {
			cm.Unplaced = append(cm.Unplaced, mt)
			continue
		}
		mt.Column, mt.Row = tile.Column, tile.Row
		cm.columns = max(cm.columns, tile.Column+1)
		cm.rows = max(cm.rows, tile.Row+1)
		cm.Tiles = append(cm.Tiles, mt)
	}
	return cm
}

// All returns every area of the map, placed or not, in matrix order.
func (cm CoverageMap) All() []MapTile {
	return append(append([]MapTile{}, cm.Tiles...), cm.Unplaced...)
}

// Count returns how many areas of the map carry a rating.
func (cm CoverageMap) Count(r directory.Rating) int {
	n := 0
	for _, tiles := range [][]MapTile{cm.Tiles, cm.Unplaced} {
		for _, t := range tiles {
			if t.Rated && t.Cell.Rating == r {
				n++
			}
		}
	}
	return n
}

// ViewBox is the SVG viewBox that holds every tile.
func (cm CoverageMap) ViewBox() string {
	w := cm.columns*(tileWidth+tileGap) - tileGap
	h := cm.rows*(tileHeight+tileGap) - tileGap
	return fmt.Sprintf("0 0 %d %d", max(w, 0), max(h, 0))
}

// Description says in words what the map shows, for its <desc>.
func (cm CoverageMap) Description() string {
	var counts []string
	for _, r := range directory.Ratings {
		counts = append(counts, fmt.Sprintf("%s %s", plural(cm.Count(r), "area", "areas"), strings.ToLower(r.Short())))
	}
	return fmt.Sprintf("%s as at %s: %s. A schematic, not a boundary map: each square is one area, placed roughly where it lies, west on the left and north at the top.",
		cm.ServiceType.Name, FormatDate(cm.AsOf), strings.Join(counts, ", "))
}

// X is the left edge of the tile's square.
func (t MapTile) X() int { return t.Column * (tileWidth + tileGap) }

// Y is the top edge of the tile's square.
func (t MapTile) Y() int { return t.Row * (tileHeight + tileGap) }

// Rating is the tile's rating, or empty where the area has no rating for the
// service type.
func (t MapTile) Rating() directory.Rating {
	if !t.Rated {
		return ""
	}
	return t.Cell.Rating
}

// Word is the rating as the tile writes it.
func (t MapTile) Word() string {
	if !t.Rated {
		return "No rating"
	}
	return t.Cell.Rating.Short()
}

// Label is the tile link's accessible name: the area, its rating in full and
// any note the report gave instead of a colour.
func (t MapTile) Label() string {
	if !t.Rated {
		return t.Area.Name + ": no rating recorded"
	}
	label := t.Area.Name + ": " + t.Cell.Rating.Label()
	if t.Cell.Note != "" {
		label += " (" + t.Cell.Note + ")"
	}
	return label
}

// Fill is the SVG paint of the tile's band: a pattern that carries the rating
// in grey as well as in colour.
func (cm CoverageMap) Fill(t MapTile) string {
	return "url(#" + cm.patternID(t.Rating()) + ")"
}

func (cm CoverageMap) patternID(r directory.Rating) string {
	if r == "" {
		return cm.ID + "-unrated"
	}
	return cm.ID + "-" + string(r)
}

// TileLine is one line of a tile's text and where its baseline sits.
type TileLine struct {
	Text string
	X, Y int
}

// NameLines sets the area's name in the tile's panel: on one line, or on two
// where it is too long for one.
func (t MapTile) NameLines() []TileLine {
	x := t.X() + tileWidth/2
	top := t.Y() + tileBand
	words := strings.Fields(t.Area.Name)
	if len(t.Area.Name) <= 14 || len(words) < 2 {
		return []TileLine{{t.Area.Name, x, top + 32}}
	}
	// Break at the space that best balances the two lines.
	best, bestDiff := 1, len(t.Area.Name)
	for i := 1; i < len(words); i++ {
		first := len(strings.Join(words[:i], " "))
		second := len(strings.Join(words[i:], " "))
		if d := abs(first - second); d < bestDiff {
			best, bestDiff = i, d
		}
	}
	return []TileLine{
		{strings.Join(words[:best], " "), x, top + 24},
		{strings.Join(words[best:], " "), x, top + 46},
	}
}

// WordLine places the rating's word at the foot of the tile's panel.
func (t MapTile) WordLine() TileLine {
	return TileLine{t.Word(), t.X() + tileWidth/2, t.Y() + tileHeight - tileInset - 14}
}

// Box is a rectangle in the SVG's units.
type Box struct{ X, Y, W, H int }

// Square is the tile's whole square.
func (t MapTile) Square() Box { return Box{t.X(), t.Y(), tileWidth, tileHeight} }

// Panel is the white rectangle that holds the tile's words, so that their
// contrast does not depend on the rating's colour.
func (t MapTile) Panel() Box {
	return Box{t.X() + tileInset, t.Y() + tileBand, tileWidth - 2*tileInset, tileHeight - tileBand - tileInset}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

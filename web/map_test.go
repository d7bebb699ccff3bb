package web

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"github.com/wessex-network/directory/internal/directory"
)

// renderDoc renders a component and parses it.
func renderDoc(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var b strings.Builder
	if err := c.Render(context.Background(), &b); err != nil {
		t.Fatalf("render: %v", err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return doc
}

func testMatrix() *directory.Matrix {
	fnp := directory.ServiceType{Slug: "fnp", Name: "Family Nurse Partnership"}
	return &directory.Matrix{
		AsOf: "2019-07-01",
		Areas: []directory.Area{
			{Slug: "west", Name: "West"},
			{Slug: "east", Name: "East"},
			{Slug: "island", Name: "Isle of Somewhere Far Away"},
			{Slug: "middle", Name: "Middle"},
			{Slug: "north", Name: "North"},
			{Slug: "nowhere", Name: "Nowhere"},
		},
		ServiceTypes: []directory.ServiceType{fnp},
		Cells: []directory.CoverageCell{
			{ServiceType: "fnp", Area: "west", Rating: directory.Red},
			{ServiceType: "fnp", Area: "east", Rating: directory.Green},
			{ServiceType: "fnp", Area: "island", Rating: directory.Amber},
			{ServiceType: "fnp", Area: "middle", Rating: directory.NotStated, Note: "ECHO model"},
			{ServiceType: "fnp", Area: "nowhere", Rating: directory.Red},
		},
	}
}

var testTiles = []directory.Tile{
	{Area: "west", Column: 0, Row: 0},
	{Area: "middle", Column: 1, Row: 0},
	{Area: "east", Column: 2, Row: 0},
	{Area: "island", Column: 1, Row: 1},
	{Area: "north", Column: 1, Row: 2}, // has a tile but no rating for the service type
}

func TestCoverageMapTiles(t *testing.T) {
	m := testMatrix()
	cm := NewCoverageMap("test-map", m, testTiles, m.ServiceTypes[0])
	doc := renderDoc(t, CoverageMapFigure(cm))

	want := []struct {
		area, name, rating, word, label, pattern string
	}{
		{"west", "West", "red", "Red", "West: Red: no coverage", "test-map-red"},
		{"east", "East", "green", "Green", "East: Green: full coverage", "test-map-green"},
		{"island", "Isle of Somewhere Far Away", "amber", "Amber", "Isle of Somewhere Far Away: Amber: partial coverage", "test-map-amber"},
		{"middle", "Middle", "not_stated", "Not stated", "Middle: Not stated: no colour given (ECHO model)", "test-map-not_stated"},
		{"north", "North", "", "No rating", "North: no rating recorded", "test-map-unrated"},
	}
	if n := doc.Find(`svg a[data-testid^="tile-"]`).Length(); n != len(want) {
		t.Errorf("%d tiles, want %d", n, len(want))
	}
	for _, w := range want {
		tile := doc.Find(`svg a[data-testid="tile-` + w.area + `"]`)
		if tile.Length() != 1 {
			t.Errorf("%s: %d tiles, want 1", w.area, tile.Length())
			continue
		}
		if got := tile.AttrOr("href", ""); got != "/areas/"+w.area {
			t.Errorf("%s links to %q", w.area, got)
		}
		if got := tile.AttrOr("data-rating", "?"); got != w.rating {
			t.Errorf("%s data-rating %q, want %q", w.area, got, w.rating)
		}
		if got := tile.AttrOr("aria-label", ""); got != w.label {
			t.Errorf("%s aria-label %q, want %q", w.area, got, w.label)
		}
		var lines []string
		tile.Find("text.app-tile__name").Each(func(_ int, s *goquery.Selection) { lines = append(lines, s.Text()) })
		if got := strings.Join(lines, " "); got != w.name {
			t.Errorf("%s tile names %q, want %q", w.area, got, w.name)
		}
		if got := tile.Find("text.app-tile__rating").Text(); got != w.word {
			t.Errorf("%s tile says %q, want %q", w.area, got, w.word)
		}
		fill := tile.Find("rect.app-tile__square").AttrOr("fill", "")
		if fill != "url(#"+w.pattern+")" {
			t.Errorf("%s fill %q, want the %s pattern", w.area, fill, w.pattern)
		}
		if doc.Find(`svg defs pattern[id="`+w.pattern+`"]`).Length() != 1 {
			t.Errorf("%s: pattern %s is not defined", w.area, w.pattern)
		}
	}
	// Each rating's paint differs from every other's, beyond its colour: red
	// is striped, amber dotted, green plain and "not stated" cross-hatched.
	marks := map[string]string{}
	doc.Find("svg defs pattern").Each(func(_ int, p *goquery.Selection) {
		inner, _ := p.Html()
		id := p.AttrOr("id", "")
		for other, seen := range marks {
			if seen == inner {
				t.Errorf("patterns %s and %s are the same", id, other)
			}
		}
		marks[id] = inner
	})
	if doc.Find(`pattern[id="test-map-amber"] circle`).Length() == 0 || doc.Find(`pattern[id="test-map-red"] rect`).Length() < 2 ||
		doc.Find(`pattern[id="test-map-not_stated"] path`).Length() == 0 {
		t.Error("a rating lacks its pattern: red stripes, amber dots or not-stated hatching")
	}

	unplaced := doc.Find(`[data-testid="coverage-map-unplaced"]`)
	if !strings.Contains(unplaced.Text(), "Nowhere") || unplaced.Find(`a[href="/areas/nowhere"]`).Length() != 1 {
		t.Errorf("a rated area with no tile is not listed beside the map: %q", unplaced.Text())
	}
	if strings.Contains(unplaced.Text(), "North") {
		t.Error("a placed area is listed as not on the map")
	}
}

func TestCoverageMapHasANameADescriptionAndATable(t *testing.T) {
	m := testMatrix()
	cm := NewCoverageMap("test-map", m, testTiles, m.ServiceTypes[0])
	doc := renderDoc(t, CoverageMapFigure(cm))
	svg := doc.Find(`svg[data-testid="coverage-map-svg"]`)
	title := svg.Find("#" + svg.AttrOr("aria-labelledby", "none"))
	if !title.Is("title") || !strings.Contains(title.Text(), "Family Nurse Partnership") || !strings.Contains(title.Text(), "1 July 2019") {
		t.Errorf("map's accessible name is %q", title.Text())
	}
	desc := svg.Find("#" + svg.AttrOr("aria-describedby", "none"))
	for _, want := range []string{"2 areas red", "1 area amber", "1 area green", "1 area not stated", "not a boundary map"} {
		if !desc.Is("desc") || !strings.Contains(desc.Text(), want) {
			t.Errorf("map's description %q lacks %q", desc.Text(), want)
		}
	}
	if !strings.Contains(doc.Find("figcaption").Text(), "schematic, not a map of boundaries") {
		t.Error("the map does not say plainly that it is a schematic")
	}
	link := doc.Find(`figcaption a[href^="#"]`).AttrOr("href", "")
	table := doc.Find("table" + link)
	if link == "" || table.Length() != 1 {
		t.Fatalf("the map links to %q, which is not a table on the page", link)
	}
	if n := table.Find("tbody tr").Length(); n != len(m.Areas) {
		t.Errorf("the map's table has %d rows, want one for each of the %d areas", n, len(m.Areas))
	}
	if got := table.Find(`tbody tr:has(a[href="/areas/middle"])`).Text(); !strings.Contains(got, "Not stated: no colour given") || !strings.Contains(got, "ECHO model") {
		t.Errorf("the table's row for Middle reads %q", got)
	}
}

func TestCoverageMapWithoutTilesIsATable(t *testing.T) {
	m := testMatrix()
	doc := renderDoc(t, CoverageMapFigure(NewCoverageMap("test-map", m, nil, m.ServiceTypes[0])))
	if doc.Find("svg.app-tile-map").Length() != 0 {
		t.Error("a map was drawn with no tiles")
	}
	if doc.Find(`[data-testid="coverage-map-table"] tbody tr`).Length() != len(m.Areas) {
		t.Error("without tiles, the ratings are not given as a table")
	}
}

func TestTileNamesWrapOntoTwoLines(t *testing.T) {
	tile := MapTile{Area: directory.Area{Name: "Isle of Somewhere Far Away"}}
	lines := tile.NameLines()
	if len(lines) != 2 || lines[0].Text+" "+lines[1].Text != "Isle of Somewhere Far Away" || lines[0].Y >= lines[1].Y {
		t.Errorf("lines %+v", lines)
	}
	short := MapTile{Area: directory.Area{Name: "Southampton"}}
	if got := short.NameLines(); len(got) != 1 || got[0].Text != "Southampton" {
		t.Errorf("short name set as %+v", got)
	}
	if w := tile.WordLine(); w.Y <= lines[1].Y || w.Y >= tile.Y()+tileHeight {
		t.Errorf("rating word at y %d, not below the name (%d) inside the tile", w.Y, lines[1].Y)
	}
}

// contrast returns the WCAG 2 contrast ratio of two colours written #rrggbb.
func contrast(a, b string) float64 {
	l1, l2 := luminance(a), luminance(b)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

func luminance(hex string) float64 {
	var rgb [3]float64
	for i := range rgb {
		var v int
		for _, c := range hex[1+2*i : 3+2*i] {
			v = v*16 + strings.IndexRune("0123456789abcdef", c)
		}
		s := float64(v) / 255
		if s <= 0.04045 {
			rgb[i] = s / 12.92
		} else {
			rgb[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
}

func TestPictureColoursMeetContrast(t *testing.T) {
	const white = "#ffffff"
	// Words sit on white: the tiles' panels and the charts' background.
	for _, c := range []string{mapText, chartAxis} {
		if r := contrast(c, white); r < 4.5 {
			t.Errorf("text colour %s on white: %.2f:1, want at least 4.5:1", c, r)
		}
	}
	// Bars must stand out from the white page: 3:1 for graphics.
	for _, c := range []string{chartArea, chartComparator} {
		if r := contrast(c, white); r < 3 {
			t.Errorf("bar colour %s on white: %.2f:1, want at least 3:1", c, r)
		}
	}
	// Each pattern's marks must stand out from its ground, so that it reads in grey print.
	if r := contrast(white, mapRed); r < 3 {
		t.Errorf("white stripes on red %s: %.2f:1", mapRed, r)
	}
	if r := contrast(mapText, mapAmber); r < 4.5 {
		t.Errorf("dots %s on amber %s: %.2f:1", mapText, mapAmber, r)
	}
	if r := contrast(mapHatch, mapGrey); r < 3 {
		t.Errorf("hatching %s on grey %s: %.2f:1", mapHatch, mapGrey, r)
	}
}

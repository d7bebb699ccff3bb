package directory_test

import (
	"reflect"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

// regionsMatrix is a small matrix over two regions, a county with a district
// under one of them, and an area that lies in no region.
func regionsMatrix() (*directory.Matrix, []directory.Area) {
	areas := []directory.Area{
		{Slug: "england", Kind: directory.KindNation},
		{Slug: "north", Kind: directory.KindRegion, ParentSlug: "england"},
		{Slug: "south", Kind: directory.KindRegion, ParentSlug: "england"},
		{Slug: "shire", Kind: directory.KindCounty, ParentSlug: "south"},
		{Slug: "shire-district", Kind: directory.KindDistrict, ParentSlug: "shire"},
		{Slug: "moor", Kind: directory.KindUnitary, ParentSlug: "north"},
		{Slug: "island", Kind: directory.KindUnitary},
		{Slug: "city", Kind: directory.KindUnitary, ParentSlug: "south"},
	}
	bySlug := map[string]directory.Area{}
	for _, a := range areas {
		bySlug[a.Slug] = a
	}
	m := &directory.Matrix{
		ServiceTypes: []directory.ServiceType{{Slug: "visits"}, {Slug: "groups"}},
		Areas:        []directory.Area{bySlug["shire"], bySlug["shire-district"], bySlug["moor"], bySlug["island"], bySlug["city"]},
	}
	for _, c := range []struct {
		typ, area string
		r         directory.Rating
	}{
		{"visits", "shire", directory.Red}, {"groups", "shire", directory.Green},
		{"visits", "shire-district", directory.Red},
		{"visits", "moor", directory.Amber}, {"groups", "moor", directory.NotStated},
		{"visits", "island", directory.Green},
		{"visits", "city", directory.Green}, {"groups", "city", directory.Amber},
	} {
		m.Cells = append(m.Cells, directory.CoverageCell{ServiceType: c.typ, Area: c.area, Rating: c.r})
	}
	return m, areas
}

func TestByRegionSortsAreasAndCountsTheirRatings(t *testing.T) {
	m, areas := regionsMatrix()
	got := m.ByRegion(areas)
	type summary struct {
		region string
		areas  []string
		byType map[string]directory.RatingCounts
		all    directory.RatingCounts
	}
	var sums []summary
	for _, rc := range got {
		s := summary{region: rc.Region.Slug, byType: rc.ByType, all: rc.All}
		for _, a := range rc.Areas {
			s.areas = append(s.areas, a.Slug)
		}
		sums = append(sums, s)
	}
	want := []summary{
		{"north", []string{"moor"},
			map[string]directory.RatingCounts{"visits": {Amber: 1}, "groups": {NotStated: 1}},
			directory.RatingCounts{Amber: 1, NotStated: 1}},
		{"south", []string{"shire", "shire-district", "city"},
			map[string]directory.RatingCounts{"visits": {Red: 2, Green: 1}, "groups": {Green: 1, Amber: 1}},
			directory.RatingCounts{Red: 2, Green: 2, Amber: 1}},
		{"island", []string{"island"},
			map[string]directory.RatingCounts{"visits": {Green: 1}},
			directory.RatingCounts{Green: 1}},
	}
	if !reflect.DeepEqual(sums, want) {
		t.Errorf("by region:\n got %+v\nwant %+v", sums, want)
	}
}

func TestByRegionOfOneRegion(t *testing.T) {
	m, areas := regionsMatrix()
	m.Areas = m.Areas[:2] // shire and its district, both in the south
	got := m.ByRegion(areas)
	if len(got) != 1 || got[0].Region.Slug != "south" || len(got[0].Areas) != 2 {
		t.Fatalf("got %+v, want the south alone with two areas", got)
	}
	if got[0].All.Total() != 3 {
		t.Errorf("the south counts %d cells, want the 3 of its two areas", got[0].All.Total())
	}
}

func TestCellIndexAgreesWithTheMatrix(t *testing.T) {
	m, _ := regionsMatrix()
	x := m.Index()
	for _, typ := range []string{"visits", "groups", "none"} {
		for _, a := range append(m.Areas, directory.Area{Slug: "nowhere"}) {
			c1, ok1 := m.Cell(typ, a.Slug)
			c2, ok2 := x.Cell(typ, a.Slug)
			if c1 != c2 || ok1 != ok2 {
				t.Errorf("%s in %s: index %v %v, matrix %v %v", typ, a.Slug, c2, ok2, c1, ok1)
			}
			for _, r := range directory.Ratings {
				if got, want := x.Count(a.Slug, r), m.Count(a.Slug, r); got != want {
					t.Errorf("%s in %s: index counts %d, matrix %d", r, a.Slug, got, want)
				}
			}
		}
	}
}

func TestGapsAreRedAndAmberOnly(t *testing.T) {
	want := map[directory.Rating]bool{directory.Red: true, directory.Amber: true, directory.Green: false, directory.NotStated: false}
	for _, r := range directory.Ratings {
		if r.Gap() != want[r] {
			t.Errorf("%s: Gap() = %v, want %v", r, r.Gap(), want[r])
		}
	}
}

func TestCountOverOneAreaOrAll(t *testing.T) {
	m := &directory.Matrix{Cells: []directory.CoverageCell{
		{ServiceType: "a", Area: "x", Rating: directory.Red},
		{ServiceType: "b", Area: "x", Rating: directory.Green},
		{ServiceType: "a", Area: "y", Rating: directory.Red},
	}}
	if n := m.Count("x", directory.Red); n != 1 {
		t.Errorf("red in x: %d, want 1", n)
	}
	if n := m.Count("", directory.Red); n != 2 {
		t.Errorf("red everywhere: %d, want 2", n)
	}
	if n := m.Count("", directory.Amber); n != 0 {
		t.Errorf("amber everywhere: %d, want 0", n)
	}
}

package directory_test

import (
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func TestMatrixOnCurrentAreas(t *testing.T) {
	ended := "2019-03-31"
	wessex := directory.Area{Slug: "wessex", Name: "Wessex", Kind: directory.KindRegion}
	hampshire := directory.Area{Slug: "hampshire", Name: "Hampshire", ParentSlug: "wessex"}
	dorset := directory.Area{Slug: "dorset", Name: "Dorset", ParentSlug: "wessex", ValidTo: ended}
	bournemouth := directory.Area{Slug: "bournemouth", Name: "Bournemouth", ParentSlug: "wessex", ValidTo: ended}
	poole := directory.Area{Slug: "poole", Name: "Poole", ParentSlug: "wessex", ValidTo: ended}
	christchurch := directory.Area{Slug: "christchurch", Name: "Christchurch", ParentSlug: "dorset", ValidTo: ended}
	bcp := directory.Area{Slug: "bcp", Name: "BCP", ParentSlug: "wessex", ValidFrom: "2019-04-01",
		Succeeds: []string{"bournemouth", "poole", "christchurch"}}
	dorsetCouncil := directory.Area{Slug: "dorset-council", Name: "Dorset Council", ParentSlug: "wessex", ValidFrom: "2019-04-01",
		Succeeds: []string{"dorset"}}
	all := []directory.Area{wessex, hampshire, dorset, bournemouth, poole, bcp, dorsetCouncil, christchurch}
	cell := func(area string, r directory.Rating) directory.CoverageCell {
		return directory.CoverageCell{ServiceType: "fnp", Area: area, Rating: r, EffectiveFrom: "2019-07-01"}
	}
	m := &directory.Matrix{AsOf: "2026-12-01", Areas: []directory.Area{hampshire, dorset, bournemouth, poole},
		ServiceTypes: []directory.ServiceType{{Slug: "fnp", Name: "Family Nurse Partnership"}},
		Cells: []directory.CoverageCell{cell("hampshire", directory.Green), cell("dorset", directory.Amber),
			cell("bournemouth", directory.Red), cell("poole", directory.Green), cell("dorset-council", directory.Red)}}

	current, inherited := m.OnCurrentAreas(all)
	var slugs []string
	for _, a := range current.Areas {
		slugs = append(slugs, a.Slug)
	}
	if got, want := len(slugs), 3; got != want || slugs[0] != "hampshire" || slugs[1] != "dorset-council" || slugs[2] != "bcp" {
		t.Fatalf("areas %v, want hampshire, dorset-council, bcp", slugs)
	}
	if c, ok := current.Cell("fnp", "dorset-council"); !ok || c.Rating != directory.Red {
		t.Errorf("Dorset Council's own rating is lost: %+v", c)
	}
	if len(inherited["fnp/dorset-council"]) != 0 {
		t.Error("a council with a rating of its own is shown its predecessor's too")
	}
	if _, ok := current.Cell("fnp", "bcp"); ok {
		t.Error("BCP was given a rating nobody made")
	}
	got := inherited["fnp/bcp"]
	if len(got) != 3 || got[0].Area.Slug != "bournemouth" || got[0].Cell.Rating != directory.Red ||
		got[1].Area.Slug != "poole" || got[1].Cell.Rating != directory.Green ||
		got[2].Area.Slug != "dorset" || got[2].For != "Christchurch" || got[2].Cell.Rating != directory.Amber {
		t.Errorf("BCP's predecessors' ratings %+v, want Bournemouth red, Poole green and Dorset (for Christchurch) amber", got)
	}

	// Before the councils were formed, the areas stand as they were.
	m.AsOf = "2019-03-01"
	before, _ := m.OnCurrentAreas(all)
	if len(before.Areas) != 4 {
		t.Errorf("on 1 March 2019 the matrix shows %d areas, want the 4 of the time", len(before.Areas))
	}
}

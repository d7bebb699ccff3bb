package directory

import "testing"

func TestCompareMatrices(t *testing.T) {
	before := &Matrix{Cells: []CoverageCell{
		{ServiceType: "a", Area: "x", Rating: Green},
		{ServiceType: "a", Area: "y", Rating: Red},
		{ServiceType: "b", Area: "x", Rating: NotStated, Note: "ECHO model"},
	}}
	after := &Matrix{
		ServiceTypes: []ServiceType{{Slug: "a", Name: "A"}, {Slug: "b", Name: "B"}},
		Areas:        []Area{{Slug: "x", Name: "X"}, {Slug: "y", Name: "Y"}},
		Cells: []CoverageCell{
			{ServiceType: "a", Area: "x", Rating: Green},
			{ServiceType: "a", Area: "y", Rating: Amber, Reason: "new team"},
			{ServiceType: "b", Area: "x", Rating: NotStated, Note: "Barnardo's"},
			{ServiceType: "b", Area: "y", Rating: Red},
		}}
	got := CompareMatrices(before, after)
	if len(got) != 3 {
		t.Fatalf("%d deltas: %+v", len(got), got)
	}
	if got[0].Area != "y" || got[0].Before.Rating != Red || got[0].After.Rating != Amber || !got[0].RatingChanged() || got[0].AreaName != "Y" {
		t.Errorf("first: %+v", got[0])
	}
	if got[1].ServiceType != "b" || got[1].RatingChanged() || got[1].Before.Note != "ECHO model" {
		t.Errorf("a note-only change: %+v", got[1])
	}
	if got[2].Before != nil || !got[2].RatingChanged() {
		t.Errorf("a new cell: %+v", got[2])
	}
}

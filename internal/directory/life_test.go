package directory

import "testing"

func TestCellsAllClosed(t *testing.T) {
	in := func(areas ...string) []ServiceArea {
		var out []ServiceArea
		for _, a := range areas {
			out = append(out, ServiceArea{Area: a})
		}
		return out
	}
	got := CellsAllClosed([]Service{
		{ServiceType: "home-start", Status: StatusTemporarilyClosed, Areas: in("poole", "dorset")},
		{ServiceType: "home-start", Status: StatusActive, Areas: in("dorset")},
		{ServiceType: "fnp", Status: StatusEnded, Areas: in("poole")},
		{ServiceType: "fnp", Status: StatusTemporarilyClosed, Areas: in("poole")},
		{ServiceType: "pip", Status: StatusArchived, Areas: in("poole")},
		{ServiceType: "", Status: StatusEnded, Areas: in("poole")},
	})
	want := map[string]bool{"home-start/poole": true, "fnp/poole": true}
	if len(got) != len(want) {
		t.Fatalf("CellsAllClosed = %v, want %v", got, want)
	}
	for k := range want {
		if !got[k] {
			t.Errorf("CellsAllClosed = %v, want %v", got, want)
		}
	}
}

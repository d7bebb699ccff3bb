package place_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/place"
)

func TestSuggest(t *testing.T) {
	g := wessex(t)
	tests := []struct {
		typed string
		want  string // the suggestions as name (kind, area), joined by "; "; a prefix of them when it ends in "..."
	}{
		{"Gosp", "Gosport (town, Hampshire)"},
		{"gosport", "Gosport (town, Hampshire)"},
		{"Lymi", "Lymington (town, Hampshire)"},
		{"southamp", "Southampton (unitary_authority, Hampshire)"},
		{"Bournem", "Bournemouth (unitary_authority, Dorset); Bournemouth, Christchurch and Poole (other_name, Dorset)"},
		{"Whitel", "Whiteley (town, Hampshire)"},
		{"hamps", "Hampshire (county, Wessex); East Hampshire (district, Hampshire)"},
		{"Forest", "New Forest (district, Hampshire)"},
		{"Saint Leo", "St Leonards (town, Dorset)"},
		{"iow", "IOW (other_name, Isle of Wight)"},
		{"BH1", "BH1 (postcode_district, Dorset); BH10 (postcode_district, Dorset); BH11 (postcode_district, Dorset); ..."},
		{"bh23", "BH23 (postcode_district, Hampshire and Dorset)"},
		{"po12 3ab", "PO12 (postcode_district, Hampshire)"},
		{"Salisb", ""},
		{"Atlantis", ""},
		{"", ""},
		{strings.Repeat("a", 200), ""},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range place.Suggest(g, tt.typed, 10) {
			got = append(got, fmt.Sprintf("%s (%s, %s)", s.Name, s.Kind, s.Area))
		}
		all := strings.Join(got, "; ")
		if prefix, ok := strings.CutSuffix(tt.want, "..."); ok {
			if !strings.HasPrefix(all, prefix) {
				t.Errorf("Suggest(%q) = %s, want it to begin %s", tt.typed, all, prefix)
			}
			continue
		}
		if all != tt.want {
			t.Errorf("Suggest(%q) = %s, want %s", tt.typed, all, tt.want)
		}
	}
	if n := len(place.Suggest(g, "s", 10)); n != 10 {
		t.Errorf("Suggest(s) gave %d, want 10 at most and as many", n)
	}
	if n := len(place.Suggest(g, "s", 3)); n != 3 {
		t.Errorf("Suggest(s, 3) gave %d, want 3", n)
	}
}

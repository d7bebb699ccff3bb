package place_test

import (
	"slices"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/place"
)

// TestResolveForgives checks the ways people type a place that are not its
// exact name: a county, city or short form after it, a postcode beside it,
// and a letter or two wrong.
func TestResolveForgives(t *testing.T) {
	g := wessex(t)
	tests := []struct {
		name      string
		query     string
		outcome   place.Outcome
		areas     []string
		corrected string // what the search was taken to mean, when it was misspelt
		liesIn    string // where the place lies, when what followed it disagreed
		choices   []string
	}{
		{"town, county", "Gosport, Hampshire", place.Found, []string{"gosport"}, "", "", nil},
		{"town county, without the comma", "Hythe Hampshire", place.Found, []string{"new-forest"}, "", "", nil},
		{"town, island", "Newport, Isle of Wight", place.Found, []string{"isle-of-wight"}, "", "", nil},
		{"town and the island's short form", "Newport IOW", place.Found, []string{"isle-of-wight"}, "", "", nil},
		{"town and the short form with stops", "Ryde, I.O.W.", place.Found, []string{"isle-of-wight"}, "", "", nil},
		{"town in a 2019 district of Dorset", "Weymouth, Dorset", place.Found, []string{"weymouth-and-portland"}, "", "", nil},
		{"unitary town in its ceremonial county", "Bournemouth, Dorset", place.Found, []string{"bournemouth"}, "", "", nil},
		{"city in its ceremonial county", "Southampton, Hampshire", place.Found, []string{"southampton"}, "", "", nil},
		{"district of a city", "Shirley, Southampton", place.Found, []string{"southampton"}, "", "", nil},
		{"the county first", "Hampshire, Gosport", place.Found, []string{"gosport"}, "", "", nil},
		{"a district that settles a town in two", "Whiteley, Winchester", place.Found, []string{"winchester"}, "", "", nil},
		{"a county that does not settle it", "Whiteley, Hampshire", place.Ambiguous, []string{"fareham", "winchester"}, "", "", nil},
		{"Saint for St", "Saint Leonards", place.Found, []string{"east-dorset"}, "", "", nil},
		{"and for &", "Weymouth & Portland", place.Found, []string{"weymouth-and-portland"}, "", "", nil},
		{"a county that disagrees", "Gosport, Dorset", place.Found, []string{"gosport"}, "", "Hampshire", nil},
		{"a ceremonial county that disagrees", "Bournemouth, Hampshire", place.Found, []string{"bournemouth"}, "", "Dorset", nil},
		{"a post town that is not the council", "Hedge End, Southampton", place.Found, []string{"eastleigh"}, "", "Hampshire", nil},
		{"a county that is not the island's", "Isle of Wight, Hampshire", place.Found, []string{"isle-of-wight"}, "", "Isle of Wight", nil},
		{"a place outside, with its county", "Farnham, Surrey", place.Outside, nil, "", "", nil},
		{"misspelt city", "Southamton", place.Found, []string{"southampton"}, "Southampton", "", nil},
		{"letters swapped", "Soutahmpton", place.Found, []string{"southampton"}, "Southampton", "", nil},
		{"a letter left out", "Bournmouth", place.Found, []string{"bournemouth"}, "Bournemouth", "", nil},
		{"the last letter left out", "Winchestr", place.Found, []string{"winchester"}, "Winchester", "", nil},
		{"misspelt town in two districts", "Whitely", place.Ambiguous, []string{"fareham", "winchester"}, "Whiteley", "", nil},
		{"misspelt town with its county", "Bournmouth Dorset", place.Found, []string{"bournemouth"}, "Bournemouth, Dorset", "", nil},
		{"town with a misspelt county", "Gosport, Hamshire", place.Found, []string{"gosport"}, "Gosport, Hampshire", "", nil},
		{"a short name is not corrected", "Rye", place.Unknown, nil, "", "", nil},
		{"town and its postcode district", "Basingstoke RG21", place.Found, []string{"basingstoke-and-deane"}, "", "", nil},
		{"postcode district first", "RG21 Basingstoke", place.Found, []string{"basingstoke-and-deane"}, "", "", nil},
		{"island town and postcode district", "Newport PO30", place.Found, []string{"isle-of-wight"}, "", "", nil},
		{"town and full postcode", "Gosport PO12 3AB", place.Found, []string{"gosport"}, "", "", nil},
		{"a town settles a postcode district in two areas", "Lyme Regis, DT7", place.Found, []string{"west-dorset"}, "", "", nil},
		{"a postcode district in both of a town's districts", "Whiteley PO15", place.Ambiguous, []string{"fareham", "winchester"}, "", "", nil},
		{"a town and a postcode elsewhere", "Gosport BH1", place.Conflicting, nil, "", "", []string{"Gosport", "BH1"}},
		{"a town and a postcode outside the region", "Gosport SW1A 1AA", place.Found, []string{"gosport"}, "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := place.Resolve(g, tt.query)
			if r.Outcome != tt.outcome {
				t.Fatalf("Resolve(%q) outcome %d, want %d (matches %v)", tt.query, r.Outcome, tt.outcome, matched(r))
			}
			if got := matched(r); !slices.Equal(got, tt.areas) {
				t.Errorf("Resolve(%q) areas %v, want %v", tt.query, got, tt.areas)
			}
			if r.Corrected != tt.corrected {
				t.Errorf("Resolve(%q) corrected to %q, want %q", tt.query, r.Corrected, tt.corrected)
			}
			liesIn := ""
			if r.Disagree != nil {
				liesIn = r.Disagree.LiesIn
			}
			if liesIn != tt.liesIn {
				t.Errorf("Resolve(%q) says the place lies in %q, want %q", tt.query, liesIn, tt.liesIn)
			}
			if !slices.Equal(r.Choices, tt.choices) {
				t.Errorf("Resolve(%q) choices %v, want %v", tt.query, r.Choices, tt.choices)
			}
		})
	}
}

// TestResolveSetsAsideUnknownPostcode checks that a postcode the gazetteer
// lacks, beside a town it knows, leaves the town's results and says so.
func TestResolveSetsAsideUnknownPostcode(t *testing.T) {
	r := place.Resolve(wessex(t), "Gosport SW1A 1AA")
	if r.SetAside != "SW1A 1AA" || r.Postcode != "" {
		t.Errorf("set aside %q, postcode %q; want SW1A 1AA set aside and no postcode", r.SetAside, r.Postcode)
	}
}

// TestResolveExactCorrectsNothing checks that asking for exactly what was
// typed leaves a misspelling unknown, with the close names to choose from,
// and still reads a county after a place.
func TestResolveExactCorrectsNothing(t *testing.T) {
	g := wessex(t)
	r := place.ResolveExact(g, "Southamton")
	if r.Outcome != place.Unknown || r.Corrected != "" || !slices.Contains(r.Suggestions, "Southampton") {
		t.Errorf("exactly Southamton: outcome %d, corrected %q, suggestions %v", r.Outcome, r.Corrected, r.Suggestions)
	}
	if r := place.ResolveExact(g, "Gosport, Hampshire"); r.Outcome != place.Found {
		t.Errorf("exactly Gosport, Hampshire: outcome %d", r.Outcome)
	}
}

// TestResolveOffersSeveralCloseNames checks that a misspelling as close to
// two names as to each other is not corrected, and both are offered.
func TestResolveOffersSeveralCloseNames(t *testing.T) {
	g := place.Gazetteer{
		Areas: []directory.Area{{Slug: "north", Name: "North", Kind: directory.KindRegion}},
		Places: []directory.Place{
			{Name: "Ashford", Kind: directory.PlaceTown, Area: "north", Source: "test"},
			{Name: "Ashfort", Kind: directory.PlaceTown, Area: "north", Source: "test"},
		},
	}
	r := place.Resolve(g, "Ashfor")
	if r.Outcome != place.Unknown || r.Corrected != "" {
		t.Fatalf("Ashfor: outcome %d, corrected %q; want unknown", r.Outcome, r.Corrected)
	}
	if !slices.Equal(r.Suggestions, []string{"Ashford", "Ashfort"}) {
		t.Errorf("Ashfor: suggestions %v, want Ashford and Ashfort", r.Suggestions)
	}
}

// TestResolveReadsShortForms checks the short forms every dataset gets:
// Saint for St and letters written apart, on both sides of the search.
func TestResolveReadsShortForms(t *testing.T) {
	g := place.Gazetteer{
		Areas: []directory.Area{{Slug: "north", Name: "North", Kind: directory.KindRegion}},
		Places: []directory.Place{
			{Name: "Saint Ives", Kind: directory.PlaceTown, Area: "north", Source: "test"},
			{Name: "AB", Kind: directory.PlaceOtherName, Area: "north", Source: "test"},
		},
	}
	for _, q := range []string{"St Ives", "st. ives", "Saint Ives", "A.B.", "a b"} {
		if r := place.ResolveExact(g, q); r.Outcome != place.Found {
			t.Errorf("%q: outcome %d, want found", q, r.Outcome)
		}
	}
}

package place_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/place"
	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/seeds"
)

// wessex returns the gazetteer of the Wessex dataset.
func wessex(t testing.TB) place.Gazetteer {
	t.Helper()
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		t.Fatal(err)
	}
	return place.Gazetteer{Areas: ds.Areas, Places: ds.Places}
}

func matched(r place.Result) []string {
	var out []string
	for _, m := range r.Matches {
		out = append(out, m.Area.Slug)
	}
	return out
}

func TestResolve(t *testing.T) {
	g := wessex(t)
	tests := []struct {
		name     string
		query    string
		outcome  place.Outcome
		areas    []string
		postcode string
	}{
		{"town in a district", "Gosport", place.Found, []string{"gosport"}, ""},
		{"town in lower case with spaces", "  waterlooville ", place.Found, []string{"havant"}, ""},
		{"town with hyphens typed as spaces", "lee on the solent", place.Found, []string{"gosport"}, ""},
		{"town with an apostrophe left out", "Chandlers Ford", place.Found, []string{"eastleigh"}, ""},
		{"town on the Isle of Wight", "Newport", place.Found, []string{"isle-of-wight"}, ""},
		{"town in a 2019 Dorset district", "Weymouth", place.Found, []string{"weymouth-and-portland"}, ""},
		{"district by name", "Test Valley", place.Found, []string{"test-valley"}, ""},
		{"unitary area by name", "southampton", place.Found, []string{"southampton"}, ""},
		{"county by name", "Hampshire", place.Found, []string{"hampshire"}, ""},
		{"region by name", "Wessex", place.Found, []string{"wessex"}, ""},
		{"full postcode", "PO12 1AA", place.Found, []string{"gosport"}, "PO12 1AA"},
		{"full postcode without a space", "po121aa", place.Found, []string{"gosport"}, "PO12 1AA"},
		{"full postcode with odd spacing and case", " Po12  1aA ", place.Found, []string{"gosport"}, "PO12 1AA"},
		{"postcode district", "BH15", place.Found, []string{"poole"}, "BH15"},
		{"postcode district in lower case with a space", "bh 15", place.Found, []string{"poole"}, "BH15"},
		{"postcode district on the island", "PO30", place.Found, []string{"isle-of-wight"}, "PO30"},
		{"postcode district across the Dorset and Hampshire border", "BH24", place.Ambiguous, []string{"new-forest", "east-dorset"}, "BH24"},
		{"full postcode in a district across two areas", "so16 7aa", place.Ambiguous, []string{"test-valley", "southampton"}, "SO16 7AA"},
		{"postcode district across several Hampshire districts", "SO21", place.Found, []string{"hampshire"}, "SO21"},
		{"postcode district reaching outside the region", "DT7 3AA", place.Ambiguous, []string{"west-dorset"}, "DT7 3AA"},
		{"Somerset postcode district that reaches into Dorset", "BA22", place.Ambiguous, []string{"dorset"}, "BA22"},
		{"Surrey postcode district in a postcode area that touches Hampshire", "GU1 1AA", place.Outside, nil, "GU1 1AA"},
		{"Berkshire postcode district", "RG14", place.Outside, nil, "RG14"},
		{"Devon postcode district", "ex1", place.Outside, nil, "EX1"},
		{"town in two districts", "Whiteley", place.Ambiguous, []string{"fareham", "winchester"}, ""},
		{"a council formed after the report", "BCP Council", place.Ambiguous, []string{"bournemouth", "poole", "christchurch"}, ""},
		{"a council formed after the report, by its old county", "Dorset Council", place.Found, []string{"dorset"}, ""},
		{"unknown place", "Atlantis", place.Unknown, nil, ""},
		{"misspelt town", "Gosprt", place.Found, []string{"gosport"}, ""},
		{"unknown short name", "Rye", place.Unknown, nil, ""},
		{"town outside the region", "Salisbury", place.Outside, nil, ""},
		{"London postcode district", "SW1", place.Outside, nil, "SW1"},
		{"Manchester postcode", "M1 1AE", place.Outside, nil, "M1 1AE"},
		{"Bristol postcode district", "bs1", place.Outside, nil, "BS1"},
		{"Wiltshire postcode district known to be outside", "SP1", place.Outside, nil, "SP1"},
		{"West Sussex postcode known to be outside", "PO19 1AB", place.Outside, nil, "PO19 1AB"},
		{"postcode district in a Wessex postcode area that the gazetteer lacks", "PO99", place.UnknownPostcode, nil, "PO99"},
		{"nothing typed", "   ", place.Empty, nil, ""},
		{"the nation is not a place to search", "England", place.Unknown, nil, ""},
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
			if r.Postcode != tt.postcode {
				t.Errorf("Resolve(%q) postcode %q, want %q", tt.query, r.Postcode, tt.postcode)
			}
		})
	}
}

func TestResolveExplains(t *testing.T) {
	g := wessex(t)
	if r := place.ResolveExact(g, "Gosprt"); r.Outcome != place.Unknown || !slices.Contains(r.Suggestions, "Gosport") {
		t.Errorf("exactly Gosprt: outcome %d, suggestions %v, want unknown with Gosport among them", r.Outcome, r.Suggestions)
	}
	if r := place.ResolveExact(g, "Winchster"); len(r.Suggestions) == 0 || r.Suggestions[0] != "Winchester" {
		t.Errorf("suggestions for exactly Winchster: %v, want Winchester first", r.Suggestions)
	}
	if r := place.Resolve(g, "Salisbury"); !strings.Contains(r.OutsideNote, "Wiltshire") {
		t.Errorf("Salisbury's note %q does not say where it is", r.OutsideNote)
	}
	r := place.Resolve(g, "PO99")
	for _, want := range []string{"BH", "DT", "PO", "SO", "SP", "GU", "RG"} {
		if !slices.Contains(r.PostcodeAreas, want) {
			t.Errorf("the region's postcode areas %v lack %s", r.PostcodeAreas, want)
		}
	}
	if slices.Contains(r.PostcodeAreas, "SW") {
		t.Error("the region's postcode areas include SW")
	}
}

// TestGazetteerCoversTheRegion checks the seeded gazetteer: every district
// and main town the brief names is there, every postcode district in the
// region's main postcode areas resolves, and each rated area is reached.
func TestGazetteerCoversTheRegion(t *testing.T) {
	g := wessex(t)
	towns := []string{"Gosport", "Havant", "Waterlooville", "Fareham", "Eastleigh", "Winchester", "Basingstoke",
		"Andover", "Romsey", "Aldershot", "Farnborough", "Fleet", "Petersfield", "Alton", "Lymington", "New Milton",
		"Ringwood", "Totton", "Weymouth", "Dorchester", "Bridport", "Sherborne", "Shaftesbury", "Blandford Forum",
		"Wimborne Minster", "Ferndown", "Swanage", "Wareham", "Christchurch", "Newport", "Ryde", "Cowes", "Sandown", "Shanklin"}
	for _, town := range towns {
		if r := place.Resolve(g, town); r.Outcome != place.Found {
			t.Errorf("%s: outcome %d, want one area", town, r.Outcome)
		}
	}
	districts := 0
	for _, a := range g.Areas {
		if a.Kind == directory.KindDistrict {
			districts++
			if r := place.Resolve(g, a.Name); r.Outcome != place.Found || r.Matches[0].Area.Slug != a.Slug {
				t.Errorf("district %s does not resolve to itself", a.Name)
			}
		}
	}
	if districts != 17 {
		t.Errorf("%d districts, want 11 in Hampshire and 6 in Dorset", districts)
	}
	// Every district of these postcode areas exists and lies in the region.
	whole := map[string][]int{"PO": {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41},
		"SO": {14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 30, 31, 32, 40, 41, 42, 43, 45, 50, 51, 52, 53},
		"BH": {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 31},
		"DT": {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}}
	for area, numbers := range whole {
		for _, n := range numbers {
			q := area + strconv.Itoa(n)
			if r := place.Resolve(g, q); r.Outcome != place.Found && r.Outcome != place.Ambiguous {
				t.Errorf("%s: outcome %d, want an area in the region", q, r.Outcome)
			}
		}
	}
	rated := map[string]bool{}
	for _, p := range g.Places {
		for _, a := range place.Lineage(g.Areas, p.Area) {
			rated[a.Slug] = true
		}
	}
	for _, slug := range []string{"hampshire", "dorset", "isle-of-wight", "portsmouth", "southampton", "bournemouth", "poole"} {
		if !rated[slug] {
			t.Errorf("no place in the gazetteer lies in %s", slug)
		}
	}
}

func TestLineage(t *testing.T) {
	g := wessex(t)
	var got []string
	for _, a := range place.Lineage(g.Areas, "gosport") {
		got = append(got, a.Slug)
	}
	if want := []string{"gosport", "hampshire", "wessex", "england"}; !slices.Equal(got, want) {
		t.Errorf("lineage of Gosport %v, want %v", got, want)
	}
	if l := place.Lineage(g.Areas, "nowhere"); len(l) != 0 {
		t.Errorf("lineage of an unknown area: %v", l)
	}
}

func TestServes(t *testing.T) {
	g := wessex(t)
	children := place.Children(g.Areas)
	service := func(areas ...directory.ServiceArea) directory.Service { return directory.Service{Areas: areas} }
	roberts := service(directory.ServiceArea{Area: "portsmouth"}, directory.ServiceArea{Area: "hampshire", Note: "Havant and Gosport only."})
	regionWide := service(directory.ServiceArea{Area: "wessex", Note: "The unit is in Bournemouth and takes women from across Wessex."})
	southampton := service(directory.ServiceArea{Area: "southampton", Note: "Southampton only."})
	county := service(directory.ServiceArea{Area: "hampshire"})
	tests := []struct {
		name    string
		service directory.Service
		area    string
		ok      bool
		text    string
	}{
		{"a district the note names", roberts, "gosport", true, "Serves Havant and Gosport"},
		{"the other district the note names", roberts, "havant", true, "Serves Havant and Gosport"},
		{"a district the note leaves out", roberts, "winchester", false, ""},
		{"the county the note qualifies", roberts, "hampshire", true, "Serves Hampshire"},
		{"a unitary area it lists", roberts, "portsmouth", true, "Serves Portsmouth"},
		{"an area it does not list", roberts, "southampton", false, ""},
		{"region-wide, naming a town but not limiting to it", regionWide, "southampton", true, "Serves all of Wessex"},
		{"region-wide from a district", regionWide, "gosport", true, "Serves all of Wessex"},
		{"one unitary area", southampton, "southampton", true, "Serves Southampton"},
		{"the county from one of its districts", county, "winchester", true, "Serves Hampshire"},
		{"a county service outside the county", county, "poole", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := place.Serves(tt.service, place.Lineage(g.Areas, tt.area), children)
			if ok != tt.ok || r.Text != tt.text {
				t.Errorf("Serves in %s = %q, %v; want %q, %v", tt.area, r.Text, ok, tt.text, tt.ok)
			}
		})
	}
	if r, _ := place.Serves(roberts, place.Lineage(g.Areas, "hampshire"), children); r.Note != "Havant and Gosport only." {
		t.Errorf("searching the whole county, the note %q is not shown", r.Note)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Lee-on-the-Solent":                 "lee on the solent",
		"Bishop's Waltham":                  "bishops waltham",
		"  Hayling   ISLAND":                "hayling island",
		"Bournemouth, Christchurch & Poole": "bournemouth christchurch and poole",
		"St. Leonards":                      "st leonards",
	} {
		if got := place.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestChoose(t *testing.T) {
	g := wessex(t)
	r := place.Resolve(g, "BH23").Choose("new-forest")
	if r.Outcome != place.Found || !slices.Equal(matched(r), []string{"new-forest"}) {
		t.Errorf("choosing the New Forest for BH23: outcome %d, areas %v", r.Outcome, matched(r))
	}
	if r := place.Resolve(g, "BH23").Choose("portsmouth"); r.Outcome != place.Ambiguous {
		t.Errorf("choosing an area BH23 is not in: outcome %d, want the question left open", r.Outcome)
	}
	if r := place.Resolve(g, "Gosport").Choose("poole"); !slices.Equal(matched(r), []string{"gosport"}) {
		t.Errorf("a choice changed a place that was not in doubt: %v", matched(r))
	}
}

// TestBorderPostcodeDistrictsReachHampshire checks two Berkshire postcode
// districts that take in Hampshire villages: each offers its Hampshire part
// and its part outside Wessex.
func TestBorderPostcodeDistrictsReachHampshire(t *testing.T) {
	g := wessex(t)
	for q, want := range map[string]string{"RG7": "hampshire", "rg19 8aa": "basingstoke-and-deane"} {
		res := place.Resolve(g, q)
		if res.Outcome != place.Ambiguous || !slices.Equal(matched(res), []string{want}) || !res.PartlyOutside() {
			t.Errorf("Resolve(%q) = %v %v (partly outside %v), want %s or outside Wessex", q, res.Outcome, matched(res), res.PartlyOutside(), want)
		}
	}
}

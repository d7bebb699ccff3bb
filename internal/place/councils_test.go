package place_test

import (
	"encoding/csv"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/place"
	"github.com/wessex-network/directory/internal/postcode"
)

// council is one local authority a postcode district reaches.
type council struct{ code, name string }

// readCouncils reads the councils each postcode district reaches, from the
// NHS COVID-19 app's open data (see the file's opening comment).
func readCouncils(t *testing.T) map[string][]council {
	t.Helper()
	f, err := os.Open("testdata/postcode-councils.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]council{}
	for _, rec := range recs[1:] {
		codes, names := strings.Split(rec[1], ";"), strings.Split(rec[2], ";")
		if len(codes) != len(names) {
			t.Fatalf("%s: %d codes but %d names", rec[0], len(codes), len(names))
		}
		for i := range codes {
			out[rec[0]] = append(out[rec[0]], council{codes[i], names[i]})
		}
	}
	return out
}

// successor gives, for each council that ended in April 2019, the council
// that took over its land: Bournemouth, Poole and Christchurch became BCP,
// and the other Dorset districts became Dorset Council.
var successor = map[string]string{
	"E06000028": "E06000058", "E06000029": "E06000058", "E07000048": "E06000058",
	"E07000049": "E06000059", "E07000050": "E06000059", "E07000051": "E06000059",
	"E07000052": "E06000059", "E07000053": "E06000059",
}

// TestGazetteerAgreesWithCouncils checks every postcode district of the
// postcode areas that touch Wessex against the councils the reference list
// says it reaches. Every district has a row; every row's area reaches one of
// the district's councils; a county stands for a district only where the
// district reaches more than one of its councils; and every council with no
// row of its own is named in a note: outside Wessex in the note of a row
// with no area, inside it in the note of the rows that are there.
func TestGazetteerAgreesWithCouncils(t *testing.T) {
	g := wessex(t)
	ref := readCouncils(t)
	areas := map[string]directory.Area{}
	for _, a := range g.Areas {
		areas[a.Slug] = a
	}
	children := place.Children(g.Areas)
	// councils gives the councils of 2019 to 2023 that hold an area's land.
	var councils func(slug string) []string
	councils = func(slug string) []string {
		a := areas[slug]
		if a.Kind == directory.KindCounty {
			var out []string
			for _, c := range children[slug] {
				out = append(out, councils(c.Slug)...)
			}
			return out
		}
		if s, ok := successor[a.Code]; ok {
			return []string{s}
		}
		return []string{a.Code}
	}
	inWessex := map[string]bool{}
	for _, a := range g.Areas {
		if a.Code != "" && a.Kind != directory.KindCounty {
			for _, c := range councils(a.Slug) {
				inWessex[c] = true
			}
		}
	}

	rows := map[string][]directory.Place{}
	for _, p := range g.Places {
		if p.Kind == directory.PlacePostcodeDistrict {
			rows[p.Name] = append(rows[p.Name], p)
			if _, ok := ref[p.Name]; !ok {
				t.Errorf("%s is in the gazetteer but not in the council list", p.Name)
			}
		}
	}
	for district, reaches := range ref {
		rs := rows[district]
		if len(rs) == 0 {
			t.Errorf("%s is missing from the gazetteer", district)
			continue
		}
		codes := map[string]bool{}
		for _, c := range reaches {
			codes[c.code] = true
		}
		covered := map[string]bool{}
		var insideNote, outsideNote string
		outsideRow := false
		for _, p := range rs {
			if p.Outside() {
				outsideRow, outsideNote = true, p.Note
				continue
			}
			insideNote = p.Note
			var hit []string
			for _, c := range councils(p.Area) {
				if codes[c] {
					hit = append(hit, c)
					covered[c] = true
				}
			}
			if len(hit) == 0 {
				t.Errorf("%s: a row puts it in %s, which reaches none of its councils %v", district, p.Area, reaches)
			}
			if areas[p.Area].Kind == directory.KindCounty && p.Area == "hampshire" && len(hit) < 2 {
				t.Errorf("%s: a row puts it in the county, but it reaches only %v of its districts", district, hit)
			}
		}
		anyOutside := false
		for _, c := range reaches {
			switch {
			case covered[c.code]:
			case inWessex[c.code]:
				if !strings.Contains(insideNote, c.name) {
					t.Errorf("%s: reaches %s, which has no row and is not named in the note %q", district, c.name, insideNote)
				}
			default:
				anyOutside = true
				if !outsideRow || !strings.Contains(outsideNote, c.name) {
					t.Errorf("%s: reaches %s, outside Wessex, but no row with no area names it", district, c.name)
				}
			}
		}
		if outsideRow && !anyOutside {
			t.Errorf("%s: a row says it lies outside Wessex, but all its councils are inside", district)
		}
	}
	// Every postcode area the gazetteer uses is listed whole.
	used := map[string]bool{}
	for d := range rows {
		if pc, ok := postcode.Parse(d); ok {
			used[pc.Area()] = true
		}
	}
	for d := range ref {
		pc, _ := postcode.Parse(d)
		if !used[pc.Area()] {
			t.Errorf("the council list has %s but the gazetteer uses no %s district", d, pc.Area())
		}
	}
}

// TestChooseOutside checks that a postcode district reaching outside the
// region offers that part as a choice, and that choosing it says so.
func TestChooseOutside(t *testing.T) {
	g := wessex(t)
	r := place.Resolve(g, "DT7")
	if !r.PartlyOutside() || !strings.Contains(r.OutsideNote, "East Devon") {
		t.Fatalf("DT7: partly outside %v, note %q; want the choice of East Devon", r.PartlyOutside(), r.OutsideNote)
	}
	if c := r.Choose(place.OutsideChoice); c.Outcome != place.Outside || len(c.Matches) != 0 {
		t.Errorf("choosing the part outside: outcome %d, matches %v", c.Outcome, matched(c))
	}
	if c := r.Choose("west-dorset"); c.Outcome != place.Found || !slices.Equal(matched(c), []string{"west-dorset"}) {
		t.Errorf("choosing West Dorset: outcome %d, matches %v", c.Outcome, matched(c))
	}
	inside := place.Resolve(g, "SO16")
	if inside.PartlyOutside() {
		t.Error("SO16 lies wholly in Wessex but offers a part outside")
	}
	if c := inside.Choose(place.OutsideChoice); c.Outcome != place.Ambiguous {
		t.Errorf("choosing outside for a district wholly inside: outcome %d, want the question left open", c.Outcome)
	}
}

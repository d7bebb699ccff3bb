package place

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/postcode"
)

// Suggestion is a place offered as someone types: its name as the
// gazetteer writes it, its kind, and the county it lies in as people say it.
type Suggestion struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // a place's kind (town, postcode_district, other_name) or an area's (county, district, ...)
	Area string `json:"area"` // such as "Hampshire", or "Hampshire and Dorset" for a place in both
}

// maxPrefix bounds the text Suggest looks at.
const maxPrefix = 60

// Suggest returns up to n places in the region whose names begin with what
// has been typed, or one of whose words does ("Forest" offers "New
// Forest"): first the name typed in full, then those that begin with it,
// shorter names first. A postcode district is offered by its outward code
// ("BH1" offers BH1, then BH10 to BH19). Places known only to lie outside
// the region are left out.
func Suggest(g Gazetteer, typed string, n int) []Suggestion {
	if utf8.RuneCountInString(typed) > maxPrefix {
		return nil
	}
	k := key(typed)
	if k == "" || n <= 0 {
		return nil
	}
	ix := newIndex(g)
	type candidate struct {
		rank int
		name string
		s    Suggestion
	}
	var found []candidate

	// Postcode districts, by their outward code typed in any case and
	// spacing, once a digit shows that a postcode is being typed.
	compact := strings.ToUpper(strings.Join(strings.Fields(typed), ""))
	if pc, ok := postcode.Parse(typed); ok && pc.Full() {
		compact = pc.Outward
	}
	byDistrict := map[string][]directory.Place{}
	var districts []string
	hasDigit := strings.ContainsAny(compact, "0123456789")
	for _, p := range g.Places {
		if hasDigit && p.Kind == directory.PlacePostcodeDistrict && strings.HasPrefix(p.Name, compact) {
			if _, seen := byDistrict[p.Name]; !seen {
				districts = append(districts, p.Name)
			}
			byDistrict[p.Name] = append(byDistrict[p.Name], p)
		}
	}
	for _, d := range districts {
		if s, ok := ix.suggestion(d, directory.PlacePostcodeDistrict, byDistrict[d]); ok {
			rank := 1
			if d == compact {
				rank = 0
			}
			found = append(found, candidate{rank, d, s})
		}
	}

	for _, name := range ix.keys {
		rank := 3
		switch {
		case name == k:
			rank = 0
		case strings.HasPrefix(name, k):
			rank = 1
		case strings.Contains(name, " "+k):
			rank = 2
		}
		if rank == 3 {
			continue
		}
		rows := ix.subject(name)
		kind := ""
		if len(rows) > 0 {
			kind = rows[0].Kind
		}
		if s, ok := ix.suggestion(ix.written[name], kind, rows); ok {
			found = append(found, candidate{rank, name, s})
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].rank != found[j].rank {
			return found[i].rank < found[j].rank
		}
		return len(found[i].name) < len(found[j].name)
	})
	var out []Suggestion
	for i := 0; i < len(found) && len(out) < n; i++ {
		out = append(out, found[i].s)
	}
	return out
}

// suggestion describes a name and the rows it leads to, or reports false
// when they all lie outside the region. A row with no kind is an area found
// by its name, and takes the area's kind.
func (ix *index) suggestion(name, kind string, rows []directory.Place) (Suggestion, bool) {
	var counties []string
	for _, r := range rows {
		if r.Outside() {
			continue
		}
		a := ix.areas[r.Area]
		if kind == "" {
			kind = a.Kind
		}
		c := ix.county(r.Area)
		if c == "" || (c == a.Name && r.Name == a.Name) { // the place is the county itself: say where that lies
			if a.CeremonialCounty != "" {
				c = ix.areas[a.CeremonialCounty].Name
			} else {
				c = a.ParentName
				if c == "" {
					c = ix.areas[a.ParentSlug].Name
				}
			}
		}
		if c != "" && !contains(counties, c) {
			counties = append(counties, c)
		}
	}
	if len(counties) == 0 {
		return Suggestion{}, false
	}
	return Suggestion{Name: name, Kind: kind, Area: joinWords(counties)}, true
}

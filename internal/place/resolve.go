// Package place finds where a family is from what they type: a town, a
// district, an area's name, a postcode district or a full postcode. It
// resolves the text through the gazetteer to one area or more, and says why
// a service matches the place. It is pure: the caller supplies the gazetteer.
package place

import (
	"sort"
	"strings"
	"unicode"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/postcode"
)

// Gazetteer is everything the resolver knows: the areas and the places that
// lie in them.
type Gazetteer struct {
	Areas  []directory.Area
	Places []directory.Place
}

// Outcome says what became of a search for a place.
type Outcome int

// The outcomes of resolving a place.
const (
	Empty           Outcome = iota // nothing was typed
	Found                          // one area
	Ambiguous                      // more than one area: ask which
	Unknown                        // no place or area of that name
	UnknownPostcode                // a postcode in the region's postcode areas that the gazetteer lacks
	Outside                        // a place or postcode outside the region
)

// Match is one area a search resolved to, with the place that led there.
type Match struct {
	Area directory.Area
	Name string // the place as the gazetteer writes it, such as "Gosport" or "BH15"
	Note string // the gazetteer's note on the place, if any
}

// Result is what a search for a place found.
type Result struct {
	Query         string // what was typed, with spaces trimmed
	Outcome       Outcome
	Postcode      string // the postcode written properly, when one was typed
	Matches       []Match
	Suggestions   []string // close spellings, for an unknown place
	OutsideNote   string   // where an outside place, or the outside part of a place, lies, when the gazetteer says
	PostcodeAreas []string // the postcode areas the gazetteer covers, such as "BH" and "PO"
}

// searchable reports whether people may search for an area by its name:
// the region and its councils, not the nation or NHS commissioning areas.
func searchable(kind string) bool {
	switch kind {
	case directory.KindRegion, directory.KindCounty, directory.KindUnitary, directory.KindDistrict:
		return true
	}
	return false
}

// Resolve finds the area or areas that the text names.
func Resolve(g Gazetteer, query string) Result {
	res := Result{Query: strings.Join(strings.Fields(query), " ")}
	if res.Query == "" {
		res.Outcome = Empty
		return res
	}
	areas := make(map[string]directory.Area, len(g.Areas))
	for _, a := range g.Areas {
		areas[a.Slug] = a
	}

	if pc, ok := postcode.Parse(res.Query); ok {
		res.Postcode = pc.String()
		var rows []directory.Place
		for _, p := range g.Places {
			if p.Kind == directory.PlacePostcodeDistrict && p.Name == pc.Outward {
				rows = append(rows, p)
			}
		}
		if len(rows) == 0 {
			res.PostcodeAreas = postcodeAreas(g.Places)
			res.Outcome = Outside
			for _, a := range res.PostcodeAreas {
				if a == pc.Area() {
					res.Outcome = UnknownPostcode
				}
			}
			return res
		}
		return settle(res, rows, areas)
	}

	key := Fold(res.Query)
	var rows []directory.Place
	for _, p := range g.Places {
		if p.Kind != directory.PlacePostcodeDistrict && Fold(p.Name) == key {
			rows = append(rows, p)
		}
	}
	if len(rows) > 0 {
		return settle(res, rows, areas)
	}
	for _, a := range g.Areas {
		if searchable(a.Kind) && (Fold(a.Name) == key || (a.ShortName != "" && Fold(a.ShortName) == key)) {
			res.Matches = append(res.Matches, Match{Area: a, Name: a.Name})
		}
	}
	switch len(res.Matches) {
	case 0:
		res.Outcome = Unknown
		res.Suggestions = suggest(g, key)
	case 1:
		res.Outcome = Found
	default:
		res.Outcome = Ambiguous
	}
	return res
}

// settle turns the gazetteer rows a search found into matches, one per area.
// A row with no area says the place lies outside the region, in whole or in
// part: on its own it makes the place outside, and beside rows inside the
// region it makes "outside Wessex" one more choice to offer.
func settle(res Result, rows []directory.Place, areas map[string]directory.Area) Result {
	seen := map[string]bool{}
	outside := false
	for _, p := range rows {
		if p.Outside() {
			if !outside {
				outside, res.OutsideNote = true, p.Note
			}
			continue
		}
		a, ok := areas[p.Area]
		if !ok || seen[p.Area] {
			continue
		}
		seen[p.Area] = true
		res.Matches = append(res.Matches, Match{Area: a, Name: p.Name, Note: p.Note})
	}
	switch {
	case len(res.Matches) == 0:
		res.Outcome = Outside
	case len(res.Matches) == 1 && !outside:
		res.Outcome = Found
	default:
		res.Outcome = Ambiguous
	}
	return res
}

// OutsideChoice is the choice, beside the areas of an ambiguous result, of
// the part of the place that lies outside the region.
const OutsideChoice = "outside"

// PartlyOutside reports whether an ambiguous result offers the choice of the
// part outside the region.
func (r Result) PartlyOutside() bool {
	return r.Outcome == Ambiguous && r.OutsideNote != ""
}

// postcodeAreas lists the postcode areas that any postcode district in the
// gazetteer belongs to, in order.
func postcodeAreas(places []directory.Place) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range places {
		if p.Kind != directory.PlacePostcodeDistrict || p.Outside() {
			continue
		}
		if pc, ok := postcode.Parse(p.Name); ok && !seen[pc.Area()] {
			seen[pc.Area()] = true
			out = append(out, pc.Area())
		}
	}
	sort.Strings(out)
	return out
}

// Fold writes a name the way the resolver compares names: lower case, no
// apostrophes, "&" as "and", and every other mark a single space, so that
// "Lee-on-the-Solent" finds "lee on the solent" and "Bishop's Waltham"
// finds "bishops waltham".
func Fold(name string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r == '\'' || r == '’':
			continue
		case r == '&':
			b.WriteString(" and ")
			space = false
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// maxSuggestions caps how many spellings an unknown place suggests.
const maxSuggestions = 5

// suggest returns the names of places and areas spelt closest to key: within
// a few letters of it, or beginning with it.
func suggest(g Gazetteer, key string) []string {
	type candidate struct {
		name     string
		distance int
	}
	var found []candidate
	seen := map[string]bool{}
	consider := func(name string) {
		folded := Fold(name)
		if seen[folded] {
			return
		}
		d := distance(key, folded)
		limit := 1
		if len([]rune(key)) >= 5 {
			limit = 2
		}
		if len([]rune(key)) >= 9 {
			limit = 3
		}
		if d <= limit || (len([]rune(key)) >= 3 && strings.HasPrefix(folded, key)) {
			seen[folded] = true
			found = append(found, candidate{name, d})
		}
	}
	for _, p := range g.Places {
		if p.Kind != directory.PlacePostcodeDistrict && !p.Outside() {
			consider(p.Name)
		}
	}
	for _, a := range g.Areas {
		if searchable(a.Kind) {
			consider(a.Name)
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].distance != found[j].distance {
			return found[i].distance < found[j].distance
		}
		return found[i].name < found[j].name
	})
	var out []string
	for i := 0; i < len(found) && i < maxSuggestions; i++ {
		out = append(out, found[i].name)
	}
	return out
}

// distance counts the letters to insert, delete or change to turn a into b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Lineage returns the area with the given slug and every area it is part of,
// nearest first, ending at the top of the hierarchy.
func Lineage(areas []directory.Area, slug string) []directory.Area {
	bySlug := make(map[string]directory.Area, len(areas))
	for _, a := range areas {
		bySlug[a.Slug] = a
	}
	var out []directory.Area
	for s := slug; s != ""; {
		a, ok := bySlug[s]
		if !ok || len(out) > len(areas) {
			break
		}
		out = append(out, a)
		s = a.ParentSlug
	}
	return out
}

// Choose settles an ambiguous result on the area the person chose, if it is
// one of the matches, or on the part outside the region when they chose
// OutsideChoice and the place reaches outside; any other result is returned
// as it is.
func (r Result) Choose(slug string) Result {
	if r.Outcome != Ambiguous || slug == "" {
		return r
	}
	if slug == OutsideChoice && r.PartlyOutside() {
		r.Matches = nil
		r.Outcome = Outside
		return r
	}
	for _, m := range r.Matches {
		if m.Area.Slug == slug {
			r.Matches = []Match{m}
			r.Outcome = Found
			return r
		}
	}
	return r
}

// Package place finds where a family is from what they type: a town, a
// district, an area's name, a postcode district or a full postcode, with a
// county or postcode beside it and a letter or two wrong. It resolves the
// text through the gazetteer to one area or more, offers places as someone
// types, and says why a service matches the place. It is pure: the caller
// supplies the gazetteer.
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
	Conflicting                    // a place and a postcode that lie in different areas: ask which was meant
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

	// Corrected is what the search was taken to mean when what was typed
	// was a close misspelling of it, such as "Southampton" for "Southamton".
	Corrected string
	// Disagree is set when a place was followed by somewhere it does not
	// lie, as in "Gosport, Dorset"; the result is for the place.
	Disagree *Disagreement
	// SetAside is a postcode typed beside a place that the gazetteer does not
	// list; the result is for the place.
	SetAside string
	// Choices are the searches to choose between when a place and a
	// postcode typed together lie in different areas: the place as the
	// gazetteer writes it, and the postcode.
	Choices []string
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

// Resolve finds the area or areas that the text names, forgiving how people
// type: a county, city or short form after the place ("Gosport, Hampshire",
// "Newport IOW"), a postcode beside it ("Basingstoke RG21"), and a letter or
// two wrong ("Southamton"), which it corrects when only one name is that
// close.
func Resolve(g Gazetteer, query string) Result { return resolve(g, query, true) }

// ResolveExact finds the area or areas that the text names as Resolve does,
// but corrects no spelling: it is for a person who asks for exactly what they
// typed.
func ResolveExact(g Gazetteer, query string) Result { return resolve(g, query, false) }

func resolve(g Gazetteer, query string, forgive bool) Result {
	res := Result{Query: strings.Join(strings.Fields(query), " ")}
	if res.Query == "" {
		res.Outcome = Empty
		return res
	}
	if pc, ok := postcode.Parse(res.Query); ok {
		// A postcode needs the areas alone, not the names.
		ix := &index{g: g, areas: make(map[string]directory.Area, len(g.Areas))}
		for _, a := range g.Areas {
			ix.areas[a.Slug] = a
		}
		return ix.postcode(res, pc)
	}
	ix := newIndex(g)
	k := key(res.Query)
	if rows := ix.subject(k); len(rows) > 0 {
		return settle(res, rows, ix.areas)
	}
	if chunks, ok := ix.split(res.Query, false); ok {
		return ix.combine(res, chunks)
	}
	if forgive {
		found := ix.closest(k)
		if name, ok := corrected(found); ok {
			res.Corrected = ix.written[name]
			return settle(res, ix.subject(name), ix.areas)
		}
		if len(found) == 0 {
			if chunks, ok := ix.split(res.Query, true); ok {
				return ix.combine(res, chunks)
			}
		}
	}
	// A place the gazetteer knows to lie outside the region is outside,
	// whatever follows it ("Farnham, Surrey").
	words := strings.Fields(k)
	for i := len(words) - 1; i > 0; i-- {
		if rows := ix.subject(strings.Join(words[:i], " ")); len(rows) > 0 {
			if allOutside(rows) {
				return settle(res, rows, ix.areas)
			}
			break
		}
	}
	res.Outcome = Unknown
	res.Suggestions = ix.suggest(k)
	return res
}

// postcode answers a search for a full postcode or a postcode district.
func (ix *index) postcode(res Result, pc postcode.Postcode) Result {
	res.Postcode = pc.String()
	rows := ix.postcodeRows(pc)
	if len(rows) > 0 {
		return settle(res, rows, ix.areas)
	}
	res.PostcodeAreas = postcodeAreas(ix.g.Places)
	res.Outcome = Outside
	for _, a := range res.PostcodeAreas {
		if a == pc.Area() {
			res.Outcome = UnknownPostcode
		}
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
	if !strings.ContainsRune(name, '&') {
		return b.String() // already one space between words, none around them
	}
	return strings.Join(strings.Fields(b.String()), " ")
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

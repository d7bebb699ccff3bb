package place

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/wessex-network/directory/internal/directory"
)

// key writes a name the way the resolver looks names up: folded (see Fold),
// with the short forms people write made one: "Saint" as "St", and letters
// written apart ("I.O.W.", "I O W") as one word ("iow"). Both the gazetteer's
// names and what people type go through it, so either form finds the other.
func key(name string) string {
	folded := Fold(name)
	if !strings.Contains(" "+folded, " saint") && !singleLetters(folded) {
		return folded
	}
	return strings.Join(keyWords(folded), " ")
}

// singleLetters reports whether a folded name has two single letters in a
// row, as an abbreviation written with stops or spaces has.
func singleLetters(folded string) bool {
	single := 0
	for _, w := range strings.Fields(folded) {
		if utf8.RuneCountInString(w) == 1 {
			single++
			if single == 2 {
				return true
			}
		} else {
			single = 0
		}
	}
	return false
}

// keyWords turns the words of a folded name into the words of its key.
func keyWords(folded string) []string {
	words := strings.Fields(folded)
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w == "saint" {
			w = "st"
		}
		// A run of two or more single letters is an abbreviation.
		if utf8.RuneCountInString(w) == 1 && i+1 < len(words) && utf8.RuneCountInString(words[i+1]) == 1 {
			var b strings.Builder
			for ; i < len(words) && utf8.RuneCountInString(words[i]) == 1; i++ {
				b.WriteString(words[i])
			}
			i--
			w = b.String()
		}
		out = append(out, w)
	}
	return out
}

// gazetteerKeys remembers the key of every gazetteer name seen, so that
// each search need not fold them all again. It holds names from the
// gazetteer only, never what people type, and so stays as small as the
// gazetteer.
var gazetteerKeys sync.Map

// nameKey returns the key of a name the gazetteer writes.
func nameKey(name string) string {
	if k, ok := gazetteerKeys.Load(name); ok {
		return k.(string)
	}
	k := key(name)
	gazetteerKeys.Store(name, k)
	return k
}

// index is the gazetteer arranged for looking up names: every place and
// area by the key of its name.
type index struct {
	g       Gazetteer
	areas   map[string]directory.Area // by slug
	places  map[string][]directory.Place
	byName  map[string][]directory.Area // every area, by the key of its name and short name
	written map[string]string           // a key's name as the gazetteer first writes it
	keys    []string                    // the keys of every name a search may end at, in gazetteer order
}

// newIndex arranges a gazetteer for look-ups.
func newIndex(g Gazetteer) *index {
	n := len(g.Places) + 2*len(g.Areas)
	ix := &index{
		g:       g,
		areas:   make(map[string]directory.Area, len(g.Areas)),
		places:  make(map[string][]directory.Place, n),
		byName:  make(map[string][]directory.Area, 2*len(g.Areas)),
		written: make(map[string]string, n),
		keys:    make([]string, 0, n),
	}
	remember := func(k, name string) {
		if _, ok := ix.written[k]; !ok && k != "" {
			ix.written[k] = name
			ix.keys = append(ix.keys, k)
		}
	}
	for _, p := range g.Places {
		if p.Kind == directory.PlacePostcodeDistrict {
			continue
		}
		k := nameKey(p.Name)
		remember(k, p.Name)
		ix.places[k] = append(ix.places[k], p)
	}
	for _, a := range g.Areas {
		ix.areas[a.Slug] = a
		for _, name := range []string{a.Name, a.ShortName} {
			if name == "" {
				continue
			}
			k := nameKey(name)
			if searchable(a.Kind) {
				remember(k, name)
			}
			if len(ix.byName[k]) == 0 || ix.byName[k][len(ix.byName[k])-1].Slug != a.Slug {
				ix.byName[k] = append(ix.byName[k], a)
			}
		}
	}
	return ix
}

// subject returns the gazetteer rows a name leads to as a place to search
// for: its places, or else the areas people may search for by that name,
// each as a row of its own.
func (ix *index) subject(k string) []directory.Place {
	if rows := ix.places[k]; len(rows) > 0 {
		return rows
	}
	var rows []directory.Place
	for _, a := range ix.byName[k] {
		if searchable(a.Kind) {
			rows = append(rows, directory.Place{Name: a.Name, Area: a.Slug})
		}
	}
	return rows
}

// qualifier returns the areas a name stands for when it follows a place, as
// in "Gosport, Hampshire" or "Shirley, Southampton": the areas of the places
// of that name, and every area of that name, the nation and region too.
func (ix *index) qualifier(k string) []string {
	var slugs []string
	add := func(slug string) {
		for _, s := range slugs {
			if s == slug {
				return
			}
		}
		slugs = append(slugs, slug)
	}
	for _, p := range ix.places[k] {
		if !p.Outside() {
			add(p.Area)
		}
	}
	for _, a := range ix.byName[k] {
		add(a.Slug)
	}
	return slugs
}

// within returns the slugs of the area and every area it lies in: those
// above it, and the ceremonial county of each.
func (ix *index) within(slug string) map[string]bool {
	out := map[string]bool{}
	for _, a := range Lineage(ix.g.Areas, slug) {
		out[a.Slug] = true
		if a.CeremonialCounty != "" {
			for _, c := range Lineage(ix.g.Areas, a.CeremonialCounty) {
				out[c.Slug] = true
			}
		}
	}
	return out
}

// county returns the name of the county a place in the area lies in, as
// people say it: the area just below the region (a county or unitary area),
// or its ceremonial county where it has one.
func (ix *index) county(slug string) string {
	lineage := Lineage(ix.g.Areas, slug)
	top := directory.Area{}
	for _, a := range lineage {
		if a.Kind == directory.KindRegion || a.Kind == directory.KindNation {
			break
		}
		top = a
	}
	if top.CeremonialCounty != "" {
		if c, ok := ix.areas[top.CeremonialCounty]; ok {
			return c.Name
		}
	}
	return top.Name
}

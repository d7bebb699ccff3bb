package place

import (
	"strings"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/postcode"
)

// Disagreement says that what followed a place named somewhere it does not
// lie, as in "Gosport, Dorset". The results are for the place all the same.
type Disagreement struct {
	Place  string // the place, as the gazetteer writes it: "Gosport"
	Said   string // what followed it, as the gazetteer writes that: "Dorset"
	LiesIn string // the county the place lies in: "Hampshire"; the place itself when it is a county
}

// maxWords bounds the words a search is split into parts for, so that
// long text costs little.
const maxWords = 10

// chunk is one part of a search of several parts: a name or a postcode.
type chunk struct {
	key      string             // the name's key, or the postcode as typed
	postcode *postcode.Postcode // set when the part is a postcode
	misspelt bool               // the name was corrected from a close spelling
}

// split breaks a search into the fewest parts that are each a name the
// gazetteer knows or a postcode, such as "Newport" and "IOW" or
// "Basingstoke" and "RG21". Commas always end a part. With forgive, one
// part may be a close misspelling of a name. It reports false when the text
// cannot be read as two parts or more.
func (ix *index) split(query string, forgive bool) ([]chunk, bool) {
	var parts [][]string
	words := 0
	for _, p := range strings.Split(query, ",") {
		if w := keyWords(Fold(p)); len(w) > 0 {
			parts = append(parts, w)
			words += len(w)
		}
	}
	if words > maxWords || words < 2 {
		return nil, false
	}
	var best []chunk
	var walk func(part, at int, sofar []chunk, misspelt bool)
	walk = func(part, at int, sofar []chunk, misspelt bool) {
		if best != nil && len(sofar) >= len(best) {
			return
		}
		if part == len(parts) {
			if len(sofar) >= 2 {
				best = append([]chunk(nil), sofar...)
			}
			return
		}
		w := parts[part]
		for end := len(w); end > at; end-- {
			next, nextAt := part, end
			if end == len(w) {
				next, nextAt = part+1, 0
			}
			text := strings.Join(w[at:end], " ")
			if end-at <= 2 {
				if pc, ok := postcode.Parse(text); ok {
					walk(next, nextAt, append(sofar, chunk{key: text, postcode: &pc}), misspelt)
					continue
				}
			}
			if len(ix.qualifier(text)) > 0 || len(ix.places[text]) > 0 {
				walk(next, nextAt, append(sofar, chunk{key: text}), misspelt)
				continue
			}
			if forgive && !misspelt {
				if k, ok := corrected(ix.closest(text)); ok {
					walk(next, nextAt, append(sofar, chunk{key: k, misspelt: true}), true)
				}
			}
		}
	}
	walk(0, 0, nil, false)
	return best, best != nil
}

// combine answers a search of several parts: a place with the county, city
// or short form people add after it ("Gosport, Hampshire", "Newport IOW",
// "Shirley, Southampton"), and perhaps a postcode ("Basingstoke RG21").
//
// What follows the place narrows it to the areas it agrees with; when it
// agrees with none, the results are for the place, with a Disagreement to
// say where it lies. A postcode answers the search, narrowed to the areas
// the place agrees with; when they agree on none, the person is asked which
// they meant.
func (ix *index) combine(res Result, chunks []chunk) Result {
	var names []chunk
	var pc *postcode.Postcode
	for _, c := range chunks {
		switch {
		case c.postcode == nil:
			names = append(names, c)
		case pc != nil:
			res.Outcome, res.Suggestions = Unknown, nil // two postcodes: nothing to go on
			return res
		default:
			pc = c.postcode
		}
	}
	if len(names) == 0 {
		return ix.postcode(res, *pc)
	}
	subject := ix.pickSubject(names)
	rows := ix.subject(subject.key)
	if len(rows) == 0 {
		res.Outcome = Unknown
		res.Suggestions = ix.suggest(key(res.Query))
		return res
	}
	res.Corrected = ix.rewritten(chunks)
	for _, q := range names {
		if q.key == subject.key {
			continue
		}
		agreed := ix.agreeing(rows, ix.qualifier(q.key))
		if len(agreed) == 0 {
			if res.Disagree == nil && !allOutside(rows) {
				res.Disagree = ix.disagreement(rows, q.key)
			}
			continue
		}
		rows = agreed
	}
	if pc == nil {
		return settle(res, rows, ix.areas)
	}

	res.Postcode = pc.String()
	pcRows := ix.postcodeRows(*pc)
	if len(pcRows) == 0 {
		res.Postcode, res.SetAside = "", pc.String()
		return settle(res, rows, ix.areas)
	}
	var both []directory.Place
	for _, p := range pcRows {
		for _, t := range rows {
			if area, ok := ix.meet(p.Area, t.Area); ok {
				both = append(both, directory.Place{Name: pc.Outward, Kind: p.Kind, Area: area, Note: p.Note})
			}
		}
	}
	if len(both) == 0 {
		res.Outcome = Conflicting
		res.Choices = []string{rows[0].Name, pc.String()}
		res.Disagree = nil
		return res
	}
	return settle(res, both, ix.areas)
}

// rewritten writes the parts of a search as the gazetteer writes them, when
// one of them was corrected from a close misspelling; else it is empty.
func (ix *index) rewritten(chunks []chunk) string {
	var b strings.Builder
	corrected := false
	for i, c := range chunks {
		switch {
		case c.postcode != nil:
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(c.postcode.String())
		default:
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(ix.written[c.key])
		}
		corrected = corrected || c.misspelt
	}
	if !corrected {
		return ""
	}
	return b.String()
}

// pickSubject chooses the part that names the place: the first name, unless
// a later one lies within it, as in "Hampshire, Gosport".
func (ix *index) pickSubject(names []chunk) chunk {
	subject := names[0]
	for _, c := range names[1:] {
		inner := ix.subject(c.key)
		outer := ix.qualifier(subject.key)
		if len(inner) > 0 && len(ix.agreeing(inner, outer)) == len(inner) && len(ix.agreeing(ix.subject(subject.key), ix.qualifier(c.key))) == 0 {
			subject = c
		}
	}
	return subject
}

// agreeing returns the rows that lie within one of the areas.
func (ix *index) agreeing(rows []directory.Place, areas []string) []directory.Place {
	var out []directory.Place
	for _, r := range rows {
		if r.Outside() {
			continue
		}
		within := ix.within(r.Area)
		for _, a := range areas {
			if within[a] {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// disagreement says where the rows lie, for a place followed by a name it
// does not lie in.
func (ix *index) disagreement(rows []directory.Place, said string) *Disagreement {
	var counties []string
	for _, r := range rows {
		if r.Outside() {
			continue
		}
		c := ix.county(r.Area)
		if c != "" && !contains(counties, c) {
			counties = append(counties, c)
		}
	}
	return &Disagreement{Place: rows[0].Name, Said: ix.written[said], LiesIn: joinWords(counties)}
}

// meet returns the smaller of two areas when one lies within the other, as
// a postcode district and a town in it do. Two places outside the region
// meet outside it.
func (ix *index) meet(a, b string) (string, bool) {
	switch {
	case a == "" && b == "":
		return "", true
	case a == "" || b == "":
		return "", false
	case ix.inLineage(b, a):
		return b, true
	case ix.inLineage(a, b):
		return a, true
	}
	return "", false
}

// inLineage reports whether the area inner lies within outer, or is it.
func (ix *index) inLineage(inner, outer string) bool {
	for _, a := range Lineage(ix.g.Areas, inner) {
		if a.Slug == outer {
			return true
		}
	}
	return false
}

// postcodeRows returns the gazetteer rows of a postcode's district.
func (ix *index) postcodeRows(pc postcode.Postcode) []directory.Place {
	var rows []directory.Place
	for _, p := range ix.g.Places {
		if p.Kind == directory.PlacePostcodeDistrict && p.Name == pc.Outward {
			rows = append(rows, p)
		}
	}
	return rows
}

func allOutside(rows []directory.Place) bool {
	for _, r := range rows {
		if !r.Outside() {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// joinWords writes a list in words: "A", "A and B", "A, B and C".
func joinWords(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

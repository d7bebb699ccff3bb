package place

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hbollon/go-edlib"
)

// slack is how many letters a search may have wrong and still be taken for
// a name: none in a name of four letters or fewer, so that "Rye" never
// becomes "Ryde"; one up to eight letters; two beyond.
func slack(k string) int {
	n := utf8.RuneCountInString(strings.ReplaceAll(k, " ", ""))
	switch {
	case n <= 4:
		return 0
	case n <= 8:
		return 1
	}
	return 2
}

// spelling is a name of the gazetteer and how far a search is from it.
type spelling struct {
	key      string
	distance int
}

// distance counts the letters to insert, delete, change or swap with the
// next one to turn a into b (the optimal string alignment distance).
func distance(a, b string) int { return edlib.OSADamerauLevenshteinDistance(a, b) }

// closest returns the names within the search's slack of it, nearest
// first, then in gazetteer order. It is empty when none is close enough.
func (ix *index) closest(k string) []spelling {
	limit := slack(k)
	if limit == 0 {
		return nil
	}
	n := utf8.RuneCountInString(k)
	var out []spelling
	for _, name := range ix.keys {
		if m := utf8.RuneCountInString(name); m > n+limit || m < n-limit {
			continue // too long or short to be within reach
		}
		if d := distance(k, name); d > 0 && d <= limit {
			out = append(out, spelling{name, d})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].distance < out[j].distance })
	return out
}

// corrected returns the one name a misspelt search means: the nearest name
// within its slack, when no other is as near.
func corrected(found []spelling) (string, bool) {
	if len(found) == 0 || (len(found) > 1 && found[1].distance == found[0].distance) {
		return "", false
	}
	return found[0].key, true
}

// maxSuggestions caps how many spellings an unknown place suggests.
const maxSuggestions = 5

// suggest returns the names to offer for a search that found nothing: names
// spelt close to it, names that begin with it, and the name it begins with
// when more words follow that the gazetteer does not know ("Gosport UK").
func (ix *index) suggest(k string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(name string) {
		if !seen[name] && len(out) < maxSuggestions && ix.offered(name) {
			seen[name] = true
			out = append(out, ix.written[name])
		}
	}
	for _, s := range ix.closest(k) {
		add(s.key)
	}
	words := strings.Fields(k)
	for i := len(words) - 1; i > 0; i-- {
		if head := strings.Join(words[:i], " "); len(ix.subject(head)) > 0 {
			add(head)
			break
		}
	}
	if utf8.RuneCountInString(k) >= 3 {
		var starts []string
		for _, name := range ix.keys {
			if strings.HasPrefix(name, k) {
				starts = append(starts, name)
			}
		}
		sort.SliceStable(starts, func(i, j int) bool { return len(starts[i]) < len(starts[j]) })
		for _, name := range starts {
			add(name)
		}
	}
	return out
}

// offered reports whether a name is worth suggesting: one that leads to a
// place in the region, not only to places outside it.
func (ix *index) offered(k string) bool {
	for _, p := range ix.subject(k) {
		if !p.Outside() {
			return true
		}
	}
	return false
}

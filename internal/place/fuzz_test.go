package place_test

import (
	"testing"

	"github.com/wessex-network/directory/internal/place"
	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/seeds"
)

// FuzzResolve feeds any text to the place resolver and the suggestions
// over the Wessex gazetteer: they must never panic, every area the resolver
// names must exist, an exact search corrects nothing, and no more than ten
// places are offered.
func FuzzResolve(f *testing.F) {
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		f.Fatal(err)
	}
	g := place.Gazetteer{Areas: ds.Areas, Places: ds.Places}
	known := map[string]bool{}
	for _, a := range ds.Areas {
		known[a.Slug] = true
	}
	for _, s := range []string{"Gosport", "po12 1aa", "BH24", "Gosprt", "SW1A 1AA", "", "   ", "Newport", "St. Leonards", "'; DROP TABLE areas;--", "\xff\xfe", "ß",
		"Gosport, Dorset", "Newport I.O.W.", "Basingstoke RG21", "Gosport BH1", "Southamton", ",,,", "a b c d e f g h i j k l"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		res := place.Resolve(g, q)
		for _, m := range res.Matches {
			if !known[m.Area.Slug] {
				t.Errorf("Resolve(%q) names unknown area %q", q, m.Area.Slug)
			}
		}
		if res.Outcome == place.Found && len(res.Matches) != 1 {
			t.Errorf("Resolve(%q) found one place but lists %d", q, len(res.Matches))
		}
		if res.Outcome == place.Conflicting && len(res.Choices) != 2 {
			t.Errorf("Resolve(%q) asks between %d choices, want 2", q, len(res.Choices))
		}
		if exact := place.ResolveExact(g, q); exact.Corrected != "" {
			t.Errorf("ResolveExact(%q) corrected the spelling to %q", q, exact.Corrected)
		}
		if got := place.Suggest(g, q, 10); len(got) > 10 {
			t.Errorf("Suggest(%q) offered %d places, want 10 at most", q, len(got))
		}
	})
}

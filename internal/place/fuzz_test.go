package place_test

import (
	"testing"

	"github.com/wessex-network/directory/internal/place"
	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/seeds"
)

// FuzzResolve feeds any text to the place resolver over the Wessex
// gazetteer: it must never panic, and every area it names must exist.
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
	for _, s := range []string{"Gosport", "po12 1aa", "BH24", "Gosprt", "SW1A 1AA", "", "   ", "Newport", "St. Leonards", "'; DROP TABLE areas;--", "\xff\xfe", "ß"} {
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
	})
}

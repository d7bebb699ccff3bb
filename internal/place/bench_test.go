package place_test

import (
	"testing"

	"github.com/wessex-network/directory/internal/place"
)

// BenchmarkResolve resolves searches of each kind over the Wessex gazetteer:
// an exact name, a postcode, a county after a town, a misspelling, a town with its
// postcode district, and text that matches nothing.
func BenchmarkResolve(b *testing.B) {
	g := wessex(b)
	for _, q := range []string{"Gosport", "po12 1aa", "Gosprt", "Newport, Isle of Wight", "Southamton", "Basingstoke RG21", "Atlantis Atlantis Atlantis"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				place.Resolve(g, q)
			}
		})
	}
}

// BenchmarkSuggest offers places for the start of a name and of a postcode.
func BenchmarkSuggest(b *testing.B) {
	g := wessex(b)
	for _, q := range []string{"So", "Lymi", "BH1"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				place.Suggest(g, q, 10)
			}
		})
	}
}

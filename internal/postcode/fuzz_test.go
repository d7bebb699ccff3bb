package postcode

import (
	"strings"
	"testing"
)

// FuzzParse checks that any text either is refused or parses to a postcode
// that writes itself in the standard form and parses back to the same.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"PO12 1AA", "po121aa", " Po12  1aA ", "BH15", "SW1A 1AA", "EC1A1BB", "W1", "1AA", "", "PO12 1A", "ＰＯ１２", "PO12\x001AA"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := Parse(s)
		if !ok {
			return
		}
		if !ValidDistrict(p.Outward) {
			t.Errorf("Parse(%q) gave district %q, which is not valid", s, p.Outward)
		}
		if p.Area() == "" || !strings.HasPrefix(p.Outward, p.Area()) {
			t.Errorf("Parse(%q): area %q of district %q", s, p.Area(), p.Outward)
		}
		again, ok := Parse(p.String())
		if !ok || again != p {
			t.Errorf("Parse(%q) = %v, but its written form %q parses to %v", s, p, p.String(), again)
		}
	})
}

// Package postcode reads UK postcodes as people type them: in any case, with
// or without the space, with spaces around. It knows the shape of a postcode,
// not where one lies; the gazetteer says that.
package postcode

import (
	"regexp"
	"strings"
)

// A postcode is an outward code (area letters, district number, and sometimes
// a letter: "PO12", "SO15", "W1A") and an inward code (a digit and two
// letters: "1AA"). The inward code never uses C, I, K, M, O or V.
var (
	outwardPattern = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]?$`)
	inwardPattern  = regexp.MustCompile(`^[0-9][ABD-HJLNP-UW-Z]{2}$`)
)

// Postcode is a parsed postcode: a full one, or only its outward code.
type Postcode struct {
	Outward string // the postcode district, such as "PO12"
	Inward  string // such as "1AA"; empty when only the district was given
}

// Area returns the postcode area: the outward code's leading letters, such as "PO".
func (p Postcode) Area() string {
	i := strings.IndexAny(p.Outward, "0123456789")
	if i < 0 {
		return p.Outward
	}
	return p.Outward[:i]
}

// Full reports whether the whole postcode was given, not only its district.
func (p Postcode) Full() bool { return p.Inward != "" }

// String writes the postcode the way Royal Mail prints it: "PO12 1AA", or "PO12".
func (p Postcode) String() string {
	if p.Inward == "" {
		return p.Outward
	}
	return p.Outward + " " + p.Inward
}

// Parse reads s as a full postcode or a postcode district, ignoring case and
// spaces. It reports false when s has neither shape.
func Parse(s string) (Postcode, bool) {
	compact := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if compact == "" || len(compact) > 7 {
		return Postcode{}, false
	}
	if outwardPattern.MatchString(compact) {
		return Postcode{Outward: compact}, true
	}
	if len(compact) >= 5 {
		out, in := compact[:len(compact)-3], compact[len(compact)-3:]
		if outwardPattern.MatchString(out) && inwardPattern.MatchString(in) {
			return Postcode{Outward: out, Inward: in}, true
		}
	}
	return Postcode{}, false
}

// ValidDistrict reports whether s is written as a postcode district in
// capitals with no spaces, as the gazetteer keeps them.
func ValidDistrict(s string) bool { return outwardPattern.MatchString(s) }

package directory

// Kinds of gazetteer entry: the names people search for, as opposed to the
// councils that commission services.
const (
	PlaceTown             = "town"              // a town, village or neighbourhood
	PlacePostcodeDistrict = "postcode_district" // the outward code of a postcode, such as PO12
	PlaceOtherName        = "other_name"        // another name for areas, such as "BCP Council"
)

// PlaceKinds lists every kind of gazetteer entry.
var PlaceKinds = []string{PlaceTown, PlacePostcodeDistrict, PlaceOtherName}

// Place is one entry of the gazetteer: a name a person might search for and an
// area it lies in. A place in two areas has two entries. An entry with no area
// is a place known to lie outside the network's region; its note says where.
type Place struct {
	Name   string // as people write it: "Lee-on-the-Solent", "BH15"
	Kind   string
	Area   string // slug of the smallest area the place lies in; empty when outside the region
	Note   string
	Source string
}

// Outside reports whether the place is known to lie outside the region.
func (p Place) Outside() bool { return p.Area == "" }

// ValidPlaceKind reports whether kind is a known kind of gazetteer entry.
func ValidPlaceKind(kind string) bool {
	for _, k := range PlaceKinds {
		if k == kind {
			return true
		}
	}
	return false
}

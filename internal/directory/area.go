package directory

// Kinds of area. The hierarchy is nation > region > county or unitary
// authority > district; clinical commissioning groups sit beside it.
const (
	KindNation    = "nation"
	KindRegion    = "region"
	KindCounty    = "county"
	KindUnitary   = "unitary_authority"
	KindDistrict  = "district"
	KindCCG       = "clinical_commissioning_group"
	KindCareBoard = "integrated_care_board"
)

// KindLabel names a kind of area in words.
func KindLabel(kind string) string {
	switch kind {
	case KindNation:
		return "Nation"
	case KindRegion:
		return "Region"
	case KindCounty:
		return "County"
	case KindUnitary:
		return "Unitary authority"
	case KindDistrict:
		return "District"
	case KindCCG:
		return "Clinical commissioning group"
	case KindCareBoard:
		return "Integrated care board"
	}
	return kind
}

// Area is a place that services cover and that the coverage matrix rates.
type Area struct {
	ID         int64
	Slug       string
	Name       string
	ShortName  string // the name a table column uses, such as "Dorset (county)"
	Kind       string
	ParentSlug string
	ParentName string
	// CeremonialCounty is the slug of the ceremonial county the area lies
	// in, where that is not the county above it: Bournemouth lies in Dorset
	// and Southampton in Hampshire, though neither is part of the county
	// council's area. The place search takes it as agreeing with a place.
	CeremonialCounty string
	// Succeeds lists the slugs of the areas this one took over from, such
	// as Bournemouth and Poole for BCP Council; empty for most areas.
	Succeeds  []string
	Code      string // the ONS code, empty where it is not certain
	ValidFrom string // YYYY-MM-DD, empty when not known
	ValidTo   string // YYYY-MM-DD, empty while the area still exists
	Position  int
	Note      string
	Version   int // starts at 1 and goes up by one with each edit
}

// Label returns the short name where there is one, else the name.
func (a Area) Label() string {
	if a.ShortName != "" {
		return a.ShortName
	}
	return a.Name
}

// Current reports whether the area was valid on the given date (YYYY-MM-DD).
func (a Area) Current(date string) bool {
	if a.ValidFrom != "" && date < a.ValidFrom {
		return false
	}
	if a.ValidTo != "" && date > a.ValidTo {
		return false
	}
	return true
}

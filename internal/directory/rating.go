package directory

// Rating is how well a kind of service covers an area, as the report's key
// defines it.
type Rating string

// The four ratings. NotStated is for a cell whose colour was lost or never
// given: the report named a provider or model there instead.
const (
	Green     Rating = "green"
	Amber     Rating = "amber"
	Red       Rating = "red"
	NotStated Rating = "not_stated"
)

// Ratings lists every rating in the order a legend shows them.
var Ratings = []Rating{Green, Amber, Red, NotStated}

// Valid reports whether r is one of the four ratings.
func (r Rating) Valid() bool {
	switch r {
	case Green, Amber, Red, NotStated:
		return true
	}
	return false
}

// Gap reports whether a cell with this rating is a gap: no coverage (red) or
// only partial coverage (amber). It is the one rule for what a gap is.
func (r Rating) Gap() bool { return r == Red || r == Amber }

// Label names the rating in words, so that it never relies on colour.
func (r Rating) Label() string {
	switch r {
	case Green:
		return "Green: full coverage"
	case Amber:
		return "Amber: partial coverage"
	case Red:
		return "Red: no coverage"
	case NotStated:
		return "Not stated: no colour given"
	}
	return "Unknown rating"
}

// Short names the rating in a word or two.
func (r Rating) Short() string {
	switch r {
	case Green:
		return "Green"
	case Amber:
		return "Amber"
	case Red:
		return "Red"
	case NotStated:
		return "Not stated"
	}
	return "Unknown"
}

// Meaning explains the rating as the report's key does, in the project's words.
func (r Rating) Meaning() string {
	switch r {
	case Green:
		return "Widely available across the area."
	case Amber:
		return "Available in part of the area, or not enough of it; would benefit from more investment."
	case Red:
		return "Not available anywhere in the area."
	case NotStated:
		return "The report named a provider or model here instead of a colour, so no rating is recorded."
	}
	return ""
}

package directory

// Indicator is a measure of local need, such as the stillbirth rate, for one period.
type Indicator struct {
	ID         int64
	Slug       string
	Name       string
	Definition string // the source's full label, with its population
	Period     string
	Source     string
	Position   int
	Values     []IndicatorValue
}

// IndicatorValue is an indicator's value in one area. Value is nil where the
// source suppressed it or gave none, and Note then says which.
type IndicatorValue struct {
	Area     string // slug
	AreaName string
	Value    *float64
	Note     string
}

// Value returns the indicator's value for an area, and whether one is recorded.
func (i Indicator) Value(area string) (IndicatorValue, bool) {
	for _, v := range i.Values {
		if v.Area == area {
			return v, true
		}
	}
	return IndicatorValue{}, false
}

// GlossaryTerm is an abbreviation the report uses and what it stands for.
type GlossaryTerm struct {
	Term    string
	Meaning string
}

// Reference is one of the report's numbered references.
type Reference struct {
	Number int
	Title  string
	Detail string
	URL    string
}

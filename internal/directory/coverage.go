package directory

// ServiceType is a kind of service: a row of the coverage matrix.
type ServiceType struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	Position    int
	Version     int // starts at 1 and goes up by one with each edit
}

// CoverageCell is one rating of one service type in one area, effective from
// a date until a later cell for the same pair replaces it.
type CoverageCell struct {
	ID            int64
	ServiceType   string // slug
	Area          string // slug
	Rating        Rating
	Note          string
	Source        string
	EffectiveFrom string // YYYY-MM-DD
	RecordedAt    string // RFC 3339
	Reason        string // why staff changed it; empty for the report's cells
	RecordedBy    string // who recorded it; empty for the report's cells
}

// Matrix is the coverage matrix as it stood on a date.
type Matrix struct {
	AsOf         string
	Areas        []Area
	ServiceTypes []ServiceType
	Cells        []CoverageCell
}

// Cell returns the cell for a service type and an area, and whether there is one.
func (m *Matrix) Cell(serviceType, area string) (CoverageCell, bool) {
	for _, c := range m.Cells {
		if c.ServiceType == serviceType && c.Area == area {
			return c, true
		}
	}
	return CoverageCell{}, false
}

// Count returns how many of an area's cells carry the given rating.
func (m *Matrix) Count(area string, r Rating) int {
	n := 0
	for _, c := range m.Cells {
		if c.Area == area && c.Rating == r {
			n++
		}
	}
	return n
}

// ServiceType returns the matrix's row for a service type, and whether the
// matrix has one.
func (m *Matrix) ServiceType(slug string) (ServiceType, bool) {
	for _, t := range m.ServiceTypes {
		if t.Slug == slug {
			return t, true
		}
	}
	return ServiceType{}, false
}

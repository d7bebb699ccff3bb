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

// Count returns how many of an area's cells carry the given rating, or with
// area empty how many of the whole matrix's do. It is the one way ratings are
// counted.
func (m *Matrix) Count(area string, r Rating) int {
	n := 0
	for _, c := range m.Cells {
		if (area == "" || c.Area == area) && c.Rating == r {
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

// CellIndex finds a matrix's cells by service type and area without scanning
// them all, for a page that looks up every cell of a large matrix: Cell and
// Count on the matrix itself read every cell on each call.
type CellIndex struct {
	cells  map[[2]string]CoverageCell
	counts map[string]*RatingCounts
}

// Index returns a CellIndex of the matrix's cells as they are now.
func (m *Matrix) Index() CellIndex {
	x := CellIndex{cells: make(map[[2]string]CoverageCell, len(m.Cells)), counts: map[string]*RatingCounts{}}
	for _, c := range m.Cells {
		x.cells[[2]string{c.ServiceType, c.Area}] = c
		n := x.counts[c.Area]
		if n == nil {
			n = &RatingCounts{}
			x.counts[c.Area] = n
		}
		n.Add(c.Rating)
	}
	return x
}

// Cell returns the cell for a service type and an area, and whether there is one.
func (x CellIndex) Cell(serviceType, area string) (CoverageCell, bool) {
	c, ok := x.cells[[2]string{serviceType, area}]
	return c, ok
}

// Count returns how many of an area's cells carry the given rating.
func (x CellIndex) Count(area string, r Rating) int {
	if n := x.counts[area]; n != nil {
		return n.Of(r)
	}
	return 0
}

// RatingCounts counts cells by rating.
type RatingCounts struct {
	Green, Amber, Red, NotStated int
}

// Add counts one more cell with the rating r.
func (n *RatingCounts) Add(r Rating) {
	switch r {
	case Green:
		n.Green++
	case Amber:
		n.Amber++
	case Red:
		n.Red++
	case NotStated:
		n.NotStated++
	}
}

// Of returns how many cells carry the rating r.
func (n RatingCounts) Of(r Rating) int {
	switch r {
	case Green:
		return n.Green
	case Amber:
		return n.Amber
	case Red:
		return n.Red
	case NotStated:
		return n.NotStated
	}
	return 0
}

// Total returns how many cells were counted.
func (n RatingCounts) Total() int { return n.Green + n.Amber + n.Red + n.NotStated }

// RegionCoverage is one region's share of the matrix: the matrix's areas that
// lie in the region, and how many of their cells carry each rating, for each
// service type and in all.
type RegionCoverage struct {
	Region Area
	Areas  []Area                  // in matrix order
	ByType map[string]RatingCounts // by service type slug
	All    RatingCounts
}

// ByRegion sorts the matrix's areas into the regions they lie in, and counts
// each region's ratings, so that a national matrix can be summarised region
// by region. An area lies in itself if it is a region, else in its nearest
// ancestor that is; an area with no region above it is put under the
// furthest area above it (a nation, say), or under itself if it has no
// parent. areas is every area, for looking up ancestors. The regions come in
// the order areas lists them.
func (m *Matrix) ByRegion(areas []Area) []RegionCoverage {
	bySlug := make(map[string]Area, len(areas))
	for _, a := range areas {
		bySlug[a.Slug] = a
	}
	regionOf := func(a Area) Area {
		top := a
		for seen := 0; seen <= len(areas); seen++ { // a loop in the hierarchy ends too
			if top.Kind == KindRegion {
				return top
			}
			parent, ok := bySlug[top.ParentSlug]
			if !ok {
				break
			}
			top = parent
		}
		return top
	}
	index := map[string]*RegionCoverage{}
	areaRegion := make(map[string]*RegionCoverage, len(m.Areas))
	for _, a := range m.Areas {
		r := regionOf(a)
		rc := index[r.Slug]
		if rc == nil {
			rc = &RegionCoverage{Region: r, ByType: map[string]RatingCounts{}}
			index[r.Slug] = rc
		}
		rc.Areas = append(rc.Areas, a)
		areaRegion[a.Slug] = rc
	}
	for _, c := range m.Cells {
		rc := areaRegion[c.Area]
		if rc == nil {
			continue
		}
		n := rc.ByType[c.ServiceType]
		n.Add(c.Rating)
		rc.ByType[c.ServiceType] = n
		rc.All.Add(c.Rating)
	}
	var out []RegionCoverage
	for _, a := range areas {
		if rc := index[a.Slug]; rc != nil {
			out = append(out, *rc)
			delete(index, a.Slug)
		}
	}
	for _, a := range m.Areas { // regions missing from areas, in matrix order
		if rc := index[regionOf(a).Slug]; rc != nil {
			out = append(out, *rc)
			delete(index, rc.Region.Slug)
		}
	}
	return out
}

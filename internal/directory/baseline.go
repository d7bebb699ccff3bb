package directory

import "sort"

// Baseline is a named date on which a review rated the whole matrix, such as
// a published report, that people can pick to compare against.
type Baseline struct {
	Slug        string
	Name        string
	AsOf        string // YYYY-MM-DD
	Description string
}

// CellDelta is a cell whose rating or note differs between two dates: what
// stood on the first (nil if nothing did) and what stood on the second,
// which carries who recorded it, when and why.
type CellDelta struct {
	ServiceType     string // slug
	ServiceTypeName string
	Area            string // slug
	AreaName        string
	Before          *CoverageCell
	After           CoverageCell
}

// RatingChanged reports whether the rating itself moved, not only the note.
func (d CellDelta) RatingChanged() bool {
	return d.Before == nil || d.Before.Rating != d.After.Rating
}

// CompareMatrices lists the cells of after whose rating or note differs from
// before, in the order of after's rows and columns. A cell only before has
// (which cannot happen while history is kept) is not listed.
func CompareMatrices(before, after *Matrix) []CellDelta {
	typeNames, areaNames := map[string]string{}, map[string]string{}
	typePos, areaPos := map[string]int{}, map[string]int{}
	for i, t := range after.ServiceTypes {
		typeNames[t.Slug], typePos[t.Slug] = t.Name, i
	}
	for i, a := range after.Areas {
		areaNames[a.Slug], areaPos[a.Slug] = a.Name, i
	}
	var out []CellDelta
	for _, c := range after.Cells {
		old, ok := before.Cell(c.ServiceType, c.Area)
		if ok && old.Rating == c.Rating && old.Note == c.Note {
			continue
		}
		d := CellDelta{ServiceType: c.ServiceType, ServiceTypeName: typeNames[c.ServiceType], Area: c.Area,
			AreaName: areaNames[c.Area], After: c}
		if ok {
			d.Before = &old
		}
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if typePos[out[i].ServiceType] != typePos[out[j].ServiceType] {
			return typePos[out[i].ServiceType] < typePos[out[j].ServiceType]
		}
		return areaPos[out[i].Area] < areaPos[out[j].Area]
	})
	return out
}

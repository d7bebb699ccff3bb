package directory

// Geography changes; history must not. The report rated the areas of 2019:
// Dorset county, Bournemouth and Poole among them. From April 2019 BCP
// Council and Dorset Council took their place. The matrix can be shown on
// either: the areas as rated, or the areas as they stood on the matrix's
// date, where a council formed since with no rating of its own shows its
// predecessors' last ratings, each labelled as theirs. Nobody made a merged
// rating, so none is shown.

// InheritedRating is a predecessor's rating, shown for an area that has no
// rating of its own.
type InheritedRating struct {
	Area Area         // the area the rating belongs to
	For  string       // when Area is a predecessor's county, the predecessor's name ("Christchurch"); else empty
	Cell CoverageCell // the rating, with its date and source
}

// OnCurrentAreas returns the matrix on the areas valid on its date: each of
// its areas that had ended by then gives way to the areas that succeed it
// (all holds every area, with their successions), in the ended area's place.
// An ended area that nothing succeeds stays. The result holds only the
// cells of the areas it shows; inherited holds, by service type and area
// ("type/area"), the predecessors' ratings for each cell the area has no
// rating of its own for.
func (m *Matrix) OnCurrentAreas(all []Area) (current *Matrix, inherited map[string][]InheritedRating) {
	bySlug := map[string]Area{}
	successors := map[string][]Area{}
	for _, a := range all {
		bySlug[a.Slug] = a
		for _, p := range a.Succeeds {
			successors[p] = append(successors[p], a)
		}
	}
	current = &Matrix{AsOf: m.AsOf, ServiceTypes: m.ServiceTypes}
	shown := map[string]bool{}
	show := func(a Area) {
		if !shown[a.Slug] {
			shown[a.Slug] = true
			current.Areas = append(current.Areas, a)
		}
	}
	for _, a := range m.Areas {
		var next []Area
		if !a.Current(m.AsOf) {
			for _, s := range successors[a.Slug] {
				if s.Current(m.AsOf) {
					next = append(next, s)
				}
			}
		}
		if len(next) == 0 {
			show(a)
		}
		for _, s := range next {
			show(s)
		}
	}
	cells := m.Index()
	for _, c := range m.Cells {
		if shown[c.Area] {
			current.Cells = append(current.Cells, c)
		}
	}
	inherited = map[string][]InheritedRating{}
	for _, a := range current.Areas {
		for _, t := range m.ServiceTypes {
			if _, own := cells.Cell(t.Slug, a.Slug); own || len(a.Succeeds) == 0 {
				continue
			}
			key := t.Slug + "/" + a.Slug
			for _, p := range a.Succeeds {
				// A predecessor without a rating of its own (a district) was
				// rated as part of the nearest area above it that was.
				pred, forName := bySlug[p], ""
				for seen := 0; seen < len(all); seen++ {
					if _, ok := cells.Cell(t.Slug, pred.Slug); ok || pred.ParentSlug == "" {
						break
					}
					if forName == "" {
						forName = pred.Name
					}
					pred = bySlug[pred.ParentSlug]
				}
				c, ok := cells.Cell(t.Slug, pred.Slug)
				if !ok {
					continue
				}
				inherited[key] = append(inherited[key], InheritedRating{Area: pred, For: forName, Cell: c})
			}
		}
	}
	return current, inherited
}

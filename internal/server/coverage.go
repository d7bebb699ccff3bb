package server

import (
	"bytes"
	"net/http"

	"github.com/wessex-network/directory/internal/csvdata"
	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// coveragePage shows the matrix on a date (?as_of). Where the matrix's areas
// lie in more than one region, a national matrix of hundreds of columns, it
// shows instead each region's counts of each rating, with a link to each
// region's own matrix (?region=SLUG). ?type chooses the map's service type.
func (s *Server) coveragePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	// The ratings alone say which regions the matrix spans, and are all the
	// summary needs.
	ratings, err := s.db.MatrixOf(ctx, q.Get("as_of"), directory.MatrixFilter{RatingsOnly: true})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	areas, err := s.db.Areas(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	regions := ratings.ByRegion(areas)

	var v web.CoverageView
	ratingsOnly := false
	switch region := q.Get("region"); {
	case region != "":
		rc, err := regionOfMatrix(regions, areas, region)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		slugs := make([]string, len(rc.Areas))
		for i, a := range rc.Areas {
			slugs[i] = a.Slug
		}
		v.Region = &rc.Region
		if len(slugs) == 0 { // a region with no rated area on the date
			v.Matrix = &directory.Matrix{AsOf: ratings.AsOf}
		} else if v.Matrix, err = s.db.MatrixOf(ctx, ratings.AsOf, directory.MatrixFilter{Areas: slugs}); err != nil {
			s.fail(w, r, err)
			return
		}
	case len(regions) > 1:
		v.Matrix, v.Regions, ratingsOnly = ratings, regions, true
	default:
		if v.Matrix, err = s.db.Matrix(ctx, ratings.AsOf); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if v.Map, err = s.coverageMap(ctx, "coverage-map", v.Matrix, q.Get("type"), ratingsOnly); err != nil {
		s.fail(w, r, err)
		return
	}
	actions, err := s.db.Actions(ctx, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Actions = map[string]int{}
	for _, a := range actions {
		v.Actions[a.ServiceType+"/"+a.Area]++
	}
	if q.Get("areas") == "current" && v.Regions == nil {
		v.Current = true
		v.Matrix, v.Inherited = v.Matrix.OnCurrentAreas(areas)
	}
	if v.Baselines, err = s.db.Baselines(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.Coverage(v))
}

// regionOfMatrix finds the region a coverage page asks for among the
// matrix's regions. A region that exists but has no rated area on the date
// comes back with no areas; anything else is not found.
func regionOfMatrix(regions []directory.RegionCoverage, areas []directory.Area, slug string) (directory.RegionCoverage, error) {
	for _, rc := range regions {
		if rc.Region.Slug == slug {
			return rc, nil
		}
	}
	for _, a := range areas {
		if a.Slug == slug && a.Kind == directory.KindRegion {
			return directory.RegionCoverage{Region: a}, nil
		}
	}
	return directory.RegionCoverage{}, directory.Errorf(directory.ENOTFOUND, "There is no region called %q in the coverage matrix. Choose one from the coverage page.", slug)
}

// coverageCSV writes the matrix as CSV, one row per cell.
func (s *Server) coverageCSV(w http.ResponseWriter, r *http.Request) {
	m, err := s.db.Matrix(r.Context(), r.URL.Query().Get("as_of"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeCSV(w, r, "coverage-"+m.AsOf+".csv", func(b *bytes.Buffer) error { return csvdata.WriteCoverage(b, m) })
}

package server

import (
	"context"
	"fmt"
	"net/http"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/place"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/web"
)

// find resolves the place a family typed and shows the services that serve
// it, filtered as they chose, or asks which place they meant.
func (s *Server) find(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := web.ParseFindQuery(r.URL.Query())
	g, err := s.gazetteer(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The page lists the rated areas, and later names the gaps of one of
	// them, so the matrix here holds the areas and no cells.
	rated, err := s.db.RatedAreas(ctx, "")
	m := &directory.Matrix{AsOf: s.today(), Areas: rated}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.FindView{Query: q, Areas: m.Areas, Result: place.Resolve(g, q.Place)}
	v.Result = v.Result.Choose(q.Area)

	switch v.Result.Outcome {
	case place.Empty:
		_, sent := r.URL.Query()["q"]
		v.Blank = sent
		status := http.StatusOK
		if sent {
			status = http.StatusUnprocessableEntity
		}
		s.render(w, r, status, web.Find(v))
		return
	case place.Unknown, place.UnknownPostcode:
		s.render(w, r, http.StatusNotFound, web.Find(v))
		return
	case place.Ambiguous, place.Outside:
		s.render(w, r, http.StatusOK, web.Find(v))
		return
	}

	match := v.Result.Matches[0]
	lineage := place.Lineage(g.Areas, match.Area.Slug)
	v.Place = match.Name
	if v.Result.Postcode != "" {
		v.Place = v.Result.Postcode
	}
	v.Rated = ratedArea(m, lineage)
	v.Where = whereSentences(v.Place, match, lineage, v.Rated)
	if err := s.findServices(ctx, &v, m, lineage, place.Children(g.Areas)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.Find(v))
}

// gazetteer reads the areas and places the resolver needs.
func (s *Server) gazetteer(ctx context.Context) (place.Gazetteer, error) {
	areas, err := s.db.Areas(ctx)
	if err != nil {
		return place.Gazetteer{}, err
	}
	places, err := s.db.Places(ctx)
	if err != nil {
		return place.Gazetteer{}, err
	}
	return place.Gazetteer{Areas: areas, Places: places}, nil
}

// ratedArea returns the nearest area of the lineage that the matrix rates, or
// the zero Area when none is rated (a search for the whole region).
func ratedArea(m *directory.Matrix, lineage []directory.Area) directory.Area {
	for _, a := range lineage {
		for _, rated := range m.Areas {
			if rated.Slug == a.Slug {
				return a
			}
		}
	}
	return directory.Area{}
}

// findServices fills the results: the services that serve the place and pass
// the filters, grouped by need in matrix order, each with why it matches, and
// the gaps the matrix shows in the rated area. m holds the rated areas; the
// rated area's cells are read here.
func (s *Server) findServices(ctx context.Context, v *web.FindView, m *directory.Matrix,
	lineage []directory.Area, children map[string][]directory.Area) error {
	search := sqlite.Search{Stages: v.Query.Stages, Audiences: v.Query.Audiences, Words: v.Query.Words}
	for _, a := range lineage {
		search.Areas = append(search.Areas, a.Slug)
	}
	if v.Query.SelfReferral {
		search.Access = []directory.AccessRoute{directory.AccessSelfReferral, directory.AccessUniversal}
	}
	// Every matching service is read with just enough to say whether and
	// why it serves the place; the page's own services are read in full
	// below.
	services, err := s.db.SearchServiceCards(ctx, search)
	if err != nil {
		return err
	}
	types, err := s.db.ServiceTypes(ctx)
	if err != nil {
		return err
	}

	gaps := map[string]*web.FindGap{}
	if v.Rated.Slug != "" {
		// The rated area's own cells, not the whole matrix.
		if m, err = s.db.MatrixOf(ctx, m.AsOf, sqlite.MatrixFilter{Areas: []string{v.Rated.Slug}}); err != nil {
			return err
		}
	}
	for _, t := range m.ServiceTypes {
		if c, ok := m.Cell(t.Slug, v.Rated.Slug); ok && (c.Rating == directory.Red || c.Rating == directory.Amber) {
			gap := web.FindGap{Type: t, Cell: c}
			v.Gaps = append(v.Gaps, gap)
			gaps[t.Slug] = &gap
		}
	}

	// Services come ranked when words were given; groups keep that order
	// by their best result, and otherwise follow the matrix.
	byType := map[string][]web.FindResult{}
	var order []string
	for _, svc := range services {
		why, ok := place.Serves(svc, lineage, children)
		if !ok {
			continue
		}
		if _, seen := byType[svc.ServiceType]; !seen {
			order = append(order, svc.ServiceType)
		}
		byType[svc.ServiceType] = append(byType[svc.ServiceType], web.FindResult{Service: svc, Reason: why})
		v.Total++
	}
	names := map[string]string{"": "Other services"}
	for _, t := range types {
		names[t.Slug] = t.Name
	}
	// One page of results, in group order; a group that began on an earlier
	// page says it continues.
	v.Pages = max((v.Total+s.resultsPerPage-1)/s.resultsPerPage, 1)
	v.Query = v.Query.OnPage(min(v.Query.PageNumber(), v.Pages))
	first := (v.Query.PageNumber() - 1) * s.resultsPerPage
	v.First, v.Last = first+1, min(first+s.resultsPerPage, v.Total)
	seen := 0
	for _, slug := range order {
		results := byType[slug]
		from, to := max(first-seen, 0), min(first+s.resultsPerPage-seen, len(results))
		seen += len(results)
		if from >= to {
			continue
		}
		group := web.FindGroup{Slug: slug, Name: names[slug], Gap: gaps[slug], Results: results[from:to], Continued: from > 0}
		if slug == "" {
			group.Slug = "other-services"
		}
		v.Groups = append(v.Groups, group)
	}
	return s.fillResults(ctx, v.Groups)
}

// fillResults replaces each result's service, read for the count, with the
// service in full, for the page to show.
func (s *Server) fillResults(ctx context.Context, groups []web.FindGroup) error {
	var ids []int64
	for _, g := range groups {
		for _, r := range g.Results {
			ids = append(ids, r.Service.ID)
		}
	}
	full, err := s.db.ServicesByID(ctx, ids)
	if err != nil {
		return err
	}
	byID := make(map[int64]directory.Service, len(full))
	for _, svc := range full {
		byID[svc.ID] = svc
	}
	for _, g := range groups {
		for i := range g.Results {
			svc, ok := byID[g.Results[i].Service.ID]
			if !ok {
				return fmt.Errorf("service %d went missing while the results were read", g.Results[i].Service.ID)
			}
			g.Results[i].Service = svc
		}
	}
	return nil
}

// whereSentences say which area a place is in, which area's ratings apply,
// and how the areas have changed since the report, from the areas' own notes.
func whereSentences(placeName string, match place.Match, lineage []directory.Area, rated directory.Area) []string {
	var out []string
	area := lineage[0]
	switch {
	case placeName != area.Name && len(lineage) > 1 && area.Kind == directory.KindDistrict:
		out = append(out, placeName+" is in "+area.Name+", a district of "+lineage[1].Name+".")
	case placeName != area.Name:
		out = append(out, placeName+" is in "+area.Name+".")
	case area.Kind == directory.KindDistrict && len(lineage) > 1:
		out = append(out, area.Name+" is a district of "+lineage[1].Name+".")
	}
	if match.Note != "" && match.Note != area.Note {
		out = append(out, match.Note)
	}
	if rated.Slug != "" && rated.Slug != area.Slug {
		out = append(out, "The 2019 report rated services across "+rated.Name+" as a whole, so its ratings and services for "+rated.Name+" apply here.")
	}
	for _, a := range lineage {
		if a.ValidTo != "" && a.Note != "" && a.Kind != directory.KindDistrict {
			out = append(out, "About "+a.Name+": "+a.Note, "Services are still recorded against the areas as the 2019 report mapped them.")
			break
		}
	}
	if rated.Slug == "" {
		out = append(out, "These are the services that serve the whole region. Search for your town or postcode to see local services too.")
	}
	return out
}

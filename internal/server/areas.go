package server

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/place"
	"github.com/wessex-network/directory/web"
)

// areaGroups sorts areas under headings by kind, in the order a reader meets them.
var areaGroups = []struct {
	kinds   []string
	heading string
	hint    string
}{
	{[]string{directory.KindNation, directory.KindRegion}, "England and the region", ""},
	{[]string{directory.KindCounty, directory.KindUnitary}, "Counties and unitary authorities", "The 2019 report rated the seven areas that existed when its work began. The councils formed in April 2019 have no ratings of their own yet."},
	{[]string{directory.KindDistrict}, "Districts", ""},
	{[]string{directory.KindCCG, directory.KindCareBoard}, "NHS commissioning areas", "The clinical commissioning groups on the report's map. Integrated care boards replaced them in July 2022."},
}

func (s *Server) areasPage(w http.ResponseWriter, r *http.Request) {
	areas, err := s.db.Areas(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var groups []web.AreaGroup
	for _, g := range areaGroups {
		group := web.AreaGroup{Heading: g.heading, Hint: g.hint}
		for _, a := range areas {
			for _, k := range g.kinds {
				if a.Kind == k {
					group.Areas = append(group.Areas, a)
				}
			}
		}
		if len(group.Areas) > 0 {
			groups = append(groups, group)
		}
	}
	s.render(w, r, http.StatusOK, web.Areas(groups))
}

func (s *Server) areaPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.areaView(r, chi.URLParam(r, "slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.AreaProfile(v))
}

// areaView gathers what an area's profile shows: its coverage, gaps and
// their actions, services, need indicators and recent searches. The
// briefing prints from the same view.
func (s *Server) areaView(r *http.Request, slug string) (web.AreaView, error) {
	ctx := r.Context()
	area, err := s.db.Area(ctx, slug)
	if err != nil {
		return web.AreaView{}, err
	}
	areas, err := s.db.Areas(ctx)
	if err != nil {
		return web.AreaView{}, err
	}
	// The area's own cells, not the whole matrix.
	m, err := s.db.MatrixOf(ctx, "", directory.MatrixFilter{Areas: []string{area.Slug}})
	if err != nil {
		return web.AreaView{}, err
	}
	indicators, err := s.db.Indicators(ctx)
	if err != nil {
		return web.AreaView{}, err
	}
	glossary, err := s.db.Glossary(ctx)
	if err != nil {
		return web.AreaView{}, err
	}

	v := web.AreaView{Area: area, AsOf: m.AsOf, Glossary: glossary}
	for _, a := range areas {
		if a.ParentSlug == area.Slug {
			v.Children = append(v.Children, a)
		}
	}
	lineage := place.Lineage(areas, area.Slug) // the area and its ancestors, nearest first

	for _, t := range m.ServiceTypes {
		if c, ok := m.Cell(t.Slug, area.Slug); ok {
			v.Ratings = append(v.Ratings, web.AreaRating{Type: t, Cell: c, Rated: true})
		}
	}

	if v.Services, err = s.areaServices(r, lineage, place.Children(areas)); err != nil {
		return web.AreaView{}, err
	}
	v.Indicators, v.IndicatorArea = indicatorRows(indicators, lineage)
	if v.Actions, err = s.db.Actions(ctx, area.Slug); err != nil {
		return web.AreaView{}, err
	}
	v.Today = s.today()
	if v.DemandFrom, v.DemandTo, v.Demand, err = s.areaDemand(ctx, area.Slug); err != nil {
		return web.AreaView{}, err
	}
	return v, nil
}

// areaServices gathers the services that list an area or any area it is part
// of, grouped by service type in matrix order. A service that its note limits
// to other districts of a county ("Havant and Gosport only") is left out of
// the county's other districts.
func (s *Server) areaServices(r *http.Request, lineage []directory.Area, children map[string][]directory.Area) ([]web.ServiceGroup, error) {
	types, err := s.db.ServiceTypes(r.Context())
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	byType := map[string][]web.AreaService{}
	for i, a := range lineage {
		services, err := s.db.ServiceCards(r.Context(), a.Slug)
		if err != nil {
			return nil, err
		}
		for _, svc := range services {
			if _, ok := place.Serves(svc, lineage, children); seen[svc.Slug] || !ok {
				continue
			}
			seen[svc.Slug] = true
			sa, _ := svc.ServesArea(a.Slug)
			note := sa.Note
			if i > 0 {
				note = "Across " + a.Name + ". " + note
			}
			byType[svc.ServiceType] = append(byType[svc.ServiceType], web.AreaService{Service: svc, Note: note})
		}
	}
	// Temporarily closed services come after the open ones of their group.
	for _, list := range byType {
		slices.SortStableFunc(list, func(a, b web.AreaService) int {
			return directory.ClosedRank(a.Service) - directory.ClosedRank(b.Service)
		})
	}
	var groups []web.ServiceGroup
	for _, t := range types {
		if list := byType[t.Slug]; len(list) > 0 {
			groups = append(groups, web.ServiceGroup{Slug: t.Slug, Name: t.Name, Services: list})
		}
	}
	if list := byType[""]; len(list) > 0 {
		groups = append(groups, web.ServiceGroup{Slug: "other-services", Name: "Other services", Services: list})
	}
	return groups, nil
}

// indicatorRows sets the area's value of each indicator beside the values of
// the areas it is part of. Indicators with no value for the area are left out.
func indicatorRows(indicators []directory.Indicator, lineage []directory.Area) ([]web.IndicatorRow, []string) {
	var columns []directory.Area
	for _, a := range lineage {
		for _, ind := range indicators {
			if _, ok := ind.Value(a.Slug); ok {
				columns = append(columns, a)
				break
			}
		}
	}
	if len(columns) == 0 || columns[0].Slug != lineage[0].Slug {
		return nil, nil
	}
	var rows []web.IndicatorRow
	for _, ind := range indicators {
		if _, ok := ind.Value(lineage[0].Slug); !ok {
			continue
		}
		row := web.IndicatorRow{Indicator: ind}
		for _, a := range columns {
			v, ok := ind.Value(a.Slug)
			if !ok {
				v = directory.IndicatorValue{Area: a.Slug, AreaName: a.Name, Note: "Not recorded."}
			}
			row.Values = append(row.Values, v)
		}
		rows = append(rows, row)
	}
	headings := make([]string, len(columns))
	for i, a := range columns {
		headings[i] = a.Name
	}
	return rows, headings
}

// areaDemand adds up the searches that landed in one area over the last 90
// full days.
func (s *Server) areaDemand(ctx context.Context, slug string) (from, to string, sum directory.DemandCount, err error) {
	from, to, err = s.demandPeriod(&http.Request{URL: &url.URL{}})
	if err != nil {
		return "", "", sum, err
	}
	rows, err := s.db.Demand(ctx, from, to)
	if err != nil {
		return "", "", sum, err
	}
	for _, r := range rows {
		if r.Area == slug {
			sum = sum.Add(r.DemandCount)
		}
	}
	return from, to, sum, nil
}

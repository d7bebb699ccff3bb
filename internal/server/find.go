package server

import (
	"context"
	"fmt"
	"net/http"
	"slices"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/place"
	"github.com/wessex-network/directory/internal/postcode"
	"github.com/wessex-network/directory/web"
)

// find resolves the place a family typed and shows the services that serve
// it, filtered as they chose, or asks which place they meant.
func (s *Server) find(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := parseFindQuery(r.URL.Query())
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
	resolve := place.Resolve
	if q.Exact {
		resolve = place.ResolveExact
	}
	v := web.FindView{Query: q, Areas: m.Areas, Result: resolve(g, q.Place)}
	v.Result = v.Result.Choose(q.Area)
	// A place in several areas that all lead to the same ratings and
	// services needs no question: answer for all of them at once.
	parts := v.Result.Matches
	if v.Result.Outcome == place.Ambiguous && !v.Result.PartlyOutside() {
		same, err := s.sameEverywhere(ctx, m, g, parts)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if same {
			v.Result.Outcome, v.Result.Matches = place.Found, parts[:1]
		}
	}

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
		s.noteSearch(ctx, v, q.Page, directory.DemandUnknownPlace, 0)
		s.render(w, r, http.StatusNotFound, web.Find(v))
		return
	case place.Outside:
		s.noteSearch(ctx, v, q.Page, directory.DemandOutside, 0)
		s.render(w, r, http.StatusOK, web.Find(v))
		return
	case place.Ambiguous, place.Conflicting:
		// A question, not a search that landed: the answer will be counted.
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
	if len(parts) > 1 {
		v.Parts = parts
	}
	v.Where = whereSentences(v.Place, match, v.Parts, g.Areas, v.Rated)
	if err := s.findServices(ctx, &v, m, lineage, place.Children(g.Areas)); err != nil {
		s.fail(w, r, err)
		return
	}
	landed := v.Rated.Slug
	if landed == "" {
		landed = match.Area.Slug
	}
	s.noteSearch(ctx, v, q.Page, landed, v.Total)
	s.render(w, r, http.StatusOK, web.Find(v))
}

// noteSearch tells the demand tally what a search found: the area it landed
// in, the postcode district if a postcode was typed (never the full
// postcode), the filters and the number of services. Only a search's first
// page counts, so paging through results is one search; page is the page
// asked for.
func (s *Server) noteSearch(ctx context.Context, v web.FindView, page int, area string, results int) {
	if page > 1 { // the page asked for, before it is held to the last
		return
	}
	k := directory.DemandKey{
		Area:         area,
		Stages:       directory.JoinFilters(v.Query.Stages),
		Audiences:    directory.JoinFilters(v.Query.Audiences),
		SelfReferral: v.Query.SelfReferral,
	}
	if pc, ok := postcode.Parse(v.Result.Postcode); ok {
		k.PostcodeDistrict = pc.Outward
	}
	noteDemand(ctx, k, results)
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
	search := directory.Search{Stages: v.Query.Stages, Audiences: v.Query.Audiences, Words: v.Query.Words}
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
		if m, err = s.db.MatrixOf(ctx, m.AsOf, directory.MatrixFilter{Areas: []string{v.Rated.Slug}}); err != nil {
			return err
		}
	}
	for _, t := range m.ServiceTypes {
		if c, ok := m.Cell(t.Slug, v.Rated.Slug); ok && c.Rating.Gap() {
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
	// Temporarily closed services come after the open ones of their group,
	// and, among each, entries unchecked for weeks after checked ones.
	today := s.today()
	rank := func(svc directory.Service) int {
		return 2*directory.ClosedRank(svc) + directory.UncheckedRank(svc, today)
	}
	for _, results := range byType {
		slices.SortStableFunc(results, func(a, b web.FindResult) int { return rank(a.Service) - rank(b.Service) })
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

// sameEverywhere reports whether every area of an ambiguous place leads
// to the same rated area and the same services, each listed for the same
// reason, before any filter.
func (s *Server) sameEverywhere(ctx context.Context, m *directory.Matrix, g place.Gazetteer, matches []place.Match) (bool, error) {
	lineages := make([][]directory.Area, len(matches))
	search := directory.Search{}
	for i, match := range matches {
		lineages[i] = place.Lineage(g.Areas, match.Area.Slug)
		if ratedArea(m, lineages[i]).Slug != ratedArea(m, lineages[0]).Slug {
			return false, nil
		}
		for _, a := range lineages[i] {
			search.Areas = append(search.Areas, a.Slug)
		}
	}
	services, err := s.db.SearchServices(ctx, search)
	if err != nil {
		return false, err
	}
	children := place.Children(g.Areas)
	for _, svc := range services {
		first, ok := place.Serves(svc, lineages[0], children)
		for _, lineage := range lineages[1:] {
			if why, serves := place.Serves(svc, lineage, children); serves != ok || why != first {
				return false, nil
			}
		}
	}
	return true, nil
}

// words is a phrase of plain words; area is one that names an area, linked
// to its profile.
func words(text string) web.Phrase     { return web.Phrase{Text: text} }
func area(a directory.Area) web.Phrase { return web.Phrase{Text: a.Name, Area: a.Slug} }

// whereSentences say which area a place is in, which area's ratings apply,
// and how the areas have changed since the report, from the areas' own
// notes. Each area they name links to its profile. parts are every area the
// place lies in, when it lies in several that lead to the same services.
func whereSentences(placeName string, match place.Match, parts []place.Match, areas []directory.Area,
	rated directory.Area) []web.Sentence {
	var out []web.Sentence
	lineage := place.Lineage(areas, match.Area.Slug)
	here := lineage[0]
	linked := map[string]bool{}
	link := func(a directory.Area) web.Phrase {
		if linked[a.Slug] {
			return words(a.Name)
		}
		linked[a.Slug] = true
		return area(a)
	}
	switch {
	case len(parts) > 1:
		out = append(out, partsSentence(placeName, parts, areas, link))
	case placeName != here.Name && len(lineage) > 1 && here.Kind == directory.KindDistrict:
		out = append(out, web.Sentence{words(placeName + " is in "), link(here), words(", a district of "), link(lineage[1]), words(".")})
	case placeName != here.Name:
		out = append(out, web.Sentence{words(placeName + " is in "), link(here), words(".")})
	case here.Kind == directory.KindDistrict && len(lineage) > 1:
		out = append(out, web.Sentence{link(here), words(" is a district of "), link(lineage[1]), words(".")})
	default:
		out = append(out, web.Sentence{words("See the profile of "), link(here), words(" for its coverage, gaps and need indicators.")})
	}
	if len(parts) <= 1 && match.Note != "" && match.Note != here.Note {
		out = append(out, web.Sentence{words(match.Note)})
	}
	if rated.Slug != "" && rated.Slug != here.Slug {
		out = append(out, web.Sentence{words("The 2019 report rated services across "), link(rated),
			words(" as a whole, so its ratings and services for " + rated.Name + " apply here.")})
	}
	for _, a := range lineage {
		if a.ValidTo != "" && a.Note != "" && a.Kind != directory.KindDistrict {
			out = append(out, web.Sentence{words("About " + a.Name + ": " + a.Note)},
				web.Sentence{words("Services are still recorded against the areas as the 2019 report mapped them.")})
			break
		}
	}
	if rated.Slug == "" {
		out = append(out, web.Sentence{words("These are the services that serve the whole region. Search for your town or postcode to see local services too.")})
	}
	return out
}

// partsSentence names every area a place lies in: "Whiteley is in Fareham
// and Winchester, districts of Hampshire."
func partsSentence(placeName string, parts []place.Match, areas []directory.Area, link func(directory.Area) web.Phrase) web.Sentence {
	out := web.Sentence{words(placeName + " is in ")}
	parent, districts := "", true
	for i, p := range parts {
		switch {
		case i == 0:
		case i == len(parts)-1:
			out = append(out, words(" and "))
		default:
			out = append(out, words(", "))
		}
		out = append(out, link(p.Area))
		if p.Area.Kind != directory.KindDistrict || (parent != "" && p.Area.ParentSlug != parent) {
			districts = false
		}
		parent = p.Area.ParentSlug
	}
	if lineage := place.Lineage(areas, parent); districts && len(lineage) > 0 {
		out = append(out, words(", districts of "), link(lineage[0]))
	}
	return append(out, words("."))
}

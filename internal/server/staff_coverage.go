package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

func (s *Server) staffCoverage(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	m, err := s.db.Matrix(r.Context(), "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	areas, err := s.db.Areas(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Councils formed since the ratings were made are rated like any other
	// area: list them after the rated areas, with a way to rate them.
	current, _ := m.OnCurrentAreas(areas)
	listed := map[string]bool{}
	for _, a := range m.Areas {
		listed[a.Slug] = true
	}
	for _, a := range current.Areas {
		if !listed[a.Slug] {
			m.Areas = append(m.Areas, a)
		}
	}
	services, err := s.db.Services(r.Context(), directory.ServiceFilter{IncludeArchived: true})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.StaffCoverage(web.StaffCoverageView{User: u, Matrix: m, AllClosed: directory.CellsAllClosed(services)}))
}

// cellFromPath finds the service type and area a cell route names, with the
// cell's history, newest first.
func (s *Server) cellFromPath(r *http.Request) (directory.ServiceType, directory.Area, []directory.CoverageCell, error) {
	ctx := r.Context()
	typeSlug, areaSlug := chi.URLParam(r, "type"), chi.URLParam(r, "area")
	var st directory.ServiceType
	types, err := s.db.ServiceTypes(ctx)
	if err != nil {
		return st, directory.Area{}, nil, err
	}
	for _, t := range types {
		if t.Slug == typeSlug {
			st = t
		}
	}
	if st.Slug == "" {
		return st, directory.Area{}, nil, directory.Errorf(directory.ENOTFOUND, "There is no service type %q.", typeSlug)
	}
	area, err := s.db.Area(ctx, areaSlug)
	if err != nil {
		return st, area, nil, err
	}
	cells, err := s.db.CellHistory(ctx, st.Slug, area.Slug)
	return st, area, cells, err
}

func (s *Server) cellForm(w http.ResponseWriter, r *http.Request) {
	st, area, cells, err := s.cellFromPath(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.CellFormView{ServiceType: st, Area: area, Effective: s.today()}
	if v.Watching, err = s.watching(r, directory.EntityCoverageCell, st.Slug+"/"+area.Slug); err != nil {
		s.fail(w, r, err)
		return
	}
	if len(cells) > 0 {
		v.Current, v.BasedOn = &cells[0], cells[0].ID
		v.Rating, v.Note = cells[0].Rating, cells[0].Note
	}
	v.User, _ = currentUser(r.Context())
	s.render(w, r, http.StatusOK, web.CellForm(v))
}

func (s *Server) rateCell(w http.ResponseWriter, r *http.Request) {
	st, area, cells, err := s.cellFromPath(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	basedOn := formBasedOn(r)
	change := directory.CellChange{
		ServiceType: st.Slug, Area: area.Slug,
		Rating:        directory.Rating(r.PostFormValue("rating")),
		Note:          strings.TrimSpace(r.PostFormValue("note")),
		Reason:        strings.TrimSpace(r.PostFormValue("reason")),
		EffectiveFrom: strings.TrimSpace(r.PostFormValue("effective_from")),
		BasedOn:       basedOn,
	}
	_, err = s.db.RateCell(r.Context(), actor(r), change)
	var invalid *directory.ValidationError
	var conflict *directory.ConflictError
	switch {
	case errors.As(err, &invalid):
		v := web.CellFormView{ServiceType: st, Area: area, Rating: change.Rating, Note: change.Note,
			Reason: change.Reason, Effective: change.EffectiveFrom, BasedOn: basedOn, Errors: invalid.Fields}
		if len(cells) > 0 {
			v.Current = &cells[0]
		}
		v.User, _ = currentUser(r.Context())
		s.render(w, r, http.StatusUnprocessableEntity, web.CellForm(v))
	case errors.As(err, &conflict):
		stored, _ := conflict.Current.(directory.CoverageCell)
		submitted := directory.CoverageCell{Rating: change.Rating, Note: change.Note, EffectiveFrom: change.EffectiveFrom, Reason: change.Reason, Source: "(set when saved)"}
		s.conflict(w, r, "the rating for "+st.Name+" in "+area.Name, stored.Fields(), submitted.Fields(), "/staff/coverage/"+st.Slug+"/"+area.Slug)
	case err != nil:
		s.fail(w, r, err)
	default:
		http.Redirect(w, r, "/staff/coverage/"+st.Slug+"/"+area.Slug+"/history", http.StatusSeeOther)
	}
}

func (s *Server) cellHistory(w http.ResponseWriter, r *http.Request) {
	st, area, cells, err := s.cellFromPath(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := currentUser(r.Context())
	s.render(w, r, http.StatusOK, web.CellHistory(web.CellHistoryView{User: u, ServiceType: st, Area: area, Cells: cells}))
}

func (s *Server) restoreCell(w http.ResponseWriter, r *http.Request) {
	st, area, _, err := s.cellFromPath(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cell, _ := strconv.ParseInt(r.PostFormValue("cell"), 10, 64)
	basedOn := formBasedOn(r)
	_, err = s.db.RestoreCell(r.Context(), actor(r), st.Slug, area.Slug, cell, basedOn)
	var conflict *directory.ConflictError
	if errors.As(err, &conflict) {
		s.render(w, r, http.StatusConflict, web.ErrorPage(web.ErrorView{Status: http.StatusConflict,
			Title:   "Your change was not saved",
			Message: "Someone else changed this rating after you opened the page, so nothing was changed. Look at its history again."}))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/staff/coverage/"+st.Slug+"/"+area.Slug+"/history", http.StatusSeeOther)
}

func (s *Server) recentChanges(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	entries, err := s.db.RecentChanges(r.Context(), 200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.RecentChanges(u, entries))
}

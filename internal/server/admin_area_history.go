package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// areaHistory lists every change to an area, newest first.
func (s *Server) areaHistory(w http.ResponseWriter, r *http.Request) {
	a, err := s.db.Area(r.Context(), chi.URLParam(r, "slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	renderHistory(s, w, r, directory.EntityArea, a.Slug, a, web.HistoryView{
		Noun: "area", Name: a.Name, Version: a.Version,
		RestoreHref: "/staff/areas/" + a.Slug + "/restore",
		Links: []web.HistoryLink{
			{Href: "/areas/" + a.Slug, Label: "Public page"},
			{Href: "/staff/areas/" + a.Slug + "/edit", Label: "Edit"},
			{Href: "/staff/areas", Label: "All areas"},
		},
	})
}

// restoreArea gives an area again the fields an edit can change as an
// earlier version had them, unless someone else changed it after the history
// page was opened. A parent that would now make a loop is refused.
func (s *Server) restoreArea(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	change, before := restoreFrom(r)
	_, err := s.db.RestoreArea(r.Context(), actor(r), slug, formVersion(r), change, before)
	s.afterAction(w, r, err, "/staff/areas/"+slug+"/history")
}

package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// serviceTypeHistory lists every change to a service type, newest first.
func (s *Server) serviceTypeHistory(w http.ResponseWriter, r *http.Request) {
	t, err := s.db.ServiceType(r.Context(), chi.URLParam(r, "slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	renderHistory(s, w, r, directory.EntityServiceType, t.Slug, t, web.HistoryView{
		Noun: "service type", Name: t.Name, Version: t.Version,
		RestoreHref: "/staff/service-types/" + t.Slug + "/restore",
		Links: []web.HistoryLink{
			{Href: "/staff/service-types/" + t.Slug + "/edit", Label: "Edit"},
			{Href: "/staff/service-types", Label: "All service types"},
		},
	})
}

// restoreServiceType gives a service type again the name and description
// of an earlier version, unless someone else changed it after the history
// page was opened.
func (s *Server) restoreServiceType(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	change, before := restoreFrom(r)
	_, err := s.db.RestoreServiceType(r.Context(), actor(r), slug, formVersion(r), change, before)
	s.afterAction(w, r, err, "/staff/service-types/"+slug+"/history")
}

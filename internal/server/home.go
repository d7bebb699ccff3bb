package server

import (
	"net/http"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	// The page lists the rated areas and counts the gaps, so it reads only
	// the ratings; the map reads its own service type's cells in full.
	m, err := s.db.MatrixOf(r.Context(), "", directory.MatrixFilter{RatingsOnly: true})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	services, err := s.db.CountServices(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cm, err := s.coverageMap(r.Context(), "home-map", m, "", true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	gaps := m.Count("", directory.Red)
	s.render(w, r, http.StatusOK, web.Home(web.HomeView{Areas: m.Areas, AsOf: m.AsOf, Services: services, Gaps: gaps, Map: cm}))
}

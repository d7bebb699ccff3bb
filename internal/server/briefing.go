package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/web"
)

// areaBriefing is one printable page about an area for a commissioning
// meeting: the profile's coverage, gaps with their actions, need indicators
// and recent searches, without its list of services. An area with no
// ratings, such as the region or a district, gets a briefing that says so.
func (s *Server) areaBriefing(w http.ResponseWriter, r *http.Request) {
	v, err := s.areaView(r, chi.URLParam(r, "slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	recs, err := s.db.Recommendations(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.AreaBriefing(web.BriefingView{Profile: v, Recommendations: recs}))
}

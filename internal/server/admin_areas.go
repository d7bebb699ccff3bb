package server

import (
	"net/http"

	"github.com/wessex-network/directory/web"
)

// adminAreasPage lists the areas for admins, each with a link to edit it.
func (s *Server) adminAreasPage(w http.ResponseWriter, r *http.Request) {
	areas, err := s.db.Areas(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := currentUser(r.Context())
	s.render(w, r, http.StatusOK, web.AdminAreasPage(web.AdminAreasView{User: u, Areas: areas}))
}

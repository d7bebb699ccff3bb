package server

import (
	"net/http"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

func (s *Server) staffHome(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	if u.Role == directory.RoleProvider {
		s.providerHome(w, r)
		return
	}
	recent, err := s.db.RecentChanges(r.Context(), 10)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	due, err := s.db.ServicesDueForReview(r.Context(), s.today())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	queue, err := s.reviewQueue(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.StaffHome(web.StaffHomeView{User: u, DueReview: len(due), Queue: len(queue), Recent: recent}))
}

package server

import (
	"net/http"

	"github.com/wessex-network/directory/web"
)

// jobsShown is how many of the latest jobs the admin page lists.
const jobsShown = 100

// staffJobs lists the job queue's latest jobs for admins.
func (s *Server) staffJobs(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	v := web.JobsView{User: u, Running: s.jobs != nil}
	if s.jobs != nil {
		var err error
		if v.Jobs, err = s.jobs.RecentJobs(r.Context(), jobsShown); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, web.JobsPage(v))
}

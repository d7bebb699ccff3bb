package server

import (
	"net/http"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// watching reports whether the member of staff making the request watches
// a record.
func (s *Server) watching(r *http.Request, entity, key string) (bool, error) {
	u, _ := currentUser(r.Context())
	list, err := s.db.Watches(r.Context(), u.ID)
	for _, w := range list {
		if w.Entity == entity && w.Key == key {
			return true, err
		}
	}
	return false, err
}

// watchBack is the staff page to go back to after watching: the one the
// form names, if it is a staff page on this site.
func watchBack(r *http.Request) string {
	back := r.PostFormValue("back")
	if strings.HasPrefix(back, "/staff/") && !strings.HasPrefix(back, "//") && !strings.Contains(back, "\\") {
		return back
	}
	return "/staff/watching"
}

// watchingPage lists what the member of staff watches.
func (s *Server) watchingPage(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	list, err := s.db.Watches(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.WatchingPage(web.WatchingView{User: u, Watches: list}))
}

// watch starts watching a service or a coverage cell.
func (s *Server) watch(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	if err := s.db.Watch(r.Context(), u.ID, r.PostFormValue("entity"), r.PostFormValue("key")); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, watchBack(r), http.StatusSeeOther)
}

// unwatch stops watching a service or a coverage cell.
func (s *Server) unwatch(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	entity := r.PostFormValue("entity")
	if !directory.Watchable(entity) {
		s.fail(w, r, directory.Errorf(directory.EINVALID, "Only services and coverage cells can be watched."))
		return
	}
	if err := s.db.Unwatch(r.Context(), u.ID, entity, r.PostFormValue("key")); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, watchBack(r), http.StatusSeeOther)
}

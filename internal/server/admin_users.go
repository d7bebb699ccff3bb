package server

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// usersPage lists the staff accounts.
func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	s.renderUsers(w, r, http.StatusOK, nil)
}

// renderUsers shows the accounts, with the message of a refused action if any.
func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, errs directory.FieldErrors) {
	users, err := s.db.Users(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	orgs, err := s.db.Organisations(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	names := make(map[string]string, len(orgs))
	for _, o := range orgs {
		names[o.Slug] = o.Name
	}
	u, _ := currentUser(r.Context())
	s.render(w, r, status, web.UsersPage(web.UsersView{User: u, Users: users, Errors: errs, OrganisationNames: names}))
}

// disableUser stops an account from logging in. Disabling the last active
// admin is refused, and the accounts page says why.
func (s *Server) disableUser(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return
	}
	if _, err := s.db.DisableUser(r.Context(), actor(r), id); err != nil {
		if directory.ErrorCode(err) == directory.EINVALID {
			var errs directory.FieldErrors
			errs.Add(web.UserRowID(id), directory.ErrorMessage(err))
			s.renderUsers(w, r, http.StatusUnprocessableEntity, errs)
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/staff/users", http.StatusSeeOther)
}

// enableUser lets a disabled account log in again.
func (s *Server) enableUser(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return
	}
	if _, err := s.db.EnableUser(r.Context(), actor(r), id); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/staff/users", http.StatusSeeOther)
}

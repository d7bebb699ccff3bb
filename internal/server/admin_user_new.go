package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/wessex-network/directory/internal/auth"
	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// newUserPage is the form to add an account: staff, or a provider tied to
// organisations.
func (s *Server) newUserPage(w http.ResponseWriter, r *http.Request) {
	orgs, err := s.db.Organisations(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := currentUser(r.Context())
	s.render(w, r, http.StatusOK, web.NewUserPage(web.NewUserView{User: u, All: orgs}, auth.MinPasswordLength))
}

// createUser adds an account, tying a provider to the organisations ticked. Bad input comes back with status 422, the
// values typed (never the password) and a message for each field.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	nu := directory.NewUser{
		Email:    strings.TrimSpace(r.PostFormValue("email")),
		Name:     strings.TrimSpace(r.PostFormValue("name")),
		Role:     directory.Role(r.PostFormValue("role")),
		Password: r.PostFormValue("password"),
		// Organisations are ticked only for a provider; a ticked box left
		// for an admin or editor is an error to show, not to drop.
		Organisations: directory.TidyOrganisations(r.PostForm["organisations"]),
	}
	again := func(errs directory.FieldErrors) {
		orgs, err := s.db.Organisations(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		u, _ := currentUser(r.Context())
		s.render(w, r, http.StatusUnprocessableEntity, web.NewUserPage(web.NewUserView{
			User: u, Email: nu.Email, Name: nu.Name, Role: nu.Role, Organisations: nu.Organisations, All: orgs, Errors: errs,
		}, auth.MinPasswordLength))
	}
	if errs := nu.Validate(auth.MinPasswordLength); len(errs) > 0 {
		again(errs)
		return
	}
	hash, err := auth.HashPassword(nu.Password)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	_, err = s.db.CreateUser(r.Context(), actor(r), directory.User{Email: nu.Email, Name: nu.Name, Role: nu.Role, Organisations: nu.Organisations}, hash)
	var invalid *directory.ValidationError
	if errors.As(err, &invalid) {
		again(invalid.Fields)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/staff/users", http.StatusSeeOther)
}

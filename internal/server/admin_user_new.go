package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/wessex-network/directory/internal/auth"
	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// newUserPage is the form to add a staff account.
func (s *Server) newUserPage(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	s.render(w, r, http.StatusOK, web.NewUserPage(web.NewUserView{User: u}, auth.MinPasswordLength))
}

// createUser adds a staff account. Bad input comes back with status 422, the
// values typed (never the password) and a message for each field.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	nu := directory.NewUser{
		Email:    strings.TrimSpace(r.PostFormValue("email")),
		Name:     strings.TrimSpace(r.PostFormValue("name")),
		Role:     directory.Role(r.PostFormValue("role")),
		Password: r.PostFormValue("password"),
	}
	again := func(errs directory.FieldErrors) {
		u, _ := currentUser(r.Context())
		s.render(w, r, http.StatusUnprocessableEntity, web.NewUserPage(web.NewUserView{
			User: u, Email: nu.Email, Name: nu.Name, Role: nu.Role, Errors: errs,
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
	_, err = s.db.CreateUser(r.Context(), actor(r), directory.User{Email: nu.Email, Name: nu.Name, Role: nu.Role}, hash)
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

package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// newServiceTypePage is the form to add a service type.
func (s *Server) newServiceTypePage(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	s.render(w, r, http.StatusOK, web.ServiceTypeForm(web.ServiceTypeFormView{User: u, New: true}))
}

// editServiceTypePage is the form to edit a service type, as stored now.
func (s *Server) editServiceTypePage(w http.ResponseWriter, r *http.Request) {
	t, err := s.db.ServiceType(r.Context(), chi.URLParam(r, "slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := currentUser(r.Context())
	s.render(w, r, http.StatusOK, web.ServiceTypeForm(web.ServiceTypeFormView{User: u, Type: t}))
}

// serviceTypeFromForm reads the fields an admin may set.
func serviceTypeFromForm(r *http.Request) directory.ServiceType {
	return directory.ServiceType{
		Slug:        strings.TrimSpace(r.PostFormValue("slug")),
		Name:        strings.TrimSpace(r.PostFormValue("name")),
		Description: strings.TrimSpace(r.PostFormValue("description")),
	}
}

// createServiceType adds a service type after the last one.
func (s *Server) createServiceType(w http.ResponseWriter, r *http.Request) {
	t := serviceTypeFromForm(r)
	_, err := s.db.CreateServiceType(r.Context(), actor(r), t)
	s.afterServiceTypeSave(w, r, web.ServiceTypeFormView{New: true, Type: t}, err)
}

// updateServiceType saves an edit of a service type's name and description,
// unless someone else saved it after the edit began.
func (s *Server) updateServiceType(w http.ResponseWriter, r *http.Request) {
	t := serviceTypeFromForm(r)
	t.Slug = chi.URLParam(r, "slug") // the slug is never changed
	t.Version = formVersion(r)
	_, err := s.db.UpdateServiceType(r.Context(), actor(r), t)
	s.afterServiceTypeSave(w, r, web.ServiceTypeFormView{Type: t}, err)
}

// afterServiceTypeSave goes back to the list after a save, shows the form
// again with the typed values after bad input, and shows both versions after
// a conflict.
func (s *Server) afterServiceTypeSave(w http.ResponseWriter, r *http.Request, v web.ServiceTypeFormView, err error) {
	v.User, _ = currentUser(r.Context())
	var invalid *directory.ValidationError
	var conflict *directory.ConflictError
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/service-types", http.StatusSeeOther)
	case errors.As(err, &invalid):
		v.Errors = invalid.Fields
		s.render(w, r, http.StatusUnprocessableEntity, web.ServiceTypeForm(v))
	case errors.As(err, &conflict):
		stored, _ := conflict.Current.(directory.ServiceType)
		s.conflict(w, r, stored.Name, stored.Fields(), v.Type.Fields(), "/staff/service-types/"+stored.Slug+"/edit")
	default:
		s.fail(w, r, err)
	}
}

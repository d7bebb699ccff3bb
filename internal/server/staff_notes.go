package server

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// serviceNotes lists staff's notes on a service, with the form to add one.
func (s *Server) serviceNotes(w http.ResponseWriter, r *http.Request) {
	s.renderServiceNotes(w, r, http.StatusOK, web.ServiceNotesView{})
}

func (s *Server) renderServiceNotes(w http.ResponseWriter, r *http.Request, status int, v web.ServiceNotesView) {
	var err error
	slug := chi.URLParam(r, "slug")
	if v.Service, err = s.db.Service(r.Context(), slug); err != nil {
		s.fail(w, r, err)
		return
	}
	if v.Notes, err = s.db.ServiceNotes(r.Context(), slug); err != nil {
		s.fail(w, r, err)
		return
	}
	v.User, _ = currentUser(r.Context())
	s.render(w, r, status, web.ServiceNotesPage(v))
}

// addServiceNote adds a note to a service and shows the notes again.
func (s *Server) addServiceNote(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	note := r.PostFormValue("note")
	_, err := s.db.AddServiceNote(r.Context(), actor(r), slug, note)
	var invalid *directory.ValidationError
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/services/"+slug+"/notes", http.StatusSeeOther)
	case errors.As(err, &invalid):
		s.renderServiceNotes(w, r, http.StatusUnprocessableEntity, web.ServiceNotesView{Note: note, Errors: invalid.Fields})
	default:
		s.fail(w, r, err)
	}
}

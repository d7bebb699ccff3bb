package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// staffSuggestions lists the open suggestions from the public, oldest
// first.
func (s *Server) staffSuggestions(w http.ResponseWriter, r *http.Request) {
	s.renderStaffSuggestions(w, r, http.StatusOK, web.StaffSuggestionsView{})
}

func (s *Server) renderStaffSuggestions(w http.ResponseWriter, r *http.Request, status int, v web.StaffSuggestionsView) {
	open, err := s.db.Suggestions(r.Context(), directory.SuggestionOpen)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.User, _ = currentUser(r.Context())
	v.Suggestions = open
	s.render(w, r, status, web.StaffSuggestions(v))
}

// closeSuggestion closes a suggestion with staff's note of what was done.
func (s *Server) closeSuggestion(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	note := r.PostFormValue(web.NoteField(id))
	_, err := s.db.CloseSuggestion(r.Context(), actor(r), id, note)
	var invalid *directory.ValidationError
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/suggestions", http.StatusSeeOther)
	case errors.As(err, &invalid):
		errs := make(directory.FieldErrors, len(invalid.Fields))
		for i, fe := range invalid.Fields {
			errs[i] = directory.FieldError{Field: web.NoteField(id), Message: fe.Message}
		}
		s.renderStaffSuggestions(w, r, http.StatusUnprocessableEntity, web.StaffSuggestionsView{Errors: errs, ErrorID: id, Note: note})
	default:
		s.fail(w, r, err)
	}
}

package server

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// staffHeld lists the services imports held because their feed named no
// area of this directory.
func (s *Server) staffHeld(w http.ResponseWriter, r *http.Request) {
	s.renderStaffHeld(w, r, http.StatusOK, web.StaffHeldView{})
}

func (s *Server) renderStaffHeld(w http.ResponseWriter, r *http.Request, status int, v web.StaffHeldView) {
	held, err := s.db.HeldServices(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	areas, err := s.db.Areas(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.User, _ = currentUser(r.Context())
	v.Held, v.Areas = held, areas
	s.render(w, r, status, web.StaffHeld(v))
}

// approveHeld gives a held service the areas staff chose and publishes it.
func (s *Server) approveHeld(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	_, err := s.db.ApproveHeld(r.Context(), actor(r), slug, formVersion(r), r.PostForm[web.HeldAreasField(slug)])
	s.afterHeld(w, r, slug, web.HeldAreasField(slug), "", err)
}

// rejectHeld keeps a held service off the directory, with staff's reason.
func (s *Server) rejectHeld(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	reason := r.PostFormValue(web.HeldReasonField(slug))
	err := s.db.RejectHeld(r.Context(), actor(r), slug, formVersion(r), reason)
	s.afterHeld(w, r, slug, web.HeldReasonField(slug), reason, err)
}

func (s *Server) afterHeld(w http.ResponseWriter, r *http.Request, slug, field, reason string, err error) {
	var invalid *directory.ValidationError
	if errors.As(err, &invalid) {
		errs := make(directory.FieldErrors, len(invalid.Fields))
		for i, fe := range invalid.Fields {
			errs[i] = directory.FieldError{Field: field, Message: fe.Message}
		}
		s.renderStaffHeld(w, r, http.StatusUnprocessableEntity, web.StaffHeldView{Errors: errs, ErrorSlug: slug, Reason: reason})
		return
	}
	s.afterAction(w, r, err, "/staff/held")
}

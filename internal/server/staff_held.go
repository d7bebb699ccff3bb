package server

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// heldService finds one service an import holds and staff have not decided.
func (s *Server) heldService(ctx context.Context, slug string) (directory.HeldService, error) {
	held, err := s.db.HeldServices(ctx)
	if err != nil {
		return directory.HeldService{}, err
	}
	for _, h := range held {
		if h.Service.Slug == slug {
			return h, nil
		}
	}
	return directory.HeldService{}, directory.Errorf(directory.ENOTFOUND, "no held service %q", slug)
}

// queueHeld shows one service an import held in the review queue.
func (s *Server) queueHeld(w http.ResponseWriter, r *http.Request) {
	s.renderQueueHeld(w, r, http.StatusOK, web.QueueHeldView{})
}

func (s *Server) renderQueueHeld(w http.ResponseWriter, r *http.Request, status int, v web.QueueHeldView) {
	h, err := s.heldService(r.Context(), chi.URLParam(r, "slug"))
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
	v.Held, v.Areas = h, areas
	s.render(w, r, status, web.QueueHeldPage(v))
}

// approveHeld gives a held service the areas staff chose and publishes it.
func (s *Server) approveHeld(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	areas := r.PostForm["areas"]
	saved, err := s.db.ApproveHeld(r.Context(), actor(r), slug, formVersion(r), areas)
	var invalid *directory.ValidationError
	if errors.As(err, &invalid) {
		s.renderQueueHeld(w, r, http.StatusUnprocessableEntity, web.QueueHeldView{Errors: fieldErrorsAs(invalid, "areas"), Chosen: areas})
		return
	}
	if err == nil {
		s.decided(w, r, saved.Name+" is approved and published.")
		return
	}
	s.afterAction(w, r, err, "/staff/queue")
}

// rejectHeld keeps a held service off the directory, with staff's reason.
func (s *Server) rejectHeld(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	h, err := s.heldService(r.Context(), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	err = s.db.RejectHeld(r.Context(), actor(r), slug, formVersion(r), reason)
	var invalid *directory.ValidationError
	if errors.As(err, &invalid) {
		s.renderQueueHeld(w, r, http.StatusUnprocessableEntity, web.QueueHeldView{Errors: fieldErrorsAs(invalid, "reason"), Reason: reason})
		return
	}
	if err == nil {
		s.decided(w, r, h.Service.Name+" is rejected: it stays off the directory.")
		return
	}
	s.afterAction(w, r, err, "/staff/queue")
}

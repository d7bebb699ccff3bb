package server

import (
	"context"
	"net/http"
	"time"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// queueDoneKey is the session key of the confirmation the review queue
// shows once, after a decision.
const queueDoneKey = "queue_done"

// reviewQueue reads everything waiting for staff, oldest first.
func (s *Server) reviewQueue(ctx context.Context) ([]directory.QueueItem, error) {
	return directory.ReviewQueue(ctx, s.db)
}

// staffQueue lists every item waiting for staff, oldest first, with the
// confirmation of the decision just made.
func (s *Server) staffQueue(w http.ResponseWriter, r *http.Request) {
	items, err := s.reviewQueue(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := currentUser(r.Context())
	s.render(w, r, http.StatusOK, web.StaffQueue(web.QueueView{
		User: u, Items: items, Now: time.Now(), Done: s.sessions.PopString(r.Context(), queueDoneKey),
	}))
}

// decided sends staff back to the queue after a decision, with a
// confirmation of what it did.
func (s *Server) decided(w http.ResponseWriter, r *http.Request, done string) {
	s.sessions.Put(r.Context(), queueDoneKey, done)
	http.Redirect(w, r, "/staff/queue", http.StatusSeeOther)
}

// movedToQueue answers the addresses of the lists the review queue
// replaced.
func movedToQueue(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/staff/queue", http.StatusMovedPermanently)
}

// fieldErrorsAs gives a validation error's messages to one field of a form,
// for a store method whose single value came from a field named otherwise.
func fieldErrorsAs(invalid *directory.ValidationError, field string) directory.FieldErrors {
	errs := make(directory.FieldErrors, len(invalid.Fields))
	for i, fe := range invalid.Fields {
		errs[i] = directory.FieldError{Field: field, Message: fe.Message}
	}
	return errs
}

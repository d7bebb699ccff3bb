package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// suggestion finds one suggestion, open or closed.
func (s *Server) suggestion(ctx context.Context, id int64) (directory.Suggestion, error) {
	all, err := s.db.Suggestions(ctx, "")
	if err != nil {
		return directory.Suggestion{}, err
	}
	for _, g := range all {
		if g.ID == id {
			return g, nil
		}
	}
	return directory.Suggestion{}, directory.Errorf(directory.ENOTFOUND, "no suggestion %d", id)
}

// queueSuggestion shows one suggestion from the public in the review queue,
// beside the live service it is about.
func (s *Server) queueSuggestion(w http.ResponseWriter, r *http.Request) {
	s.renderQueueSuggestion(w, r, http.StatusOK, web.QueueSuggestionView{})
}

func (s *Server) renderQueueSuggestion(w http.ResponseWriter, r *http.Request, status int, v web.QueueSuggestionView) {
	id, _ := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	g, err := s.suggestion(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !g.NewService() {
		live, err := s.db.Service(r.Context(), g.ServiceSlug)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Live = &live
	}
	v.User, _ = currentUser(r.Context())
	v.Suggestion = g
	s.render(w, r, status, web.QueueSuggestionPage(v))
}

// closeNote is what closing a suggestion records: the quick pick staff
// chose, then their note.
func closeNote(outcome, note string) string {
	picked := web.OutcomeLabel(outcome)
	switch {
	case picked == "":
		return note
	case note == "":
		return picked
	}
	return picked + ": " + note
}

// closeSuggestion closes a suggestion with staff's note of what was done,
// and tells the person who sent it, if they left an email.
func (s *Server) closeSuggestion(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	outcome, note := r.PostFormValue("outcome"), strings.TrimSpace(r.PostFormValue("note"))
	g, err := s.suggestion(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	closed, err := s.db.CloseSuggestion(r.Context(), actor(r), id, closeNote(outcome, note))
	var invalid *directory.ValidationError
	switch {
	case err == nil:
	case errors.As(err, &invalid):
		s.renderQueueSuggestion(w, r, http.StatusUnprocessableEntity, web.QueueSuggestionView{
			Errors: fieldErrorsAs(invalid, "note"), Outcome: outcome, Note: note})
		return
	default:
		s.fail(w, r, err)
		return
	}
	if g.Email != "" {
		s.queueMail(r.Context(), directory.Mail{
			To:      []string{g.Email},
			Subject: "Your suggestion about " + g.ServiceName,
			Body: "Thank you for your suggestion about " + g.ServiceName + ".\n\n" +
				"Our staff have looked at it and closed it. They wrote:\n\n" + closed.ClosedNote + "\n\n" +
				"You do not need to reply to this message.\n",
			Kind: "suggestion_closed",
		})
	}
	s.decided(w, r, "The suggestion about "+g.ServiceName+" is closed.")
}

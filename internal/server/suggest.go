package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/httprate"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// suggestionWindow is how long the throttle on suggestions remembers a
// client address.
const suggestionWindow = 10 * time.Minute

// suggestionThrottle lets one client address send s.suggestionLimit
// suggestions each ten minutes, then answers 429 with when to try again.
// Both forms share the one throttle it returns.
func (s *Server) suggestionThrottle() func(http.Handler) http.Handler {
	return httprate.NewRateLimiter(s.suggestionLimit, suggestionWindow,
		httprate.WithKeyFuncs(httprate.KeyByIP),
		httprate.WithLimitHandler(func(w http.ResponseWriter, r *http.Request) {
			wait := suggestionWindow
			if secs, err := strconv.Atoi(w.Header().Get("Retry-After")); err == nil && secs > 0 {
				wait = time.Duration(secs) * time.Second
			}
			at := time.Now().Add(wait).UTC().Format("15:04")
			s.render(w, r, http.StatusTooManyRequests, web.ErrorPage(web.ErrorView{
				Status: http.StatusTooManyRequests, Title: "Too many suggestions from your connection",
				Message: "Nothing was saved. To stop misuse, we take only " + strconv.Itoa(s.suggestionLimit) +
					" suggestions from one connection in 10 minutes. Try again after " + at + " UTC, in " +
					strconv.Itoa(int(wait.Round(time.Minute).Minutes())) + " minutes.",
			}))
		}),
	).Handler
}

// suggestionFromForm reads what a member of the public typed.
func suggestionFromForm(r *http.Request) directory.Suggestion {
	return directory.Suggestion{
		Topic:       directory.SuggestionTopic(r.PostFormValue("topic")),
		Details:     r.PostFormValue("details"),
		Email:       strings.TrimSpace(r.PostFormValue("email")),
		ServiceName: r.PostFormValue("service_name"),
		WhereItRuns: r.PostFormValue("where_it_runs"),
	}
}

// caughtByHoneypot reports whether the field people are told to leave empty,
// and never see, was filled in: only a program does that.
func caughtByHoneypot(r *http.Request) bool {
	return r.PostFormValue(web.HoneypotField) != ""
}

// thanks sends a person, or a program caught by the honeypot, to the
// thank-you page.
func thanks(w http.ResponseWriter, r *http.Request, reply bool) {
	to := "/suggest/thanks"
	if reply {
		to += "?reply=1"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// suggestChangePage is the form to suggest a change to a listed service.
func (s *Server) suggestChangePage(w http.ResponseWriter, r *http.Request) {
	svc, err := s.db.Service(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.SuggestChangePage(web.SuggestView{Service: &svc}))
}

// suggestChange stores a suggested change to a listed service. It changes
// nothing a public page shows.
func (s *Server) suggestChange(w http.ResponseWriter, r *http.Request) {
	svc, err := s.db.Service(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sent := suggestionFromForm(r)
	sent.ServiceName, sent.WhereItRuns = "", ""
	if caughtByHoneypot(r) {
		thanks(w, r, sent.Email != "")
		return
	}
	sent.ServiceID = svc.ID
	_, err = s.db.CreateSuggestion(r.Context(), sent)
	s.afterSuggestion(w, r, err, sent, func(errs directory.FieldErrors) {
		s.render(w, r, http.StatusUnprocessableEntity, web.SuggestChangePage(web.SuggestView{Service: &svc, Suggestion: sent, Errors: errs}))
	})
}

// suggestServicePage is the form to tell staff about a service the
// directory does not list.
func (s *Server) suggestServicePage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, web.SuggestServicePage(web.SuggestView{}))
}

// suggestService stores a suggestion of a service the directory does not
// list.
func (s *Server) suggestService(w http.ResponseWriter, r *http.Request) {
	sent := suggestionFromForm(r)
	sent.Topic = directory.TopicNewService
	if caughtByHoneypot(r) {
		thanks(w, r, sent.Email != "")
		return
	}
	_, err := s.db.CreateSuggestion(r.Context(), sent)
	s.afterSuggestion(w, r, err, sent, func(errs directory.FieldErrors) {
		s.render(w, r, http.StatusUnprocessableEntity, web.SuggestServicePage(web.SuggestView{Suggestion: sent, Errors: errs}))
	})
}

// afterSuggestion thanks the person for a stored suggestion, or shows the
// form again with what they typed and its problems.
func (s *Server) afterSuggestion(w http.ResponseWriter, r *http.Request, err error, sent directory.Suggestion, again func(directory.FieldErrors)) {
	var invalid *directory.ValidationError
	switch {
	case err == nil:
		thanks(w, r, sent.Email != "")
	case errors.As(err, &invalid):
		again(invalid.Fields)
	default:
		s.fail(w, r, err)
	}
}

// suggestThanks says a suggestion arrived and what happens next.
func (s *Server) suggestThanks(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, web.SuggestThanksPage(web.SuggestThanksView{Reply: r.URL.Query().Get("reply") == "1"}))
}

package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/feeds"
	"github.com/wessex-network/directory/web"
)

// feedRunsShown is how many of a feed's latest runs its page lists.
const feedRunsShown = 20

// feedRunner runs registered feeds with the server's store, schemas, guard
// and mail.
func (s *Server) feedRunner() *feeds.Runner {
	return &feeds.Runner{Store: s.db, Schemas: s.orukSchemas, Guard: s.feedGuard, Mail: s.mail, BaseURL: s.baseURL, Log: s.log}
}

// feedsPage lists the registered feeds with their last runs.
func (s *Server) feedsPage(w http.ResponseWriter, r *http.Request) {
	list, err := s.db.Feeds(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := currentUser(r.Context())
	s.render(w, r, http.StatusOK, web.FeedsPage(web.FeedsView{User: u, Feeds: list}))
}

// newFeedPage is the form to register a feed.
func (s *Server) newFeedPage(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	s.render(w, r, http.StatusOK, web.NewFeedPage(web.FeedFormView{User: u, Feed: directory.Feed{Every: directory.FeedDaily}}))
}

// feedFromForm reads the fields an admin may set.
func feedFromForm(r *http.Request) directory.Feed {
	return directory.Feed{
		Name:    strings.TrimSpace(r.PostFormValue("name")),
		URL:     strings.TrimSpace(r.PostFormValue("url")),
		Every:   r.PostFormValue("every"),
		Paused:  r.PostFormValue("paused") == "yes",
		Version: formVersion(r),
	}
}

// createFeed registers a feed and goes to its page.
func (s *Server) createFeed(w http.ResponseWriter, r *http.Request) {
	f := feedFromForm(r)
	created, err := s.db.CreateFeed(r.Context(), actor(r), f)
	var invalid *directory.ValidationError
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/feeds/"+strconv.FormatInt(created.ID, 10), http.StatusSeeOther)
	case errors.As(err, &invalid):
		u, _ := currentUser(r.Context())
		s.render(w, r, http.StatusUnprocessableEntity, web.NewFeedPage(web.FeedFormView{User: u, Feed: f, Errors: invalid.Fields}))
	default:
		s.fail(w, r, err)
	}
}

// feedID reads the feed's number from the path; a path that names no number
// names no feed.
func feedID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, directory.Errorf(directory.ENOTFOUND, "There is no such feed.")
	}
	return id, nil
}

// feedPage shows a feed, its latest runs and its edit form.
func (s *Server) feedPage(w http.ResponseWriter, r *http.Request) {
	id, err := feedID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.db.Feed(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderFeed(w, r, http.StatusOK, web.FeedView{FeedFormView: web.FeedFormView{Feed: f}, Stored: f, Ran: r.URL.Query().Get("ran") == "1"})
}

// renderFeed fills in the feed page's runs and history, and renders it.
func (s *Server) renderFeed(w http.ResponseWriter, r *http.Request, status int, v web.FeedView) {
	var err error
	v.User, _ = currentUser(r.Context())
	if v.Runs, err = s.db.FeedRuns(r.Context(), v.Stored.ID, feedRunsShown); err != nil {
		s.fail(w, r, err)
		return
	}
	if v.History, err = s.db.History(r.Context(), directory.EntityFeed, strconv.FormatInt(v.Stored.ID, 10)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, web.FeedPage(v))
}

// updateFeed saves an edit of a feed, unless someone saved it after the
// edit began.
func (s *Server) updateFeed(w http.ResponseWriter, r *http.Request) {
	id, err := feedID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := feedFromForm(r)
	f.ID = id
	_, err = s.db.UpdateFeed(r.Context(), actor(r), f)
	var invalid *directory.ValidationError
	var conflict *directory.ConflictError
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/feeds/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	case errors.As(err, &invalid):
		stored, err := s.db.Feed(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.renderFeed(w, r, http.StatusUnprocessableEntity, web.FeedView{FeedFormView: web.FeedFormView{Feed: f, Errors: invalid.Fields}, Stored: stored})
	case errors.As(err, &conflict):
		stored, _ := conflict.Current.(directory.Feed)
		s.conflict(w, r, stored.Name, stored.Fields(), f.Fields(), "/staff/feeds/"+strconv.FormatInt(id, 10))
	default:
		s.fail(w, r, err)
	}
}

// runFeed imports a feed now, whatever its schedule, and shows what the run
// did.
func (s *Server) runFeed(w http.ResponseWriter, r *http.Request) {
	id, err := feedID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.db.Feed(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.feedRunner().Run(r.Context(), f, actor(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/staff/feeds/"+strconv.FormatInt(id, 10)+"?ran=1", http.StatusSeeOther)
}

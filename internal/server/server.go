// Package server serves the directory over HTTP: public pages rendered with
// templ, CSV and JSON downloads, health checks, and the staff pages behind a
// login. Every route is registered in routes.go.
package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/web"
)

// Server holds what the handlers share.
type Server struct {
	db       *sqlite.DB
	log      *slog.Logger
	sessions *scs.SessionManager
	router   chi.Router
	cache    *pageCache
	metrics  *metrics

	secureCookies bool
	loginLimit    int // login attempts allowed per address and email each minute

	orukSchemas    *oruk.Schemas // checks uploaded feeds
	resultsPerPage int           // services on one page of /find results
}

// Option changes a server setting.
type Option func(*Server)

// WithSecureCookies marks the session cookie Secure, for a server behind TLS.
func WithSecureCookies(secure bool) Option { return func(s *Server) { s.secureCookies = secure } }

// WithLoginLimit sets how many login attempts one address may make for one
// email each minute.
func WithLoginLimit(n int) Option { return func(s *Server) { s.loginLimit = n } }

// WithORUKSchemas sets the Open Referral UK schemas that the staff feed
// import checks every feed against, such as a newer copy than the one the
// directory carries. Without it, or with nil, the server uses the embedded
// copy (oruk.EmbeddedSchemas).
func WithORUKSchemas(s *oruk.Schemas) Option {
	return func(srv *Server) {
		if s != nil {
			srv.orukSchemas = s
		}
	}
}

// WithResultsPerPage sets how many services one page of /find results shows;
// the default is web.ResultsPerPage.
func WithResultsPerPage(n int) Option {
	return func(s *Server) {
		if n > 0 {
			s.resultsPerPage = n
		}
	}
}

// New builds a server over an open database.
func New(db *sqlite.DB, log *slog.Logger, opts ...Option) *Server {
	if log == nil {
		log = slog.Default()
	}
	s := &Server{db: db, log: log, loginLimit: 10, resultsPerPage: web.ResultsPerPage, orukSchemas: oruk.EmbeddedSchemas()}
	for _, o := range opts {
		o(s)
	}
	s.sessions = scs.New()
	s.sessions.Store = db.Sessions()
	s.sessions.Lifetime = 12 * time.Hour
	s.sessions.IdleTimeout = 2 * time.Hour
	s.sessions.Cookie.Name = "directory_session"
	s.sessions.Cookie.HttpOnly = true
	s.sessions.Cookie.SameSite = http.SameSiteLaxMode
	s.sessions.Cookie.Secure = s.secureCookies
	s.sessions.Cookie.Path = "/"
	s.cache = newPageCache()
	s.metrics = newMetrics(db, s.cache)
	s.router = s.routes()
	return s
}

// ServeHTTP lets the server be used as an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.router.ServeHTTP(w, r)
}

// today returns the current date, YYYY-MM-DD.
func (s *Server) today() string { return s.db.Today() }

// Routes exposes the route tree, so tests can walk every route.
func (s *Server) Routes() chi.Routes { return s.router }

// Package server serves the directory over HTTP: public pages rendered with
// templ, CSV and JSON downloads, health checks, and the staff pages behind a
// login. Every route is registered in routes.go.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/web"
)

// Server holds what the handlers share.
type Server struct {
	db       directory.Store
	log      *slog.Logger
	sessions *scs.SessionManager
	router   *chi.Mux
	cache    *pageCache
	metrics  *metrics

	baseURL    string        // the public address absolute links start with; see WithBaseURL
	cacheBytes uint64        // the page cache's bound; see WithCacheBytes
	requestIDs atomic.Uint64 // numbers each request for the log
	access     *accessLog    // the access log; nil writes none
	demand     *demandTally  // searches counted, written every few seconds

	secureCookies   bool
	loginLimit      int // login attempts allowed per address and email each minute
	suggestionLimit int // suggestions allowed per address each ten minutes

	mail           directory.Mailer    // queues the messages decisions send; see WithMailer
	feedGuard      oruk.GuardOptions   // what registered feeds may be fetched from; see WithFeedGuard
	jobs           directory.JobLister // the job queue, for admins to see; nil when none runs
	orukSchemas    *oruk.Schemas       // checks uploaded feeds
	resultsPerPage int                 // services on one page of /find results
}

// Option changes a server setting.
type Option func(*Server)

// WithSecureCookies marks the session cookie Secure, for a server behind TLS.
func WithSecureCookies(secure bool) Option { return func(s *Server) { s.secureCookies = secure } }

// WithBaseURL sets the public address the directory is reached at, such as
// https://directory.example.org. Every absolute address in a response starts
// with it; none is ever built from a request's Host or X-Forwarded headers,
// which a client can forge. The default is http://127.0.0.1:8080.
func WithBaseURL(u string) Option {
	return func(s *Server) { s.baseURL = strings.TrimRight(u, "/") }
}

// WithCacheBytes bounds the memory the page cache holds, keys included; the
// default is 64 MiB.
func WithCacheBytes(n uint64) Option {
	return func(s *Server) {
		if n > 0 {
			s.cacheBytes = n
		}
	}
}

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

// WithMailer sets where the messages that decisions send are queued. Without
// it they go into the store's outbox and wait there, pending.
func WithMailer(m directory.Mailer) Option { return func(s *Server) { s.mail = m } }

// WithJobs lets admins see the job queue's latest jobs at /staff/jobs.
func WithJobs(j directory.JobLister) Option { return func(s *Server) { s.jobs = j } }

// WithFeedGuard sets what the registered feeds' runs may fetch from. The
// default refuses private, loopback and link-local addresses; tests that
// serve a feed on 127.0.0.1 allow them.
func WithFeedGuard(g oruk.GuardOptions) Option { return func(s *Server) { s.feedGuard = g } }

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
func New(db directory.Store, log *slog.Logger, opts ...Option) *Server {
	if log == nil {
		log = slog.Default()
	}
	s := &Server{db: db, log: log, loginLimit: 10, suggestionLimit: 10, resultsPerPage: web.ResultsPerPage, orukSchemas: oruk.EmbeddedSchemas(),
		baseURL: "http://127.0.0.1:8080", cacheBytes: defaultCacheBytes}
	for _, o := range opts {
		o(s)
	}
	if s.mail == nil {
		s.mail = directory.OutboxMailer{Outbox: db} // mail waits in the outbox
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
	s.demand = newDemandTally(db.RecordDemand, log)
	s.cache = newPageCache(s.cacheBytes, s.pageVersion)
	s.metrics = newMetrics(db, s.cache)
	s.router = s.routes()
	return s
}

// ServeHTTP answers a request: from the page cache when it holds the page,
// otherwise through the router. Either way the request is timed, counted
// under its route pattern and written to the access log.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := s.requestIDs.Add(1)
	pattern := s.routePattern(r)
	route := s.cache.routes[pattern]
	var status, size int
	cached := false
	if !validAddress(r.URL) {
		route = nil // answered below by the router's chain, which refuses it
	} else {
		status, size, cached = s.lookup(w, r, route)
	}
	if !cached {
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		ctx := context.WithValue(r.Context(), middleware.RequestIDKey, strconv.FormatUint(id, 10))
		s.router.ServeHTTP(ww, r.WithContext(ctx))
		status, size = ww.Status(), ww.BytesWritten()
		if status == 0 {
			status = http.StatusOK
		}
	}
	elapsed := time.Since(start)
	if route != nil && r.Method == http.MethodGet && status/100 == 2 {
		route.served.Observe(elapsed.Seconds())
	} else {
		s.metrics.observe(pattern, r.Method, status, elapsed)
	}
	s.access.write(start, r.Method, r.URL.Path, status, size, elapsed, id)
}

// pageVersion is what the page cache keys its pages by: the store's content
// version, and the day. Pages show dates ("as at 2 December 2026", the last
// full day of searches), so the cache empties at midnight as well as on
// every change of content. Both parts only grow.
func (s *Server) pageVersion(ctx context.Context) (uint64, error) {
	v, err := s.db.ContentVersion(ctx)
	if err != nil {
		return 0, err
	}
	// The day is the store's, as every date a page shows is: a review that
	// falls overdue, a service that opens, changes no record but the day.
	t, err := time.Parse(time.DateOnly, s.db.Today())
	if err != nil {
		t = time.Now().UTC()
	}
	day := uint64(t.Unix() / 86400)
	return day<<40 | v&(1<<40-1), nil
}

// CacheStats reports how many public responses came from the page cache and
// how many had to be rendered.
func (s *Server) CacheStats() (hits, misses uint64) {
	return s.cache.hits.Load(), s.cache.misses.Load()
}

// routeContexts are reused to look up route patterns without allocating.
var routeContexts = sync.Pool{New: func() any { return chi.NewRouteContext() }}

// routePattern names the route a request matches, such as /areas/{slug}, or
// "unmatched". HEAD is answered by the GET route.
func (s *Server) routePattern(r *http.Request) string {
	method := r.Method
	if method == http.MethodHead {
		method = http.MethodGet
	}
	path := r.URL.RawPath
	if path == "" {
		path = r.URL.Path
	}
	if method == http.MethodGet {
		if pattern, ok := s.cache.static[path]; ok {
			return pattern // the commonest pages, without walking the route tree
		}
		// A page kept under its bare path knows its route, such as
		// /services/{id}, so a cached hit need not walk the tree either.
		if r.URL.RawQuery == "" && r.URL.RawPath == "" {
			if p, ok := s.cache.pages.GetIfPresent(path); ok {
				return p.pattern
			}
		}
	}
	rctx := routeContexts.Get().(*chi.Context)
	rctx.Reset()
	pattern := s.router.Find(rctx, method, path)
	routeContexts.Put(rctx)
	if pattern == "" {
		return "unmatched"
	}
	return pattern
}

// today returns the current date, YYYY-MM-DD.
func (s *Server) today() string { return s.db.Today() }

// Routes exposes the route tree, so tests can walk every route.
func (s *Server) Routes() chi.Routes { return s.router }

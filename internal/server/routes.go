package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/wessex-network/directory/web"
)

// maxBodyBytes caps every request body; no form here needs more.
const maxBodyBytes = 1 << 20

// routes registers every route the directory answers, so the whole surface
// reads at a glance.
func (s *Server) routes() chi.Router {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Use(s.logRequests)
	r.Use(s.metrics.measureRequests)
	r.Use(s.recoverPanics)
	r.Use(securityHeaders)
	r.Use(limitBodies(maxBodyBytes))
	r.Use(s.crossOriginProtection)
	r.Use(middleware.Compress(5, compressedTypes...))
	r.Use(s.markSynthetic)
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.methodNotAllowed)

	r.Get("/healthz", s.healthz)
	r.Method(http.MethodGet, "/metrics", s.metrics.handler())
	r.Method(http.MethodGet, "/assets/*", staticFiles())
	r.Method(http.MethodHead, "/assets/*", staticFiles())

	// Public pages, kept in the page cache until the next write.
	r.Group(func(r chi.Router) {
		r.Use(s.cachePages)
		r.Get("/", s.home)
		r.Get("/coverage", s.coveragePage)
		r.Get("/coverage.csv", s.coverageCSV)
		r.Get("/areas", s.areasPage)
		r.Get("/areas/{slug}", s.areaPage)
		r.Get("/services/{id}", s.servicePage)
		r.Get("/indicators", s.indicatorsPage)
		r.Get("/about", s.aboutPage)
	})

	// Open data, cached the same way.
	r.Route("/api/v1", func(r chi.Router) {
		r.Use(allowAnyOrigin)
		r.Use(s.cachePages)
		r.Get("/coverage", s.apiCoverage)
		r.Get("/indicators", s.apiIndicators)
	})

	// Staff pages: sessions, then a login for everything but the login itself.
	r.Route("/staff", func(r chi.Router) {
		r.Use(s.parseForms)
		r.Use(s.sessions.LoadAndSave)
		r.Use(noStore)
		r.Get("/login", s.loginPage)
		r.With(s.limitLogins).Post("/login", s.login)
		r.Post("/logout", s.logout)

		r.Group(func(r chi.Router) {
			r.Use(s.requireStaff)
			r.Get("/", s.staffHome)
			r.Get("/changes", s.recentChanges)
			r.Get("/review", s.staffReviewList)

			r.Get("/services", s.staffServices)
			r.Get("/services/new", s.newServiceForm)
			r.Post("/services", s.createService)
			r.Get("/services/{slug}/edit", s.editServiceForm)
			r.Post("/services/{slug}", s.updateService)
			r.Post("/services/{slug}/status", s.setServiceStatus)
			r.Post("/services/{slug}/reviewed", s.markReviewed)
			r.Get("/services/{slug}/history", s.serviceHistory)
			r.Post("/services/{slug}/restore", s.restoreService)

			r.Get("/coverage", s.staffCoverage)
			r.Get("/coverage/{type}/{area}", s.cellForm)
			r.Post("/coverage/{type}/{area}", s.rateCell)
			r.Get("/coverage/{type}/{area}/history", s.cellHistory)
			r.Post("/coverage/{type}/{area}/restore", s.restoreCell)
		})
	})
	return r
}

// compressedTypes are the kinds of response worth compressing.
var compressedTypes = []string{"text/html", "text/css", "text/csv", "text/javascript", "application/json", "image/svg+xml"}

// allowAnyOrigin lets pages on other sites read the open data.
func allowAnyOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		next.ServeHTTP(w, r)
	})
}

// noStore keeps staff pages out of every cache.
func noStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// markSynthetic labels every response from a synthetic dataset, in a header
// for tools and in the page for people.
func (s *Server) markSynthetic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.db.Synthetic() {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("X-Dataset", "synthetic")
		next.ServeHTTP(w, r.WithContext(web.WithSyntheticData(r.Context())))
	})
}

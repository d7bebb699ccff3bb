package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// routes registers every route the directory answers, so the whole surface
// reads at a glance.
func (s *Server) routes() chi.Router {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Use(s.logRequests)
	r.Use(s.recoverPanics)
	r.Use(securityHeaders)
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.methodNotAllowed)

	r.Get("/healthz", s.healthz)
	r.Handle("/assets/*", staticFiles())

	r.Get("/", s.home)
	r.Get("/find", s.find)
	r.Get("/shortlist", s.shortlist)
	r.Get("/coverage", s.coveragePage)
	r.Get("/coverage.csv", s.coverageCSV)
	r.Get("/areas", s.areasPage)
	r.Get("/areas/{slug}", s.areaPage)
	r.Get("/services/{id}", s.servicePage)
	r.Get("/indicators", s.indicatorsPage)
	r.Get("/about", s.aboutPage)

	r.Route("/api/v1", func(r chi.Router) {
		r.Use(allowAnyOrigin)
		r.Get("/coverage", s.apiCoverage)
		r.Get("/indicators", s.apiIndicators)
	})
	return r
}

// allowAnyOrigin lets pages on other sites read the open data.
func allowAnyOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		next.ServeHTTP(w, r)
	})
}

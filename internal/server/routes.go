package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/wessex-network/directory/web"
)

// maxBodyBytes caps every request body but uploads; no form needs more.
const maxBodyBytes = 1 << 20

// maxUploadBytes caps a feed or CSV uploaded to the staff import pages.
const maxUploadBytes = 32 << 20

// routes registers every route the directory answers, so the whole surface
// reads at a glance.
func (s *Server) routes() chi.Router {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Use(middleware.GetHead) // HEAD is answered by the GET handler, without a body
	r.Use(s.logRequests)
	r.Use(s.metrics.measureRequests)
	r.Use(s.recoverPanics)
	r.Use(securityHeaders)
	r.Use(limitBodies(maxBodyBytes, maxUploadBytes))
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
		r.Get("/find", s.find)
		r.Get("/places", s.places)
		r.Get("/shortlist", s.shortlist)
		r.Get("/coverage", s.coveragePage)
		r.Get("/coverage.csv", s.coverageCSV)
		r.Get("/coverage/changes", s.coverageChanges)
		r.Get("/services.csv", s.servicesCSV)
		r.Get("/indicators.csv", s.indicatorsCSV)
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
		r.NotFound(s.apiNotFound)
		r.Get("/coverage", s.apiCoverage)
		r.Get("/indicators", s.apiIndicators)

		// Open Referral UK 3.0.
		r.Get("/", s.apiDetails)
		r.Get("/openapi.json", s.apiOpenAPI)
		r.Get("/services", s.apiServices)
		r.Get("/services/{id}", s.apiService)
		r.Get("/taxonomies", s.apiTaxonomies)
		r.Get("/taxonomies/{id}", s.apiTaxonomy)
		r.Get("/taxonomy_terms", s.apiTaxonomyTerms)
		r.Get("/taxonomy_terms/{id}", s.apiTaxonomyTerm)
		r.Get("/organizations", s.apiOrganizations)
		r.Get("/organizations/{id}", s.apiOrganization)
		r.Get("/service_at_locations", s.apiServiceAtLocations)
		r.Get("/service_at_locations/{id}", s.apiServiceAtLocation)
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

			// Admin pages: staff accounts, service types and areas. Editors
			// get the 403 page. Each edit form and restore carries the version
			// it started from, and a stale one gets the 409 conflict page.
			r.Group(func(r chi.Router) {
				r.Use(s.requireAdmin)
				r.Get("/users", s.usersPage)
				r.Get("/users/new", s.newUserPage)
				r.Post("/users", s.createUser)
				r.Post("/users/{id}/disable", s.disableUser)
				r.Post("/users/{id}/enable", s.enableUser)
				r.Get("/service-types", s.serviceTypesPage)
				r.Get("/service-types/new", s.newServiceTypePage)
				r.Post("/service-types", s.createServiceType)
				r.Get("/service-types/{slug}/edit", s.editServiceTypePage)
				r.Post("/service-types/{slug}", s.updateServiceType)
				r.Get("/service-types/{slug}/history", s.serviceTypeHistory)
				r.Post("/service-types/{slug}/restore", s.restoreServiceType)
				r.Get("/areas", s.adminAreasPage)
				r.Get("/areas/new", s.newAreaPage)
				r.Post("/areas", s.createArea)
				r.Get("/areas/{slug}/edit", s.editAreaPage)
				r.Post("/areas/{slug}", s.updateArea)
				r.Get("/areas/{slug}/history", s.areaHistory)
				r.Post("/areas/{slug}/restore", s.restoreArea)
			})

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

			r.Get("/import", s.importPage)
			r.Post("/import/oruk", s.importORUK)
			r.Post("/import/csv", s.importCSV)
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

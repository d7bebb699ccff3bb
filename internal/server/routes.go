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
//
// Public pages and open data are registered with cacheRoute, which names the
// query parameters each handler reads: the page cache (cache.go) keeps their
// responses under those and no others. ServeHTTP, in server.go, times and
// logs every request, and answers from the cache before the router runs.
func (s *Server) routes() *chi.Mux {
	r := chi.NewRouter()
	r.Use(middleware.GetHead) // HEAD is answered by the GET handler, without a body
	r.Use(s.recoverPanics)
	r.Use(securityHeaders)
	r.Use(limitBodies(maxBodyBytes, maxUploadBytes))
	r.Use(s.crossOriginProtection)
	r.Use(middleware.Compress(5, compressedTypes...))
	r.Use(s.markSynthetic)
	r.Use(s.refuseInvalidAddresses)
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.methodNotAllowed)

	r.Get("/healthz", s.healthz)
	r.Method(http.MethodGet, "/metrics", s.metrics.handler())
	r.Method(http.MethodGet, "/assets/*", staticFiles())
	r.Method(http.MethodHead, "/assets/*", staticFiles())

	// Public pages, kept in the page cache until the content changes.
	findParams := []string{"q", "exact", "area", "stage", "audience", "access", "words", "page", "s"}
	s.cacheRoute(r, "", "/", s.home)
	s.cacheRoute(r, "", "/find", s.find, findParams...)
	s.cacheRoute(r, "", "/places", s.places, "q")
	s.cacheRoute(r, "", "/shortlist", s.shortlist, findParams...)
	s.cacheRoute(r, "", "/coverage", s.coveragePage, "as_of", "type", "region", "areas")
	s.cacheRoute(r, "", "/coverage.csv", s.coverageCSV, "as_of")
	s.cacheRoute(r, "", "/coverage/changes", s.coverageChanges, "from", "to")
	s.cacheRoute(r, "", "/services.csv", s.servicesCSV)
	s.cacheRoute(r, "", "/indicators.csv", s.indicatorsCSV)
	s.cacheRoute(r, "", "/areas", s.areasPage)
	s.cacheRoute(r, "", "/areas/{slug}", s.areaPage)
	s.cacheRoute(r, "", "/areas/{slug}/briefing", s.areaBriefing)
	s.cacheRoute(r, "", "/services/{id}", s.servicePage)
	s.cacheRoute(r, "", "/indicators", s.indicatorsPage)
	s.cacheRoute(r, "", "/about", s.aboutPage)
	s.cacheRoute(r, "", "/demand", s.demandPage, "from", "to")
	s.cacheRoute(r, "", "/actions", s.actionsPage)
	s.cacheRoute(r, "", "/actions.csv", s.actionsCSV)
	s.cacheRoute(r, "", "/demand.csv", s.demandCSV, "from", "to")

	// Suggestions from the public, without an account: never cached, each
	// POST throttled by client address before its form is read, and none
	// changes a public page.
	r.Group(func(r chi.Router) {
		r.Use(noStore)
		throttle := s.suggestionThrottle()
		r.Get("/suggest", s.suggestServicePage)
		r.Get("/suggest/thanks", s.suggestThanks)
		r.Get("/services/{id}/suggest", s.suggestChangePage)
		r.With(throttle, s.parseForms).Post("/suggestions", s.suggestService)
		r.With(throttle, s.parseForms).Post("/services/{id}/suggestions", s.suggestChange)
	})

	// Open data, cached the same way.
	r.Route("/api/v1", func(r chi.Router) {
		r.Use(allowAnyOrigin)
		r.NotFound(s.apiNotFound)
		const api = "/api/v1"
		paging := []string{"page", "per_page"}
		s.cacheRoute(r, api, "/coverage", s.apiCoverage, "as_of")
		s.cacheRoute(r, api, "/indicators", s.apiIndicators)

		// Open Referral UK 3.0.
		s.cacheRoute(r, api, "/", s.apiDetails)
		s.cacheRoute(r, api, "/openapi.json", s.apiOpenAPI)
		s.cacheRoute(r, api, "/services", s.apiServices,
			"page", "per_page", "search", "taxonomy_term_id", "organization_id", "modified_after")
		s.cacheRoute(r, api, "/services/{id}", s.apiService)
		s.cacheRoute(r, api, "/taxonomies", s.apiTaxonomies, paging...)
		s.cacheRoute(r, api, "/taxonomies/{id}", s.apiTaxonomy)
		s.cacheRoute(r, api, "/taxonomy_terms", s.apiTaxonomyTerms, "page", "per_page", "taxonomy_id")
		s.cacheRoute(r, api, "/taxonomy_terms/{id}", s.apiTaxonomyTerm)
		s.cacheRoute(r, api, "/organizations", s.apiOrganizations, paging...)
		s.cacheRoute(r, api, "/organizations/{id}", s.apiOrganization)
		s.cacheRoute(r, api, "/service_at_locations", s.apiServiceAtLocations, paging...)
		s.cacheRoute(r, api, "/service_at_locations/{id}", s.apiServiceAtLocation)
	})

	// Staff pages: sessions, then a login for everything but the login itself.
	r.Route("/staff", func(r chi.Router) {
		r.Use(s.parseForms)
		r.Use(s.sessions.LoadAndSave)
		r.Use(noStore)
		r.Get("/login", s.loginPage)
		r.With(s.limitLogins).Post("/login", s.login)
		r.Post("/logout", s.logout)

		// Pages every account uses, providers' included: the home page
		// (each role sees its own), and the pages where a provider proposes
		// changes to their organisations' services for staff to approve.
		r.Group(func(r chi.Router) {
			r.Use(s.requireStaff)
			r.Get("/", s.staffHome)
			r.With(s.requireProvider).Get("/proposals", s.providerProposals)
			r.With(s.requireProvider).Get("/proposals/new", s.newProposalForm)
			r.With(s.requireProvider).Post("/proposals", s.createProposal)
		})

		// Everything else is for the network's staff: a provider gets the
		// 403 page.
		r.Group(func(r chi.Router) {
			r.Use(s.requireStaff, s.requireEditor)

			// Admin pages: staff accounts, service types, areas and feeds. Editors
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
				r.Get("/feeds", s.feedsPage)
				r.Get("/feeds/new", s.newFeedPage)
				r.Post("/feeds", s.createFeed)
				r.Get("/feeds/{id}", s.feedPage)
				r.Post("/feeds/{id}", s.updateFeed)
				r.Post("/feeds/{id}/run", s.runFeed)
				r.Get("/outbox", s.staffOutbox)
				r.Get("/jobs", s.staffJobs)
			})

			r.Get("/changes", s.recentChanges)
			r.Get("/review", s.staffReviewList)

			// The review queue: suggestions, providers' proposals and held
			// imports, each decided on its own page. The lists it replaced
			// redirect to it.
			r.Get("/queue", s.staffQueue)
			r.Get("/queue/suggestions/{id}", s.queueSuggestion)
			r.Post("/queue/suggestions/{id}/close", s.closeSuggestion)
			r.Get("/queue/proposals/{id}", s.queueProposal)
			r.Get("/queue/proposals/{id}/edit", s.editProposalForm)
			r.Post("/queue/proposals/{id}/approve", s.approveProposal)
			r.Post("/queue/proposals/{id}/reject", s.rejectProposal)
			r.Get("/queue/held/{slug}", s.queueHeld)
			r.Post("/queue/held/{slug}/approve", s.approveHeld)
			r.Post("/queue/held/{slug}/reject", s.rejectHeld)
			r.Get("/suggestions", movedToQueue)
			r.Get("/held", movedToQueue)

			r.Get("/services", s.staffServices)
			r.Get("/services/new", s.newServiceForm)
			r.Post("/services", s.createService)
			r.Get("/services/{slug}/edit", s.editServiceForm)
			r.Post("/services/{slug}", s.updateService)
			r.Post("/services/{slug}/status", s.setServiceStatus)
			r.Post("/services/{slug}/reviewed", s.markReviewed)
			r.Get("/services/{slug}/history", s.serviceHistory)
			r.Post("/services/{slug}/restore", s.restoreService)
			r.Post("/services/{slug}/owner", s.setServiceOwner)
			r.Get("/services/{slug}/notes", s.serviceNotes)
			r.Post("/services/{slug}/notes", s.addServiceNote)
			r.Get("/watching", s.watchingPage)
			r.Post("/watches", s.watch)
			r.Post("/watches/remove", s.unwatch)

			r.Get("/actions", s.staffActionsPage)
			r.Get("/actions/new", s.newActionPage)
			r.Post("/actions", s.createAction)
			r.Get("/actions/{id}/edit", s.editActionPage)
			r.Post("/actions/{id}", s.updateAction)
			r.Get("/actions/{id}/history", s.actionHistory)
			r.Post("/actions/{id}/restore", s.restoreAction)

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

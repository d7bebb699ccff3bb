package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/oruk"
)

// The handlers below answer the Open Referral UK 3.0 endpoints under /api/v1.

// orukCatalog builds the taxonomies from the service types and the names of
// the interventions that active services offer, without loading the services.
func (s *Server) orukCatalog(ctx context.Context) (*oruk.Catalog, error) {
	types, err := s.db.ServiceTypes(ctx)
	if err != nil {
		return nil, err
	}
	interventions, err := s.db.InterventionNames(ctx)
	if err != nil {
		return nil, err
	}
	return oruk.NewCatalog(types, interventions, directory.StableUUID), nil
}

// apiBase returns the absolute address of /api/v1, from the configured base
// address: never from the request, whose Host a client can forge.
func (s *Server) apiBase() string {
	return s.baseURL + "/api/v1"
}

// apiNotFound answers an unknown path under /api/v1 in JSON, as the rest of the API does.
func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	s.writeJSONError(w, r, directory.Errorf(directory.ENOTFOUND, "There is no such endpoint: see /api/v1/openapi.json."))
}

func (s *Server) apiDetails(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, r, http.StatusOK, oruk.APIDetails{Version: oruk.Version, Profile: oruk.Profile, OpenAPIURL: s.apiBase() + "/openapi.json"})
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, r, http.StatusOK, oruk.OpenAPI(s.apiBase()))
}

func (s *Server) apiServices(w http.ResponseWriter, r *http.Request) {
	q, err := oruk.ParseServiceQuery(r.URL.Query())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	f := directory.ServicePageFilter{Search: q.Search, OrganisationUUID: q.OrganizationID, ModifiedAfter: q.ModifiedAfter}
	if q.TaxonomyTermID != "" {
		cat, err := s.orukCatalog(r.Context())
		if err != nil {
			s.writeJSONError(w, r, err)
			return
		}
		ref, ok := cat.Resolve(strings.ToLower(q.TaxonomyTermID))
		if !ok {
			// No service carries a term that does not exist.
			s.writeJSON(w, r, http.StatusOK, oruk.PageOf([]oruk.Service{}, 0, q.Paging))
			return
		}
		if err := filterByTerm(&f, ref); err != nil {
			s.writeJSONError(w, r, err)
			return
		}
	}
	page, total, err := s.db.ServicesPage(r.Context(), f, q.PerPage, q.Offset())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	out := make([]oruk.Service, len(page))
	for i, svc := range page {
		out[i] = oruk.ServiceSummary(svc)
	}
	s.writeJSON(w, r, http.StatusOK, oruk.PageOf(out, total, q.Paging))
}

// filterByTerm narrows f to the services that carry a taxonomy term.
func filterByTerm(f *directory.ServicePageFilter, ref oruk.TermRef) error {
	switch ref.Vocabulary {
	case oruk.VocabServiceType:
		f.ServiceType = ref.Value
	case oruk.VocabStage:
		f.Stage = directory.Stage(ref.Value)
	case oruk.VocabAudience:
		f.Audience = directory.Audience(ref.Value)
	case oruk.VocabAccess:
		f.Access = directory.AccessRoute(ref.Value)
	case oruk.VocabIntervention:
		f.Intervention = ref.Value
	default:
		return fmt.Errorf("filter services by a term of the vocabulary %q, which the store does not know", ref.Vocabulary)
	}
	return nil
}

func (s *Server) apiService(w http.ResponseWriter, r *http.Request) {
	id, ok := s.uuidParam(w, r)
	if !ok {
		return
	}
	svc, err := s.db.ServiceByUUID(r.Context(), id)
	if err == nil {
		err = s.unlessHeld(r, svc)
	}
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	cat, err := s.orukCatalog(r.Context())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, cat.PublishService(svc))
}

func (s *Server) apiTaxonomies(w http.ResponseWriter, r *http.Request) {
	p, err := oruk.ParsePaging(r.URL.Query())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	cat, err := s.orukCatalog(r.Context())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, oruk.Paginate(cat.Taxonomies, p))
}

func (s *Server) apiTaxonomy(w http.ResponseWriter, r *http.Request) {
	id, ok := s.uuidParam(w, r)
	if !ok {
		return
	}
	cat, err := s.orukCatalog(r.Context())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	for _, t := range cat.Taxonomies {
		if t.ID == id {
			s.writeJSON(w, r, http.StatusOK, t)
			return
		}
	}
	s.writeJSONError(w, r, directory.Errorf(directory.ENOTFOUND, "There is no taxonomy with the id %q.", id))
}

func (s *Server) apiTaxonomyTerms(w http.ResponseWriter, r *http.Request) {
	p, err := oruk.ParsePaging(r.URL.Query())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	taxonomy := strings.ToLower(r.URL.Query().Get("taxonomy_id"))
	if taxonomy != "" && !oruk.ValidUUID(taxonomy) {
		s.writeJSONError(w, r, directory.Errorf(directory.EINVALID, "The parameter taxonomy_id must be a UUID."))
		return
	}
	cat, err := s.orukCatalog(r.Context())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	var terms []oruk.TaxonomyTerm
	for _, t := range cat.Terms() {
		if taxonomy == "" || t.TaxonomyID == taxonomy {
			terms = append(terms, t)
		}
	}
	s.writeJSON(w, r, http.StatusOK, oruk.Paginate(terms, p))
}

func (s *Server) apiTaxonomyTerm(w http.ResponseWriter, r *http.Request) {
	id, ok := s.uuidParam(w, r)
	if !ok {
		return
	}
	cat, err := s.orukCatalog(r.Context())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	for _, t := range cat.Terms() {
		if t.ID == id {
			s.writeJSON(w, r, http.StatusOK, t)
			return
		}
	}
	s.writeJSONError(w, r, directory.Errorf(directory.ENOTFOUND, "There is no taxonomy term with the id %q.", id))
}

func (s *Server) apiOrganizations(w http.ResponseWriter, r *http.Request) {
	p, err := oruk.ParsePaging(r.URL.Query())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	orgs, err := s.db.Organisations(r.Context())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	out := make([]oruk.Organization, len(orgs))
	for i, o := range orgs {
		out[i] = oruk.PublishOrganization(o)
	}
	s.writeJSON(w, r, http.StatusOK, oruk.Paginate(out, p))
}

func (s *Server) apiOrganization(w http.ResponseWriter, r *http.Request) {
	id, ok := s.uuidParam(w, r)
	if !ok {
		return
	}
	o, err := s.db.OrganisationByUUID(r.Context(), id)
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, oruk.PublishOrganization(o))
}

func (s *Server) apiServiceAtLocations(w http.ResponseWriter, r *http.Request) {
	p, err := oruk.ParsePaging(r.URL.Query())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	page, total, err := s.db.ServicesAtLocationsPage(r.Context(), p.PerPage, p.Offset())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	// The store lists only services with an address, so each has a place.
	out := make([]oruk.ServiceAtLocation, len(page))
	for i, svc := range page {
		out[i], _ = oruk.PublishServiceAtLocation(svc, directory.StableUUID, true)
	}
	s.writeJSON(w, r, http.StatusOK, oruk.PageOf(out, total, p))
}

func (s *Server) apiServiceAtLocation(w http.ResponseWriter, r *http.Request) {
	id, ok := s.uuidParam(w, r)
	if !ok {
		return
	}
	svc, err := s.db.ServiceAtLocation(r.Context(), id)
	if err == nil {
		err = s.unlessHeld(r, svc)
	}
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	// The store finds only a service with an address, so it has a place.
	sal, _ := oruk.PublishServiceAtLocation(svc, directory.StableUUID, true)
	s.writeJSON(w, r, http.StatusOK, sal)
}

// uuidParam reads the {id} of the path, refusing one that is not a UUID.
func (s *Server) uuidParam(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := strings.ToLower(chi.URLParam(r, "id"))
	if !oruk.ValidUUID(id) {
		s.writeJSONError(w, r, directory.Errorf(directory.EINVALID, "The id %q is not a UUID.", chi.URLParam(r, "id")))
		return "", false
	}
	return id, true
}

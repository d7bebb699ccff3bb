package server

import (
	"net/http"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// providerHome is a provider's own home page: the services of their
// organisations, each with a link to propose a change, and their latest
// proposals with what became of them.
func (s *Server) providerHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, _ := currentUser(ctx)
	orgs, err := s.ownOrganisations(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.ProviderHomeView{User: u}
	for _, o := range orgs {
		services, err := s.db.Services(ctx, directory.ServiceFilter{Organisation: o.Slug, IncludeArchived: true})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Organisations = append(v.Organisations, web.ProviderOrganisation{Organisation: o, Services: services})
	}
	if v.Proposals, err = s.db.ProposalsBy(ctx, u.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if len(v.Proposals) > 10 {
		v.Proposals = v.Proposals[:10]
	}
	s.render(w, r, http.StatusOK, web.ProviderHome(v))
}

// providerProposals lists the provider's own proposals, newest first.
func (s *Server) providerProposals(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	proposals, err := s.db.ProposalsBy(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.ProviderProposals(web.ProviderProposalsView{
		User: u, Proposals: proposals, Sent: r.URL.Query().Get("sent") == "1",
	}))
}

// ownOrganisations returns the organisations the provider speaks for, by
// name.
func (s *Server) ownOrganisations(r *http.Request, u directory.User) ([]directory.Organisation, error) {
	all, err := s.db.Organisations(r.Context())
	if err != nil {
		return nil, err
	}
	var own []directory.Organisation
	for _, o := range all {
		if u.SpeaksFor(o.Slug) {
			own = append(own, o)
		}
	}
	return own, nil
}

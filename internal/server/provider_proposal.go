package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// notYours is what a provider is told who asks after another
// organisation's service.
const notYours = "You can propose changes only to the services of your own organisations."

// newProposalForm is the provider's form: ?service=SLUG to propose an edit
// of one of their services, prefilled from it and carrying its version, or
// ?organisation=SLUG (or nothing) to propose a new service.
func (s *Server) newProposalForm(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	q := r.URL.Query()
	if slug := q.Get("service"); slug != "" {
		svc, err := s.db.Service(r.Context(), slug)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		org := ""
		if svc.Organisation != nil {
			org = svc.Organisation.Slug
		}
		if !u.SpeaksFor(org) {
			s.forbidden(w, r, notYours)
			return
		}
		s.renderProposalForm(w, r, http.StatusOK, web.ProposalFormView{Kind: directory.ProposalEdit, Service: svc, Organisation: org})
		return
	}
	org := q.Get("organisation")
	if org != "" && !u.SpeaksFor(org) {
		s.forbidden(w, r, notYours)
		return
	}
	s.renderProposalForm(w, r, http.StatusOK, web.ProposalFormView{Kind: directory.ProposalNew, Organisation: org})
}

// createProposal stores a provider's proposal, for staff to approve. Bad
// input comes back with 422 and what was typed; a service or organisation
// not theirs gets 403, and a service changed since the form was opened the
// conflict page; none of them writes anything.
func (s *Server) createProposal(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	p := directory.Proposal{
		Kind:         r.PostFormValue("kind"),
		Organisation: strings.TrimSpace(r.PostFormValue("organisation")),
		Note:         strings.TrimSpace(r.PostFormValue("note")),
		Service:      serviceFromForm(r),
	}
	switch p.Kind {
	case directory.ProposalEdit:
		live, err := s.db.Service(r.Context(), strings.TrimSpace(r.PostFormValue("service")))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if live.Organisation == nil || !u.SpeaksFor(live.Organisation.Slug) {
			s.forbidden(w, r, notYours)
			return
		}
		p.ServiceSlug, p.Organisation, p.BaseVersion = live.Slug, live.Organisation.Slug, p.Service.Version
		p.Service.Slug = live.Slug
		// Staff keep the source; the provider's form has none.
		p.Service.Source = live.Source
	case directory.ProposalNew:
		if p.Organisation == "" && len(u.Organisations) == 1 {
			p.Organisation = u.Organisations[0]
		}
		if p.Organisation == "" {
			var errs directory.FieldErrors
			errs.Add("organisation", "Choose the organisation that runs the service")
			s.renderProposalForm(w, r, http.StatusUnprocessableEntity, web.ProposalFormView{Kind: p.Kind, Service: p.Service, Note: p.Note, Errors: errs})
			return
		}
		if !u.SpeaksFor(p.Organisation) {
			s.forbidden(w, r, notYours)
			return
		}
		if p.Service.Slug == "" {
			p.Service.Slug = directory.Slugify(p.Service.Name)
		}
		p.Service.Source = "Proposed by " + u.Name + " for " + s.organisationName(r, p.Organisation) + ", " + s.today()
	default:
		s.badRequest(w, r, "The form did not say what you propose, so nothing was sent. Start again from your home page.")
		return
	}
	again := web.ProposalFormView{Kind: p.Kind, Service: p.Service, Organisation: p.Organisation, Note: p.Note}
	if p.Kind == directory.ProposalNew && r.PostFormValue("slug") == "" {
		again.Service.Slug = "" // show the field as it was left
	}
	_, err := s.db.CreateProposal(r.Context(), actor(r), p)
	var invalid *directory.ValidationError
	var conflict *directory.ConflictError
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/proposals?sent=1", http.StatusSeeOther)
	case errors.As(err, &invalid):
		again.Errors = invalid.Fields
		s.renderProposalForm(w, r, http.StatusUnprocessableEntity, again)
	case errors.As(err, &conflict):
		stored, _ := conflict.Current.(directory.Service)
		s.conflict(w, r, stored.Name, stored.Fields(), p.Service.Fields(), "/staff/proposals/new?service="+stored.Slug)
	default:
		s.fail(w, r, err)
	}
}

// renderProposalForm fills in the form's choices and renders it.
func (s *Server) renderProposalForm(w http.ResponseWriter, r *http.Request, status int, v web.ProposalFormView) {
	ctx := r.Context()
	var err error
	v.User, _ = currentUser(ctx)
	if v.Organisations, err = s.ownOrganisations(r, v.User); err != nil {
		s.fail(w, r, err)
		return
	}
	if v.ServiceTypes, err = s.db.ServiceTypes(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if v.Areas, err = s.db.Areas(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, web.ProposalForm(v))
}

// organisationName names an organisation by its slug, or gives the slug.
func (s *Server) organisationName(r *http.Request, slug string) string {
	orgs, err := s.db.Organisations(r.Context())
	if err == nil {
		for _, o := range orgs {
			if o.Slug == slug {
				return o.Name
			}
		}
	}
	return slug
}

package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// queueProposal shows a provider's proposal in the review queue: what it
// would change against the live service, and the forms that decide it.
func (s *Server) queueProposal(w http.ResponseWriter, r *http.Request) {
	s.renderQueueProposal(w, r, http.StatusOK, web.QueueProposalView{})
}

func (s *Server) renderQueueProposal(w http.ResponseWriter, r *http.Request, status int, v web.QueueProposalView) {
	ctx := r.Context()
	p, err := s.proposalFromURL(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	proposed, err := s.named(ctx, p.Service)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var before []directory.FieldValue
	if p.Kind == directory.ProposalEdit && p.ServiceSlug != "" {
		live, err := s.db.Service(ctx, p.ServiceSlug)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Live, before = &live, live.Fields()
		if proposed.Status == "" {
			proposed.Status = live.Status // an edit keeps the live status
		}
	} else if proposed.Status == "" {
		proposed.Status = directory.StatusActive // a new service is added active
	}
	v.User, _ = currentUser(ctx)
	v.Proposal, v.Changes = p, directory.Diff(before, proposed.Fields())
	s.render(w, r, status, web.QueueProposalPage(v))
}

// proposalFromURL reads the proposal the address names.
func (s *Server) proposalFromURL(r *http.Request) (directory.Proposal, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		return directory.Proposal{}, directory.Errorf(directory.ENOTFOUND, "no proposal %q", chi.URLParam(r, "id"))
	}
	return s.db.Proposal(r.Context(), id)
}

// named fills in the names a form leaves out of a service, of its service
// type, organisation and areas, so that its fields read as the live
// service's do.
func (s *Server) named(ctx context.Context, svc directory.Service) (directory.Service, error) {
	types, err := s.db.ServiceTypes(ctx)
	if err != nil {
		return svc, err
	}
	for _, t := range types {
		if t.Slug == svc.ServiceType {
			svc.ServiceTypeName = t.Name
		}
	}
	if svc.Organisation != nil && svc.Organisation.Name == "" {
		orgs, err := s.db.Organisations(ctx)
		if err != nil {
			return svc, err
		}
		for _, o := range orgs {
			if o.Slug == svc.Organisation.Slug {
				org := o
				svc.Organisation = &org
			}
		}
	}
	areas, err := s.db.Areas(ctx)
	if err != nil {
		return svc, err
	}
	names := make(map[string]string, len(areas))
	for _, a := range areas {
		names[a.Slug] = a.Name
	}
	svc.Areas = append([]directory.ServiceArea(nil), svc.Areas...)
	for i, a := range svc.Areas {
		if a.AreaName == "" {
			svc.Areas[i].AreaName = names[a.Area]
		}
	}
	return svc, nil
}

// editProposalForm is the service form prefilled with what the provider
// proposed, carrying the version they started from, that approves the
// proposal as staff edit it.
func (s *Server) editProposalForm(w http.ResponseWriter, r *http.Request) {
	p, err := s.proposalFromURL(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	svc := p.Service
	svc.Version = p.BaseVersion
	s.renderServiceForm(w, r, http.StatusOK, proposalForm(p, svc, ""))
}

// proposalForm is the service form that approves proposal p as edited.
func proposalForm(p directory.Proposal, svc directory.Service, reason string) web.ServiceFormView {
	return web.ServiceFormView{New: p.Kind == directory.ProposalNew, Service: svc, Reason: reason,
		Action: web.ProposalHref(p.ID) + "/approve", Submit: "Approve with your changes"}
}

// approveProposal applies a proposal: as the provider sent it or, when the
// form carries the service's fields, as staff edited it. The version check
// is any edit's: a proposal whose service has moved on gets the conflict
// page, and one that breaks a rule comes back in the edit form with 422.
func (s *Server) approveProposal(w http.ResponseWriter, r *http.Request) {
	p, err := s.proposalFromURL(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	svc := p.Service
	if r.PostForm.Has("name") {
		svc = serviceFromForm(r)
		if svc.Slug == "" {
			svc.Slug = p.Service.Slug
		}
	}
	if p.Kind == directory.ProposalEdit {
		svc.Slug = p.ServiceSlug
	}
	svc.Version = formVersion(r)
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	saved, err := s.db.ApproveProposal(r.Context(), actor(r), p.ID, svc, reason)
	var invalid *directory.ValidationError
	var conflict *directory.ConflictError
	switch {
	case err == nil:
	case errors.As(err, &invalid):
		v := proposalForm(p, svc, reason)
		v.Errors = invalid.Fields
		s.renderServiceForm(w, r, http.StatusUnprocessableEntity, v)
		return
	case errors.As(err, &conflict):
		stored, _ := conflict.Current.(directory.Service)
		s.serviceConflict(w, r, stored, svc)
		return
	default:
		s.fail(w, r, err)
		return
	}
	s.tellProposer(r.Context(), p, "Your proposal for "+saved.Name+" is approved",
		"Staff approved your proposal for "+saved.Name+". It is on the directory now:\n\n"+s.baseURL+"/services/"+saved.Slug+"\n", "proposal_approved")
	s.decided(w, r, "The proposal for "+saved.Name+" is approved: the public page shows it now.")
}

// rejectProposal refuses a proposal with staff's reason, which the provider
// is sent. Without a reason it comes back with 422 and nothing is written.
func (s *Server) rejectProposal(w http.ResponseWriter, r *http.Request) {
	p, err := s.proposalFromURL(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reason := strings.TrimSpace(r.PostFormValue("reject_reason"))
	_, err = s.db.RejectProposal(r.Context(), actor(r), p.ID, reason)
	var invalid *directory.ValidationError
	switch {
	case err == nil:
	case errors.As(err, &invalid):
		s.renderQueueProposal(w, r, http.StatusUnprocessableEntity, web.QueueProposalView{Errors: fieldErrorsAs(invalid, "reject_reason"), Reason: reason})
		return
	default:
		s.fail(w, r, err)
		return
	}
	s.tellProposer(r.Context(), p, "Your proposal for "+p.Service.Name+" is not approved",
		"Staff did not approve your proposal for "+p.Service.Name+". They wrote:\n\n"+reason+"\n\nNothing on the directory changed.\n", "proposal_rejected")
	s.decided(w, r, "The proposal for "+p.Service.Name+" is rejected: nothing on the directory changed.")
}

// tellProposer sends the provider who made a proposal word of its
// decision, at their account's email.
func (s *Server) tellProposer(ctx context.Context, p directory.Proposal, subject, body, kind string) {
	u, err := s.db.User(ctx, p.ProposerID)
	if err != nil {
		s.log.Error("find the proposer to tell", "proposal", p.ID, "err", err)
		return
	}
	if u.Email == "" {
		return
	}
	s.queueMail(ctx, directory.Mail{To: []string{u.Email}, Subject: subject, Body: body, Kind: kind})
}

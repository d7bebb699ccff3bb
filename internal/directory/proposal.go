package directory

import (
	"context"
	"strings"
	"unicode/utf8"
)

// EntityProposal names providers' proposals in the audit log.
const EntityProposal = "proposal"

// The kinds of proposal a provider makes: an edit of one of their
// organisations' services, or a new service for one of them.
const (
	ProposalEdit = "edit"
	ProposalNew  = "new"
)

// The statuses of a proposal. Staff approve a pending one, which applies it,
// or reject it with a reason.
const (
	ProposalPending  = "pending"
	ProposalApproved = "approved"
	ProposalRejected = "rejected"
)

// Proposal is a provider's edit of a service, or a new service, waiting for
// staff. Nothing in it reaches a public page until staff approve it.
type Proposal struct {
	ID           int64
	Kind         string // ProposalEdit or ProposalNew
	ServiceSlug  string // the live service an edit changes; for a new one, set once approved
	BaseVersion  int    // the live service's version the edit started from; zero for a new one
	Service      Service
	Organisation string // the slug of the organisation it is for
	Note         string // what the provider says about it
	ProposerID   int64
	ProposerName string
	Status       string
	CreatedAt    string // RFC 3339
	DecidedAt    string // RFC 3339, empty while pending
	DeciderName  string
	Reason       string // why staff decided as they did; required to reject
}

// ProposalStore keeps providers' proposals. Creating one changes no public
// page; approving one applies it as an edit with the same version check.
type ProposalStore interface {
	// CreateProposal stores a pending proposal by actor after checking its
	// service's fields, and that actor's account is a provider tied to the
	// proposal's organisation and, for an edit, that the service is that
	// organisation's.
	CreateProposal(ctx context.Context, actor Actor, p Proposal) (Proposal, error)
	// Proposal returns one proposal.
	Proposal(ctx context.Context, id int64) (Proposal, error)
	// Proposals returns the proposals with the given status, oldest first;
	// an empty status returns every one.
	Proposals(ctx context.Context, status string) ([]Proposal, error)
	// ProposalsBy returns the proposals a user made, newest first.
	ProposalsBy(ctx context.Context, userID int64) ([]Proposal, error)
	// ApproveProposal applies a pending proposal, as staff may have edited
	// it (s), with the version check of any edit: an edit whose service has
	// moved past s.Version gives a ConflictError. The service's audit record
	// names the proposer and the decider.
	ApproveProposal(ctx context.Context, actor Actor, id int64, s Service, reason string) (Service, error)
	// RejectProposal refuses a pending proposal with a reason, and audits it.
	RejectProposal(ctx context.Context, actor Actor, id int64, reason string) (Proposal, error)
}

// MaxProposalText is the most characters a proposal's note, or staff's
// reason for a decision, may have.
const MaxProposalText = 2000

// Pending reports whether staff have yet to decide the proposal.
func (p Proposal) Pending() bool { return p.Status == ProposalPending }

// Tidy trims the note.
func (p Proposal) Tidy() Proposal {
	p.Note = strings.TrimSpace(p.Note)
	return p
}

// Validate checks a proposal as its provider sent it and returns a message
// for each problem, named by form field: its kind, its note, and the
// proposed service's fields as staff's edit checks them.
func (p Proposal) Validate() FieldErrors {
	var errs FieldErrors
	switch p.Kind {
	case ProposalEdit:
		if p.ServiceSlug == "" || p.BaseVersion <= 0 {
			errs.Add("version", "Start again from the service's page: the form did not say which version it began from")
		}
	case ProposalNew:
	default:
		errs.Add("kind", "A proposal is an edit of a service or a new service")
	}
	if strings.TrimSpace(p.Organisation) == "" {
		errs.Add("organisation", "Choose the organisation that runs the service")
	}
	if utf8.RuneCountInString(p.Note) > MaxProposalText {
		errs.Addf("note", "The note must be %d characters or fewer", MaxProposalText)
	}
	return append(errs, p.Service.Validate()...)
}

// ValidateDecisionReason checks staff's reason for rejecting a proposal,
// which the provider reads.
func ValidateDecisionReason(reason string) FieldErrors {
	var errs FieldErrors
	switch n := utf8.RuneCountInString(strings.TrimSpace(reason)); {
	case n == 0:
		errs.Add("reason", "Say why the proposal is rejected: the provider reads it")
	case n > MaxProposalText:
		errs.Addf("reason", "The reason must be %d characters or fewer", MaxProposalText)
	}
	return errs
}

// ApprovalReason is the reason the audit record of an approved proposal's
// service gives: who proposed it and, after a colon, staff's reason or, if
// they gave none, the provider's note.
func ApprovalReason(p Proposal, reason string) string {
	why := strings.TrimSpace(reason)
	if why == "" {
		why = p.Note
	}
	if why == "" {
		return "Proposed by " + p.ProposerName
	}
	return "Proposed by " + p.ProposerName + ": " + why
}

// ProposalSnapshot is what the audit log keeps of a proposal's decision.
type ProposalSnapshot struct {
	Kind         string `json:"kind"`
	ServiceSlug  string `json:"service_slug"`
	BaseVersion  int    `json:"base_version"`
	Organisation string `json:"organisation"`
	ProposerName string `json:"proposer_name"`
	Status       string `json:"status"`
	DeciderName  string `json:"decider_name"`
	Reason       string `json:"reason"`
}

// Audited returns what the audit log keeps of the proposal.
func (p Proposal) Audited() ProposalSnapshot {
	return ProposalSnapshot{Kind: p.Kind, ServiceSlug: p.ServiceSlug, BaseVersion: p.BaseVersion, Organisation: p.Organisation,
		ProposerName: p.ProposerName, Status: p.Status, DeciderName: p.DeciderName, Reason: p.Reason}
}

// ProposedEdit is the service a provider's edit of current proposes: the
// fields the provider's form gives, with what only staff change (the
// service's identity, organisation, status and review dates) kept from
// current, and the version it started from.
func ProposedEdit(current, proposed Service) Service {
	proposed.ID, proposed.UUID, proposed.Slug = current.ID, current.UUID, current.Slug
	proposed.Organisation = current.Organisation
	proposed.Status, proposed.LastReviewed, proposed.ReviewDue = current.Status, current.LastReviewed, current.ReviewDue
	proposed.CreatedAt, proposed.UpdatedAt, proposed.Version = current.CreatedAt, current.UpdatedAt, current.Version
	proposed.HeldAreas = nil
	return proposed
}

// ProposedService is the new service a provider proposes for org: active
// once approved, never reviewed.
func ProposedService(org Organisation, proposed Service) Service {
	proposed.ID, proposed.UUID, proposed.Version = 0, "", 0
	proposed.Organisation = &org
	proposed.Status, proposed.LastReviewed, proposed.ReviewDue = StatusActive, "", ""
	proposed.CreatedAt, proposed.UpdatedAt, proposed.HeldAreas = "", "", nil
	return proposed
}

// ApprovedEdit is the service that approving an edit of current saves: s,
// as staff approved it, with current's identity, and current's organisation
// and status where s leaves them out.
func ApprovedEdit(current, s Service) Service {
	s.ID, s.UUID, s.Slug, s.CreatedAt = current.ID, current.UUID, current.Slug, current.CreatedAt
	if s.Organisation == nil {
		s.Organisation = current.Organisation
	}
	if s.Status == "" {
		s.Status = current.Status
	}
	s.HeldAreas = nil
	return s
}

// ApprovedService is the new service that approving p adds: s, as staff
// approved it, for p's organisation where s names none, and active where s
// gives no status.
func ApprovedService(p Proposal, s Service) Service {
	s.ID, s.Version = 0, 0
	if s.Organisation == nil {
		s.Organisation = &Organisation{Slug: p.Organisation}
	}
	if s.Status == "" {
		s.Status = StatusActive
	}
	s.HeldAreas = nil
	return s
}

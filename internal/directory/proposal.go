package directory

import "context"

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

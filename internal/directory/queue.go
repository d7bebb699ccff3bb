package directory

import (
	"context"
	"sort"
	"strconv"
)

// The kinds of item in the staff review queue.
const (
	QueueSuggestion = "suggestion"
	QueueProposal   = "proposal"
	QueueHeld       = "held"
)

// QueueItem is one thing waiting for staff in the review queue: an open
// suggestion from the public, a provider's pending proposal, or a service an
// import held. Exactly one of Suggestion, Proposal and Held is set.
type QueueItem struct {
	Kind       string
	Key        string // the suggestion's or proposal's id, or the held service's slug
	Title      string // the service it is about
	Since      string // RFC 3339: when it began to wait
	Suggestion *Suggestion
	Proposal   *Proposal
	Held       *HeldService
}

// QueueSource is what the review queue is read from.
type QueueSource interface {
	Suggestions(ctx context.Context, status string) ([]Suggestion, error)
	Proposals(ctx context.Context, status string) ([]Proposal, error)
	HeldServices(ctx context.Context) ([]HeldService, error)
}

// ReviewQueue returns everything waiting for staff, oldest first.
func ReviewQueue(ctx context.Context, src QueueSource) ([]QueueItem, error) {
	suggestions, err := src.Suggestions(ctx, SuggestionOpen)
	if err != nil {
		return nil, err
	}
	proposals, err := src.Proposals(ctx, ProposalPending)
	if err != nil {
		return nil, err
	}
	held, err := src.HeldServices(ctx)
	if err != nil {
		return nil, err
	}
	items := make([]QueueItem, 0, len(suggestions)+len(proposals)+len(held))
	for i := range suggestions {
		g := &suggestions[i]
		items = append(items, QueueItem{Kind: QueueSuggestion, Key: strconv.FormatInt(g.ID, 10), Title: g.ServiceName, Since: g.CreatedAt, Suggestion: g})
	}
	for i := range proposals {
		p := &proposals[i]
		items = append(items, QueueItem{Kind: QueueProposal, Key: strconv.FormatInt(p.ID, 10), Title: p.Service.Name, Since: p.CreatedAt, Proposal: p})
	}
	for i := range held {
		h := &held[i]
		items = append(items, QueueItem{Kind: QueueHeld, Key: h.Service.Slug, Title: h.Service.Name, Since: h.HeldAt, Held: h})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].Since < items[j].Since })
	return items, nil
}

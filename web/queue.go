package web

import (
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

// QueueKindLabel names a kind of item in the review queue in words.
func QueueKindLabel(kind string) string {
	switch kind {
	case directory.QueueSuggestion:
		return "Suggestion from the public"
	case directory.QueueProposal:
		return "Proposal from a provider"
	case directory.QueueHeld:
		return "Held import"
	}
	return kind
}

// QueueItemHref is the address of an item's own page in the review queue,
// where staff decide it.
func QueueItemHref(it directory.QueueItem) string {
	switch it.Kind {
	case directory.QueueSuggestion:
		return "/staff/queue/suggestions/" + it.Key
	case directory.QueueProposal:
		return "/staff/queue/proposals/" + it.Key
	}
	return "/staff/queue/held/" + it.Key
}

// queueSender says who sent an item: a provider by name, the public, or the
// feed an import read.
func queueSender(it directory.QueueItem) string {
	switch {
	case it.Proposal != nil:
		return it.Proposal.ProposerName
	case it.Held != nil:
		if it.Held.Service.Source != "" {
			return "Import from " + it.Held.Service.Source
		}
		return "An import"
	}
	return "A member of the public"
}

// Waited says how long something has waited, from an RFC 3339 time to now,
// in whole hours or days.
func Waited(since string, now time.Time) string {
	t, err := time.Parse(time.RFC3339, since)
	if err != nil {
		return since
	}
	d := now.Sub(t)
	switch {
	case d < time.Hour:
		return "Under an hour"
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour", "hours")
	}
	return plural(int(d/(24*time.Hour)), "day", "days")
}

// The quick picks of the form that closes a suggestion: what staff found.
const (
	OutcomeFixed      = "fixed"
	OutcomeNotAChange = "not_a_change"
	outcomeFixedLabel = "Fixed"
	outcomeNotAChange = "Not a change"
)

// OutcomeLabel writes a quick pick of the close form in words, or gives ""
// for none.
func OutcomeLabel(outcome string) string {
	switch outcome {
	case OutcomeFixed:
		return outcomeFixedLabel
	case OutcomeNotAChange:
		return outcomeNotAChange
	}
	return ""
}

func outcomeOptions(chosen string) []Option {
	return []Option{
		{Value: OutcomeFixed, Label: outcomeFixedLabel, Hint: "The service's record now says what the person told us.", Checked: chosen == OutcomeFixed},
		{Value: OutcomeNotAChange, Label: outcomeNotAChange, Hint: "The record was right, or the suggestion is not something the directory lists.", Checked: chosen == OutcomeNotAChange},
	}
}

// areaOptions are checkboxes of the directory's areas, with the chosen ones
// ticked.
func areaOptions(areas []directory.Area, chosen []string) []Option {
	picked := make(map[string]bool, len(chosen))
	for _, c := range chosen {
		picked[c] = true
	}
	out := make([]Option, 0, len(areas))
	for _, a := range areas {
		out = append(out, Option{Value: a.Slug, Label: a.Name, Checked: picked[a.Slug]})
	}
	return out
}

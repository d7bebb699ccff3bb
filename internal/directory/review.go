package directory

import (
	"context"
	"time"
)

// ReviewStage is how far a service's review has gone unanswered.
type ReviewStage int

// The stages of a review left undone: on its due date the owner gets a
// reminder; two weeks later a second goes to the owner and the admins; four
// weeks after the date the entry is unchecked, says so on its public page
// and ranks after checked ones.
const (
	ReviewCurrent   ReviewStage = iota // not yet due
	ReviewDue                          // due: first reminder
	ReviewOverdue                      // two weeks past: second reminder, to the admins too
	ReviewUnchecked                    // four weeks past: unchecked
)

// The days after the due date each later stage begins.
const (
	ReviewOverdueDays   = 14
	ReviewUncheckedDays = 28
)

// Label writes the stage for staff.
func (st ReviewStage) Label() string {
	switch st {
	case ReviewDue:
		return "Due: a reminder goes to its owner"
	case ReviewOverdue:
		return "Two weeks overdue: a second reminder goes to its owner and the admins"
	case ReviewUnchecked:
		return "Unchecked: four weeks overdue, shown to the public as not checked lately"
	}
	return "Not yet due"
}

// ReviewDueOn is the date a service's review falls due: its review date,
// or six months after its last review, or, for one never reviewed, the day
// it was added.
func (s Service) ReviewDueOn() string {
	switch {
	case s.ReviewDue != "":
		return s.ReviewDue
	case s.LastReviewed != "":
		return DefaultReviewDue(s.LastReviewed)
	case len(s.CreatedAt) >= 10:
		return s.CreatedAt[:10]
	}
	return ""
}

// ReviewStage says how far the service's review has gone unanswered on the
// given day (YYYY-MM-DD).
func (s Service) ReviewStage(today string) ReviewStage {
	due, err := time.Parse(time.DateOnly, s.ReviewDueOn())
	if err != nil {
		return ReviewCurrent
	}
	day, err := time.Parse(time.DateOnly, today)
	if err != nil {
		return ReviewCurrent
	}
	switch {
	case !day.Before(due.AddDate(0, 0, ReviewUncheckedDays)):
		return ReviewUnchecked
	case !day.Before(due.AddDate(0, 0, ReviewOverdueDays)):
		return ReviewOverdue
	case !day.Before(due):
		return ReviewDue
	}
	return ReviewCurrent
}

// UncheckedRank orders services for search: checked ones (0) before
// unchecked ones (1).
func UncheckedRank(s Service, today string) int {
	if s.ReviewStage(today) == ReviewUnchecked {
		return 1
	}
	return 0
}

// ReviewOwnerStore keeps who owns each service's review, and which
// reminders have gone.
type ReviewOwnerStore interface {
	// SetServiceOwner makes a member of staff (an active admin or editor)
	// the owner of a service's review, or with ownerID zero leaves it to
	// the service's organisation's provider accounts. It is audited.
	SetServiceOwner(ctx context.Context, actor Actor, slug string, ownerID int64) error
	// ServiceOwners returns each owned service's owner, by slug.
	ServiceOwners(ctx context.Context) (map[string]int64, error)
	// ClaimReviewReminder records that the reminder of a stage for a
	// service's review due on a date has gone, and reports whether this
	// call recorded it: a reminder is claimed once, however many servers
	// try.
	ClaimReviewReminder(ctx context.Context, serviceID int64, dueOn string, stage ReviewStage) (bool, error)
}

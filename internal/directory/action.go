package directory

import (
	"strings"
	"unicode/utf8"
)

// EntityAction names actions on gaps in the audit log.
const EntityAction = "action"

// ActionStatus is where an action on a gap stands.
type ActionStatus string

// The statuses an action can have, in the order work goes.
const (
	ActionProposed   ActionStatus = "proposed"
	ActionAgreed     ActionStatus = "agreed"
	ActionInProgress ActionStatus = "in_progress"
	ActionDone       ActionStatus = "done"
	ActionDropped    ActionStatus = "dropped"
)

// ActionStatuses lists every status in order.
var ActionStatuses = []ActionStatus{ActionProposed, ActionAgreed, ActionInProgress, ActionDone, ActionDropped}

// Label writes the status for people.
func (s ActionStatus) Label() string {
	switch s {
	case ActionProposed:
		return "Proposed"
	case ActionAgreed:
		return "Agreed"
	case ActionInProgress:
		return "In progress"
	case ActionDone:
		return "Done"
	case ActionDropped:
		return "Dropped"
	}
	return string(s)
}

// Open reports whether work on the action is still to finish.
func (s ActionStatus) Open() bool { return s != ActionDone && s != ActionDropped }

// Recommendation is one of the report's recommendations, which actions on
// gaps can serve.
type Recommendation struct {
	Slug    string
	Name    string
	Summary string
	Source  string
}

// GapAction is what someone will do about one cell of the matrix: a gap in
// a kind of service in an area.
type GapAction struct {
	ID              int64
	ServiceType     string // slug
	ServiceTypeName string
	Area            string // slug
	AreaName        string
	What            string // what will be done
	Lead            string // the lead organisation
	Due             string // YYYY-MM-DD; empty when no date is set
	Status          ActionStatus
	Recommendation  string // the slug of the report's recommendation it serves; empty for none
	Version         int
	UpdatedAt       string
}

// Overdue reports whether the action's due date has passed, on the given
// day, with the work not finished.
func (a GapAction) Overdue(today string) bool {
	return a.Due != "" && a.Due < today && a.Status.Open()
}

// Validate checks an action's fields; recommendations are the slugs it may
// name.
func (a GapAction) Validate(recommendations []Recommendation) FieldErrors {
	var errs FieldErrors
	switch n := utf8.RuneCountInString(strings.TrimSpace(a.What)); {
	case n == 0:
		errs.Add("what", "Enter what will be done")
	case n > 2000:
		errs.Add("what", "What will be done must be 2,000 characters or fewer")
	}
	if utf8.RuneCountInString(a.Lead) > 200 {
		errs.Add("lead", "The lead organisation must be 200 characters or fewer")
	}
	if a.Due != "" && !ValidDate(a.Due) {
		errs.Add("due", "Enter the due date as a date, such as 2027-03-31")
	}
	known := false
	for _, s := range ActionStatuses {
		known = known || a.Status == s
	}
	if !known {
		errs.Add("status", "Choose where the action stands")
	}
	if a.Recommendation != "" {
		found := false
		for _, r := range recommendations {
			found = found || r.Slug == a.Recommendation
		}
		if !found {
			errs.Add("recommendation", "Choose one of the report's recommendations, or none")
		}
	}
	return errs
}

// Fields lists an action's fields in the order its form shows them.
func (a GapAction) Fields() []FieldValue {
	return []FieldValue{
		{"What will be done", a.What},
		{"Lead organisation", a.Lead},
		{"Due", a.Due},
		{"Status", a.Status.Label()},
		{"Recommendation", a.Recommendation},
	}
}

package directory

import (
	"strings"
	"time"
	"unicode/utf8"
)

// EntitySuggestion names suggestions from the public in the audit log.
const EntitySuggestion = "suggestion"

// MaxSuggestionDetails is the most characters a suggestion's details may
// hold.
const MaxSuggestionDetails = 4000

// SuggestionTopic is what a member of the public says is wrong with a
// listed service.
type SuggestionTopic string

// The topics of a suggestion about a listed service, in the order the form
// offers them, and the topic of one about a service the directory does not
// list.
const (
	TopicOutOfDate       SuggestionTopic = "out_of_date"
	TopicClosed          SuggestionTopic = "closed"
	TopicMoreInformation SuggestionTopic = "more_information"
	TopicSomethingElse   SuggestionTopic = "something_else"
	TopicNewService      SuggestionTopic = "new_service"
)

// SuggestionTopics lists the topics the form about a listed service offers.
var SuggestionTopics = []SuggestionTopic{TopicOutOfDate, TopicClosed, TopicMoreInformation, TopicSomethingElse}

// Label writes the topic for people.
func (t SuggestionTopic) Label() string {
	switch t {
	case TopicOutOfDate:
		return "Something is out of date or wrong"
	case TopicClosed:
		return "The service has closed or stopped"
	case TopicMoreInformation:
		return "Something is missing that would help families"
	case TopicSomethingElse:
		return "Something else"
	case TopicNewService:
		return "A service the directory does not list"
	}
	return string(t)
}

// The statuses a suggestion can have: staff close an open one once they
// have dealt with it.
const (
	SuggestionOpen   = "open"
	SuggestionClosed = "closed"
)

// Suggestion is what a member of the public, without an account, tells
// staff: a change to a listed service, or a service the directory does not
// list. It changes nothing on a public page until staff act on it.
type Suggestion struct {
	ID          int64
	ServiceID   int64  // zero for a service the directory does not list
	ServiceSlug string // read back with the suggestion; empty when ServiceID is zero
	ServiceName string // the listed service's name, or the one the person gave
	WhereItRuns string // only for a service the directory does not list
	Topic       SuggestionTopic
	Details     string
	Email       string // optional, seen only by staff, blanked 90 days after closing
	Status      string
	CreatedAt   string
	ClosedAt    string
	ClosedNote  string
	ClosedBy    string
}

// NewService reports whether the suggestion is about a service the
// directory does not list.
func (s Suggestion) NewService() bool { return s.ServiceID == 0 }

// Tidy trims what the person typed.
func (s Suggestion) Tidy() Suggestion {
	s.Details = strings.TrimSpace(s.Details)
	s.Email = strings.TrimSpace(s.Email)
	s.ServiceName = strings.TrimSpace(s.ServiceName)
	s.WhereItRuns = strings.TrimSpace(s.WhereItRuns)
	return s
}

// Validate checks a suggestion's fields, in the order its form shows them.
func (s Suggestion) Validate() FieldErrors {
	var errs FieldErrors
	if s.NewService() {
		if s.Topic != TopicNewService {
			errs.Add("topic", "A suggestion of a new service has the topic new_service")
		}
		switch n := utf8.RuneCountInString(strings.TrimSpace(s.ServiceName)); {
		case n == 0:
			errs.Add("service_name", "Enter the name of the service")
		case n > 200:
			errs.Add("service_name", "The name of the service must be 200 characters or fewer")
		}
		switch n := utf8.RuneCountInString(strings.TrimSpace(s.WhereItRuns)); {
		case n == 0:
			errs.Add("where_it_runs", "Enter where the service runs")
		case n > 200:
			errs.Add("where_it_runs", "Where the service runs must be 200 characters or fewer")
		}
	} else {
		known := false
		for _, t := range SuggestionTopics {
			known = known || s.Topic == t
		}
		if !known {
			errs.Add("topic", "Choose what your suggestion is about")
		}
	}
	switch n := utf8.RuneCountInString(strings.TrimSpace(s.Details)); {
	case n == 0:
		errs.Add("details", "Enter the details of your suggestion")
	case n > MaxSuggestionDetails:
		errs.Add("details", "The details must be 4,000 characters or fewer")
	}
	if e := strings.TrimSpace(s.Email); e != "" && !validEmail(e) {
		errs.Add("email", "Enter an email address in the correct format, like name@example.com, or leave it empty")
	}
	return errs
}

// ValidateCloseNote checks the note staff write on closing a suggestion.
func ValidateCloseNote(note string) FieldErrors {
	var errs FieldErrors
	switch n := utf8.RuneCountInString(strings.TrimSpace(note)); {
	case n == 0:
		errs.Add("note", "Enter what was done about the suggestion")
	case n > 2000:
		errs.Add("note", "The note must be 2,000 characters or fewer")
	}
	return errs
}

// Audited is the suggestion as the audit log keeps it: without the email,
// which must be forgotten 90 days after closing, when the audit log never
// forgets.
func (s Suggestion) Audited() Suggestion {
	s.Email = ""
	return s
}

// SuggestionEmailDays is how many days after a suggestion is closed its
// email is kept, in case staff need to write again; the forms promise it.
const SuggestionEmailDays = 90

// ForgetEmailsBefore returns the date (YYYY-MM-DD) before which a closed
// suggestion's email must be forgotten, on the given day: 90 days earlier.
// A day that is not a date gives "", which forgets nothing.
func ForgetEmailsBefore(today string) string {
	t, err := time.Parse(time.DateOnly, today)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, -SuggestionEmailDays).Format(time.DateOnly)
}

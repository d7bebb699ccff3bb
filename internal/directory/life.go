package directory

import (
	"strings"
	"time"
	"unicode/utf8"
)

// A service's life beside active and archived: it opens on a date, closes
// for a while, or ends. Nothing is deleted.
const (
	StatusScheduled         = "scheduled"          // shown from OpensOn
	StatusTemporarilyClosed = "temporarily_closed" // still listed, after open services, with ClosedMessage
	StatusEnded             = "ended"              // off every listing since EndedOn; its page says so
)

// Statuses lists every status, in the order staff choose among them.
var Statuses = []string{StatusActive, StatusScheduled, StatusTemporarilyClosed, StatusEnded, StatusArchived}

// StatusLabel writes a status for people.
func StatusLabel(status string) string {
	switch status {
	case StatusActive:
		return "Active"
	case StatusScheduled:
		return "Scheduled to open"
	case StatusTemporarilyClosed:
		return "Temporarily closed"
	case StatusEnded:
		return "Ended"
	case StatusArchived:
		return "Archived"
	}
	return status
}

// Listed reports whether a service with the status is on the public lists:
// search results, area pages, the API's lists and the CSV export. A
// temporarily closed one is, after the open ones.
func Listed(status string) bool {
	return status == StatusActive || status == StatusTemporarilyClosed
}

// MaxClosedMessage is the most characters a temporary closure's message may
// hold.
const MaxClosedMessage = 500

// StatusChange is staff's change of a service's status, with the dates and
// message that status carries, and the version the change started from.
type StatusChange struct {
	Status  string
	Version int
	Opens   string // scheduled: the date it is shown from, after today
	Message string // temporarily closed: what families should know
	Reopens string // temporarily closed: the date it reopens, after today, if known
	Ended   string // ended: the date it ended, today or before; empty is today
	Reason  string
}

// Tidy trims what staff typed.
func (c StatusChange) Tidy() StatusChange {
	c.Opens, c.Reopens, c.Ended = strings.TrimSpace(c.Opens), strings.TrimSpace(c.Reopens), strings.TrimSpace(c.Ended)
	c.Message, c.Reason = strings.TrimSpace(c.Message), strings.TrimSpace(c.Reason)
	return c
}

// Validate checks a status change on the given day (YYYY-MM-DD).
func (c StatusChange) Validate(today string) FieldErrors {
	var errs FieldErrors
	date := func(field, value, label string) {
		if _, err := time.Parse(time.DateOnly, value); err != nil {
			errs.Addf(field, "Enter %s as a date, like 2027-03-01", label)
		}
	}
	switch c.Status {
	case StatusActive, StatusArchived:
	case StatusScheduled:
		if c.Opens == "" {
			errs.Add("opens", "Enter the date the service opens")
		} else if date("opens", c.Opens, "the date it opens"); errs.For("opens") == "" && c.Opens <= today {
			errs.Add("opens", "The date it opens must be after today; a service open now is active")
		}
	case StatusTemporarilyClosed:
		if n := utf8.RuneCountInString(c.Message); n > MaxClosedMessage {
			errs.Addf("message", "The message must be %d characters or fewer", MaxClosedMessage)
		}
		if c.Reopens != "" {
			if date("reopens", c.Reopens, "the date it reopens"); errs.For("reopens") == "" && c.Reopens <= today {
				errs.Add("reopens", "The date it reopens must be after today")
			}
		}
	case StatusEnded:
		if c.Ended != "" {
			if date("ended", c.Ended, "the date it ended"); errs.For("ended") == "" && c.Ended > today {
				errs.Add("ended", "The date it ended must be today or before: schedule nothing for the future")
			}
		}
	default:
		errs.Add("status", "Choose the service's status")
	}
	return errs
}

// Apply gives s the status the change sets, with only that status's dates
// and message, on the given day.
func (c StatusChange) Apply(s Service, today string) Service {
	s.Status = c.Status
	s.OpensOn, s.ClosedMessage, s.ReopensOn, s.EndedOn = "", "", "", ""
	switch c.Status {
	case StatusScheduled:
		s.OpensOn = c.Opens
	case StatusTemporarilyClosed:
		s.ClosedMessage, s.ReopensOn = c.Message, c.Reopens
	case StatusEnded:
		s.EndedOn = c.Ended
		if s.EndedOn == "" {
			s.EndedOn = today
		}
	}
	return s
}

// StatusAction names a status change in the audit log.
func StatusAction(status string) string {
	switch status {
	case StatusActive:
		return "unarchive"
	case StatusArchived:
		return "archive"
	case StatusScheduled:
		return "schedule"
	case StatusTemporarilyClosed:
		return "close"
	case StatusEnded:
		return "end"
	}
	return "status"
}

// DueToOpen reports whether, on the given day, a scheduled service's date
// to open or a temporarily closed one's date to reopen has come.
func (s Service) DueToOpen(today string) bool {
	switch s.Status {
	case StatusScheduled:
		return s.OpensOn != "" && s.OpensOn <= today
	case StatusTemporarilyClosed:
		return s.ReopensOn != "" && s.ReopensOn <= today
	}
	return false
}

// StoredStatus splits a status as the engines keep it: the listing status,
// StatusActive for one the public lists show and StatusArchived for one
// they do not, and the life, empty for plain active and archived services.
func StoredStatus(status string) (listing, life string) {
	switch status {
	case StatusTemporarilyClosed:
		return StatusActive, status
	case StatusScheduled, StatusEnded:
		return StatusArchived, status
	case StatusArchived:
		return StatusArchived, ""
	}
	return StatusActive, ""
}

// ClosedRank orders services for the public lists: open ones (0) before
// temporarily closed ones (1).
func ClosedRank(s Service) int {
	if s.Status == StatusTemporarilyClosed {
		return 1
	}
	return 0
}

// CellsAllClosed returns the coverage cells, keyed "service-type/area",
// whose every listed service is temporarily closed or ended, so that their
// rating may be out of date. A cell with an open service, or with no
// service at all, is not among them; archived and scheduled services are
// left out.
func CellsAllClosed(services []Service) map[string]bool {
	open, closed := map[string]bool{}, map[string]bool{}
	for _, s := range services {
		if s.ServiceType == "" {
			continue
		}
		for _, a := range s.Areas {
			key := s.ServiceType + "/" + a.Area
			switch s.Status {
			case StatusActive:
				open[key] = true
			case StatusTemporarilyClosed, StatusEnded:
				closed[key] = true
			}
		}
	}
	out := map[string]bool{}
	for key := range closed {
		if !open[key] {
			out[key] = true
		}
	}
	return out
}

package directory

import (
	"context"
	"strings"
	"unicode/utf8"
)

// EntityServiceNote names staff's internal notes on services in the audit
// log.
const EntityServiceNote = "service_note"

// MaxNoteLength is the most characters a note may hold.
const MaxNoteLength = 4000

// ServiceNote is something staff keep about a service for each other, such
// as "Manager on leave until March; ask Sam". Notes are shown only on staff
// pages: never on a public page, in the API or in a CSV export.
type ServiceNote struct {
	ID          int64
	ServiceSlug string
	Body        string
	AuthorName  string
	CreatedAt   string // RFC 3339
}

// ValidateNote checks a note's text.
func ValidateNote(body string) FieldErrors {
	var errs FieldErrors
	switch n := utf8.RuneCountInString(strings.TrimSpace(body)); {
	case n == 0:
		errs.Add("note", "Enter the note")
	case n > MaxNoteLength:
		errs.Add("note", "The note must be 4,000 characters or fewer")
	}
	return errs
}

// NoteStore keeps staff's internal notes on services. Notes only ever grow:
// each is audited when added, and none is edited or deleted.
type NoteStore interface {
	// AddServiceNote adds a note by actor to the service with the given
	// slug, after checking its text.
	AddServiceNote(ctx context.Context, actor Actor, slug, body string) (ServiceNote, error)
	// ServiceNotes returns a service's notes, newest first.
	ServiceNotes(ctx context.Context, slug string) ([]ServiceNote, error)
}

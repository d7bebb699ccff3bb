package directory

import (
	"fmt"
	"strings"
)

// FieldError is a problem with one form field, in words for the person who
// filled it in.
type FieldError struct {
	Field   string
	Message string
}

// FieldErrors lists a form's problems in the order of its fields.
type FieldErrors []FieldError

// Add records a problem with a field.
func (e *FieldErrors) Add(field, message string) {
	*e = append(*e, FieldError{Field: field, Message: message})
}

// Addf records a problem with a field, formatting the message.
func (e *FieldErrors) Addf(field, format string, args ...any) {
	e.Add(field, fmt.Sprintf(format, args...))
}

// For returns the first message for a field, or "".
func (e FieldErrors) For(field string) string {
	for _, fe := range e {
		if fe.Field == field {
			return fe.Message
		}
	}
	return ""
}

// Err returns an EINVALID error listing the problems, or nil if there are none.
func (e FieldErrors) Err() error {
	if len(e) == 0 {
		return nil
	}
	msgs := make([]string, len(e))
	for i, fe := range e {
		msgs[i] = fe.Message
	}
	return &ValidationError{Fields: e, Message: strings.Join(msgs, ". ")}
}

// ValidationError carries the field errors of a refused change.
type ValidationError struct {
	Fields  FieldErrors
	Message string
}

// Error returns the problems in one line.
func (e *ValidationError) Error() string { return "invalid: " + e.Message }

// ConflictError is returned when an edit started from a version that is no
// longer the stored one. Current is the stored record, so that both can be shown.
type ConflictError struct {
	Current any
}

// Error says what happened.
func (e *ConflictError) Error() string {
	return "conflict: the record was changed by someone else after this edit began"
}

package directory

import (
	"errors"
	"fmt"
)

// Error codes say what kind of failure happened, so that the HTTP layer can
// choose a status without knowing where the error came from.
const (
	ENOTFOUND = "not_found"
	EINVALID  = "invalid"
	ECONFLICT = "conflict"
	// EFORBIDDEN is a change the account may not make, such as a provider's
	// proposal for another organisation's service.
	EFORBIDDEN = "forbidden"
	EINTERNAL  = "internal"
)

// Error is a failure with a code and a message that is safe to show a person.
type Error struct {
	Code    string
	Message string
}

// Error returns the message with its code.
func (e *Error) Error() string {
	return fmt.Sprintf("directory error: code=%s message=%s", e.Code, e.Message)
}

// Errorf builds an Error with a code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first Error in err's chain, EINTERNAL for
// any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var v *ValidationError
	if errors.As(err, &v) {
		return EINVALID
	}
	var c *ConflictError
	if errors.As(err, &c) {
		return ECONFLICT
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first Error in err's chain, or a
// generic message for any other error, so internals never reach a person.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	var v *ValidationError
	if errors.As(err, &v) {
		return v.Message
	}
	var c *ConflictError
	if errors.As(err, &c) {
		return "Someone else changed this record after you began. Your changes have not been saved."
	}
	return "Something went wrong on our side."
}

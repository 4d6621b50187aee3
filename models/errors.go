package models

import (
	"errors"
	"fmt"
)

// Errors the store and the rules return; handlers map them to status codes.
var (
	ErrNotFound        = errors.New("not found")
	ErrConflict        = errors.New("conflict")
	ErrQuotaExhausted  = errors.New("daily video quota exhausted")
	ErrDuplicate       = errors.New("already exists")
	ErrInsufficient    = errors.New("insufficient points")
	ErrNegativeBalance = errors.New("balance is negative")
	ErrNotEnrolled     = errors.New("not enrolled")
	ErrCampaignClosed  = errors.New("campaign is not running")
	ErrBadCredentials  = errors.New("bad credentials")
	ErrInvalidState    = errors.New("invalid state for this action")
)

// FieldError is a validation message tied to one form field. Message is a whole
// Chinese message; when Args is set it is a format string and Args fill it, so that
// a page can translate the format before filling it (p.Tf).
type FieldError struct {
	Field   string
	Message string
	Args    []any
}

// Text is the Chinese message with its arguments filled in.
func (e FieldError) Text() string {
	if len(e.Args) == 0 {
		return e.Message
	}
	return fmt.Sprintf(e.Message, e.Args...)
}

// FieldErrors collects validation messages and satisfies error.
type FieldErrors []FieldError

func (f FieldErrors) Error() string {
	if len(f) == 0 {
		return "invalid input"
	}
	return f[0].Field + ": " + f[0].Text()
}

// For returns the first message for field, or "" (the format, when it has Args:
// pages that may show such a message use Get).
func (f FieldErrors) For(field string) string {
	return f.Get(field).Message
}

// Get returns the first error for field, or a zero FieldError.
func (f FieldErrors) Get(field string) FieldError {
	for _, e := range f {
		if e.Field == field {
			return e
		}
	}
	return FieldError{}
}

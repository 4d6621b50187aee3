package models

import "errors"

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

// FieldError is a validation message tied to one form field.
type FieldError struct {
	Field   string
	Message string
}

// FieldErrors collects validation messages and satisfies error.
type FieldErrors []FieldError

func (f FieldErrors) Error() string {
	if len(f) == 0 {
		return "invalid input"
	}
	return f[0].Field + ": " + f[0].Message
}

// For returns the first message for field, or "".
func (f FieldErrors) For(field string) string {
	for _, e := range f {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

package pages

import "growthcard/models"

// SignupData is the sign-up form's view model: what was typed and what is wrong.
type SignupData struct {
	Form   models.SignupForm
	Errors models.FieldErrors
}

// Messages lists every error message, for the summary at the top of a form.
func Messages(errs models.FieldErrors) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Message
	}
	return out
}

// LoginData is the log-in form's view model.
type LoginData struct {
	Email string
	Error string
}

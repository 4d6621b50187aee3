package handlers

import (
	"net/http"

	"github.com/gorilla/sessions"
)

// cookieOptions are the flags every cookie of ours carries: HttpOnly, SameSite=Lax,
// Secure behind TLS, and an explicit life (a negative maxAge deletes).
func (h *Handler) cookieOptions(maxAge int) *sessions.Options {
	return &sessions.Options{Path: "/", MaxAge: maxAge, HttpOnly: true,
		Secure: h.SecureCookies, SameSite: http.SameSiteLaxMode}
}

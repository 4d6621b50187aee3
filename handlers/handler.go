// Package handlers turns HTTP requests into calls on the rules and the store, and
// renders the answer. One file per feature; the route table lives in package web.
package handlers

import (
	"log/slog"
	"sync"
	"time"

	"github.com/gorilla/sessions"

	"growthcard/models/store"
	"growthcard/views/i18n"
)

// Handler holds everything the request handlers need; built once by New in main.
type Handler struct {
	Deps
	SessionTTL time.Duration
	dummyHash  string         // compared against for unknown e-mails, so both failures cost the same
	imports    sync.WaitGroup // order imports running in the background
}

// Deps are the inputs of New: the store, the clock and the shared services.
type Deps struct {
	Store         *store.Store
	Sessions      sessions.Store
	Now           func() time.Time
	Log           *slog.Logger
	I18n          *i18n.Bundle
	Asset         func(name string) string
	SecureCookies bool
	WebhookSecret []byte
}

// New builds the Handler.
func New(d Deps) *Handler {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	dummy, err := HashPassword("growthcard-unknown-account")
	if err != nil {
		panic(err)
	}
	return &Handler{Deps: d, dummyHash: dummy, SessionTTL: 7 * 24 * time.Hour}
}

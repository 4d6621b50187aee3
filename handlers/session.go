package handlers

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/models/store"
)

const (
	sessionCookie = "gc_session"
	flashCookie   = "gc_flash"
	langCookie    = "gc_lang"
	accountKey    = "growthcard.account"
)

// Authenticate loads the signed-in account, if any, for every request.
func (h *Handler) Authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		sess, err := h.Sessions.Get(c.Request(), sessionCookie)
		if err == nil {
			if token, ok := sess.Values["token"].(string); ok && token != "" {
				acct, err := h.Store.SessionAccount(c.Request().Context(), token)
				if err == nil {
					c.Set(accountKey, &acct)
				} else if !errors.Is(err, models.ErrNotFound) {
					return err
				}
			}
		}
		return next(c)
	}
}

// currentAccount returns the signed-in account or nil.
func currentAccount(c echo.Context) *models.Account {
	a, _ := c.Get(accountKey).(*models.Account)
	return a
}

// RequireParticipant lets only creators and merchants through: visitors are sent to
// log in, managers to their console.
func (h *Handler) RequireParticipant(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		a := currentAccount(c)
		switch {
		case a == nil:
			return h.needLogin(c)
		case a.IsManager():
			if c.Request().Method == http.MethodGet {
				return c.Redirect(http.StatusSeeOther, "/admin")
			}
			return echo.NewHTTPError(http.StatusNotFound)
		}
		return next(c)
	}
}

// RequireManager lets only managers through; to anyone else signed in the console
// does not exist (404).
func (h *Handler) RequireManager(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		a := currentAccount(c)
		switch {
		case a == nil:
			return h.needLogin(c)
		case !a.IsManager():
			return echo.NewHTTPError(http.StatusNotFound)
		}
		return next(c)
	}
}

// needLogin sends a visitor's page request to the log-in form; other requests get 401.
func (h *Handler) needLogin(c echo.Context) error {
	if c.Request().Method == http.MethodGet && !strings.HasPrefix(c.Path(), "/api/") {
		return h.redirect(c, "/login", "info", "请先登录")
	}
	return echo.NewHTTPError(http.StatusUnauthorized, "请先登录")
}

// startSession creates a server-side session and stores its token in the cookie,
// replacing any earlier session of this browser (rotation at log-in).
func (h *Handler) startSession(c echo.Context, accountID int64) error {
	sess, _ := h.Sessions.Get(c.Request(), sessionCookie)
	if old, ok := sess.Values["token"].(string); ok && old != "" {
		if err := h.Store.DeleteSession(c.Request().Context(), old); err != nil {
			return err
		}
	}
	token, err := h.Store.CreateSession(c.Request().Context(), accountID, h.SessionTTL, c.RealIP(), c.Request().UserAgent())
	if err != nil {
		return err
	}
	sess.Values = map[any]any{"token": token}
	sess.Options = h.cookieOptions(int(h.SessionTTL.Seconds()))
	return sess.Save(c.Request(), c.Response())
}

// endSession deletes the server-side session and expires the cookie.
func (h *Handler) endSession(c echo.Context) error {
	sess, _ := h.Sessions.Get(c.Request(), sessionCookie)
	if token, ok := sess.Values["token"].(string); ok && token != "" {
		if err := h.Store.DeleteSession(c.Request().Context(), token); err != nil {
			return err
		}
	}
	sess.Values = map[any]any{}
	sess.Options = h.cookieOptions(-1)
	return sess.Save(c.Request(), c.Response())
}

// setFlash stores a one-time message for the next page.
func (h *Handler) setFlash(c echo.Context, kind, message string) {
	sess, _ := h.Sessions.Get(c.Request(), flashCookie)
	sess.Values = map[any]any{"kind": kind, "message": message}
	sess.Options = h.cookieOptions(300)
	if err := sess.Save(c.Request(), c.Response()); err != nil {
		h.Log.Warn("flash not saved", "err", err)
	}
}

// popFlash reads and clears the one-time message.
func (h *Handler) popFlash(c echo.Context) (kind, message string) {
	sess, err := h.Sessions.Get(c.Request(), flashCookie)
	if err != nil || len(sess.Values) == 0 {
		return "", ""
	}
	kind, _ = sess.Values["kind"].(string)
	message, _ = sess.Values["message"].(string)
	sess.Values = map[any]any{}
	sess.Options = h.cookieOptions(-1)
	_ = sess.Save(c.Request(), c.Response())
	return kind, message
}

// actor describes the signed-in account for the audit log.
func actor(c echo.Context) store.Actor { return actorOf(currentAccount(c), c) }

// actorOf describes account a (nil for a visitor) acting from c's address.
func actorOf(a *models.Account, c echo.Context) store.Actor {
	if a == nil {
		return store.Actor{IP: c.RealIP()}
	}
	return store.Actor{ID: a.ID, Email: a.Email, IP: c.RealIP()}
}

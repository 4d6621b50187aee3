package handlers

import (
	"github.com/labstack/echo/v4"

	"growthcard/views/i18n"
	"growthcard/views/layout"
)

// page builds the per-request frame data once: user, CSRF token, flash, language.
func (h *Handler) page(c echo.Context, title string) layout.Page {
	p := layout.Page{Title: title, Path: c.Request().URL.Path, Now: h.Now(),
		Loc: h.localizer(c), Asset: h.Asset}
	if tok, ok := c.Get("csrf").(string); ok {
		p.CSRF = tok
	}
	if a := currentAccount(c); a != nil {
		p.User = &layout.User{ID: a.ID, Name: a.DisplayName, Role: a.Role, Manager: a.IsManager()}
	}
	p.Flash.Kind, p.Flash.Message = h.popFlash(c)
	return p
}

// localizer picks the language from the cookie, then Accept-Language.
func (h *Handler) localizer(c echo.Context) *i18n.Localizer {
	cookie := ""
	if ck, err := c.Cookie(langCookie); err == nil {
		cookie = ck.Value
	}
	return h.I18n.For(i18n.Match(cookie, c.Request().Header.Get("Accept-Language")))
}

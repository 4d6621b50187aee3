package handlers

import (
	"bytes"
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
)

// render writes a templ component with status, buffered so that a failed render never
// sends half a page.
func (h *Handler) render(c echo.Context, status int, comp templ.Component) error {
	var buf bytes.Buffer
	if err := comp.Render(c.Request().Context(), &buf); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// redirect answers 303 See Other to path, with an optional flash message.
func (h *Handler) redirect(c echo.Context, path, kind, message string) error {
	if message != "" {
		h.setFlash(c, kind, message)
	}
	return c.Redirect(http.StatusSeeOther, path)
}

// isHTMX reports whether htmx sent the request. Such requests get the page itself
// rather than a redirect: the form's hx-select picks the fragments to swap.
func isHTMX(c echo.Context) bool { return c.Request().Header.Get("HX-Request") == "true" }

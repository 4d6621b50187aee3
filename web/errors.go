package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"growthcard/handlers"
	"growthcard/models"
)

// errorHandler is the one place errors become responses: models.ErrNotFound → 404,
// *echo.HTTPError → its code, anything else → a logged 500 with a generic page.
func errorHandler(h *handlers.Handler, log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		code, msg := http.StatusInternalServerError, ""
		var he *echo.HTTPError
		switch {
		case errors.As(err, &he):
			code = he.Code
			if s, ok := he.Message.(string); ok && code != http.StatusNotFound {
				msg = s
			}
		case errors.Is(err, models.ErrNotFound):
			code = http.StatusNotFound
		default:
			log.Error("unhandled error", "method", c.Request().Method, "uri", c.Request().RequestURI, "err", err)
		}
		if code >= 500 {
			msg = ""
		}
		if c.Request().Method == http.MethodHead {
			_ = c.NoContent(code)
			return
		}
		if isJSON(c) {
			if msg == "" {
				msg = http.StatusText(code)
			}
			_ = c.JSON(code, map[string]string{"error": msg})
			return
		}
		// ContextTimeout has cancelled the request's context by the time an error
		// reaches this handler; the error page must render all the same.
		c.SetRequest(c.Request().WithContext(context.WithoutCancel(c.Request().Context())))
		if rerr := h.RenderError(c, code, msg); rerr != nil {
			log.Error("error page failed", "err", rerr)
			_ = c.String(code, http.StatusText(code))
		}
	}
}

// isJSON reports whether the request expects a JSON answer.
func isJSON(c echo.Context) bool {
	p := c.Request().URL.Path
	return len(p) >= 5 && p[:5] == "/api/" || p == "/healthz"
}

// Package web assembles the HTTP server: middleware in order, the route table and the
// one error handler.
package web

import (
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo-contrib/echoprometheus"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"

	"growthcard/handlers"
)

// Options configure the server beyond the handlers.
type Options struct {
	Log *slog.Logger
	// TrustProxy lists proxy networks whose X-Forwarded-For may name the client;
	// empty means the TCP peer is the client, so a forged header cannot reset limits.
	TrustProxy []*net.IPNet
	Static     http.Handler
	Registry   *prometheus.Registry
}

// importBodyLimit bounds an orders CSV upload.
const importBodyLimit = "512M"

// New returns the echo server with every middleware and route in place.
func New(h *handlers.Handler, o Options) *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	if len(o.TrustProxy) > 0 {
		var opts []echo.TrustOption
		for _, n := range o.TrustProxy {
			opts = append(opts, echo.TrustIPRange(n))
		}
		e.IPExtractor = echo.ExtractIPFromXFFHeader(opts...)
	} else {
		e.IPExtractor = echo.ExtractIPDirect()
	}
	e.HTTPErrorHandler = errorHandler(h, o.Log)

	e.Use(middleware.Recover())
	e.Use(middleware.RequestLoggerWithConfig(requestLogger(o.Log)))
	if o.Registry != nil {
		e.Use(echoprometheus.NewMiddlewareWithConfig(echoprometheus.MiddlewareConfig{
			Registerer: o.Registry, Skipper: func(c echo.Context) bool {
				return strings.HasPrefix(c.Path(), "/static") || c.Path() == "/metrics"
			}}))
	}
	e.Use(middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{Timeout: 30 * time.Second,
		Skipper: func(c echo.Context) bool {
			// Long on purpose: an import, and exports streaming 100,000 rows.
			return c.Path() == "/admin/orders/import" || strings.Contains(c.Path(), "/export.")
		}}))
	// The order import takes files of up to 1,000,000 rows (~80 MB); every other route
	// keeps the smaller limit. Both come before CSRF, which reads the form.
	isImport := func(c echo.Context) bool { return c.Path() == "/admin/orders/import" }
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: "64M", Skipper: isImport}))
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: importBodyLimit,
		Skipper: func(c echo.Context) bool { return !isImport(c) }}))
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection: "0", ContentTypeNosniff: "nosniff", XFrameOptions: "DENY",
		ReferrerPolicy: "same-origin",
		ContentSecurityPolicy: "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
			"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
	}))
	e.Use(middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "form:_csrf,header:X-CSRF-Token",
		CookieName:     "gc_csrf",
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   h.SecureCookies,
		CookieSameSite: http.SameSiteLaxMode,
		CookieMaxAge:   86400,
		Skipper: func(c echo.Context) bool {
			p := c.Request().URL.Path
			return strings.HasPrefix(p, "/static/") || strings.HasPrefix(p, "/api/v1/webhooks/")
		},
		ErrorHandler: func(err error, c echo.Context) error {
			return echo.NewHTTPError(http.StatusForbidden, "页面已过期或请求无效,请刷新后重试")
		},
		// Browsers' cross-site posts are refused on Sec-Fetch-Site before any token
		// is looked at; answer them with the same Chinese page (echo's own error says
		// "cross-site request blocked by CSRF"). same-site falls back to the token.
		AllowSecFetchSiteFunc: func(c echo.Context) (bool, error) {
			if c.Request().Header.Get(echo.HeaderSecFetchSite) == "same-site" {
				return false, nil
			}
			return false, echo.NewHTTPError(http.StatusForbidden, "页面已过期或请求无效,请刷新后重试")
		},
	}))
	e.Use(h.Authenticate)
	routes(e, h, o)
	return e
}

// requestLogger logs one structured line per request with slog.
func requestLogger(log *slog.Logger) middleware.RequestLoggerConfig {
	return middleware.RequestLoggerConfig{
		LogStatus: true, LogURI: true, LogMethod: true, LogLatency: true, LogRemoteIP: true, LogError: true,
		HandleError: true,
		Skipper:     func(c echo.Context) bool { return strings.HasPrefix(c.Request().URL.Path, "/static/") },
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			attrs := []any{"method", v.Method, "uri", v.URI, "status", v.Status,
				"latency_ms", float64(v.Latency.Microseconds()) / 1000, "ip", v.RemoteIP}
			if v.Error != nil && v.Status >= 500 {
				log.Error("request", append(attrs, "err", v.Error)...)
				return nil
			}
			log.Info("request", attrs...)
			return nil
		},
	}
}

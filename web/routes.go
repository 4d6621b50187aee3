package web

import (
	"github.com/labstack/echo-contrib/echoprometheus"
	"github.com/labstack/echo/v4"

	"growthcard/handlers"
)

// routes is THE route table, grouped by who may call each route.
func routes(e *echo.Echo, h *handlers.Handler, o Options) {
	// Everyone.
	e.GET("/", h.Home)
	e.GET("/signup", h.SignupForm)
	e.POST("/signup", h.Signup)
	e.GET("/login", h.LoginForm)
	e.POST("/login", h.Login)
	e.POST("/logout", h.Logout)
	e.POST("/lang", h.SetLanguage)
	e.GET("/healthz", h.Healthz)
	e.HEAD("/healthz", h.Healthz)
	e.POST("/api/v1/webhooks/orders", h.OrdersWebhook) // signed with the webhook secret, not a session
	if o.Static != nil {
		e.GET("/static/*", echo.WrapHandler(o.Static))
	}
	if o.Registry != nil {
		e.GET("/metrics", echoprometheus.NewHandlerWithConfig(echoprometheus.HandlerConfig{Gatherer: o.Registry}))
	}

	// Creators and merchants: their own data only. (Per-route middleware: an echo
	// group with an empty prefix would also catch unknown paths.)
	own := h.RequireParticipant
	e.GET("/dashboard", h.Dashboard, own)
	e.POST("/enrollment", h.Enroll, own)
	e.POST("/enrollment/withdraw", h.Withdraw, own)
	e.POST("/videos", h.RegisterVideo, own)
	e.POST("/videos/:id/heat", h.Heat, own)
	e.GET("/points", h.Points, own)
	e.GET("/api/v1/me", h.Me)

	// Managers: the console. To anyone else it does not exist (404; visitors log in).
	a := e.Group("/admin", h.RequireManager)
	a.GET("", h.AdminOverview)
	// review queue, decisions and its export
	a.GET("/enrollments", h.AdminEnrollments)
	a.POST("/enrollments/:id/approve", h.ApproveEnrollment)
	a.POST("/enrollments/:id/reject", h.RejectEnrollment)
	a.POST("/enrollments/bulk-approve", h.BulkApprove)
	a.POST("/enrollments/bulk-reject", h.BulkReject)
	a.GET("/enrollments/export.csv", h.ExportEnrollmentsCSV)
	a.GET("/enrollments/export.xlsx", h.ExportEnrollmentsXLSX)
	// accounts
	a.GET("/accounts", h.AdminAccounts)
	a.GET("/accounts/:id", h.AdminAccount)
	a.POST("/accounts/:id/fans", h.CorrectFans)
	// campaigns and their settings
	a.GET("/campaigns", h.AdminCampaigns)
	a.GET("/campaigns/new", h.NewCampaignForm)
	a.POST("/campaigns/new", h.CreateCampaign)
	a.GET("/campaigns/:id", h.EditCampaignForm)
	a.POST("/campaigns/:id", h.UpdateCampaign)
	// records and figures for finance
	a.GET("/audit", h.AdminAudit)
	a.GET("/exports", h.AdminExports)
	a.GET("/points/export.csv", h.ExportPointsCSV)
	a.GET("/points/export.xlsx", h.ExportPointsXLSX)
	// orders
	a.GET("/orders/import", h.OrdersImportForm)
	a.POST("/orders/import", h.ImportOrders) // body limit: see importBodyLimit in server.go
	a.GET("/orders/import/:id", h.ImportJob)
	a.GET("/orders/import/:id/errors.csv", h.ImportErrors)
}

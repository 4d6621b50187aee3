package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/views/pages"
)

// AdminAudit shows the append-only audit log, filterable by action, actor, target
// and Beijing date range.
func (h *Handler) AdminAudit(c echo.Context) error {
	ctx := c.Request().Context()
	f := models.ParseAuditFilter(c.QueryParams())
	rows, total, err := h.Store.ListAudit(ctx, f)
	if err != nil {
		return err
	}
	actions, err := h.Store.AuditActions(ctx)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, pages.AdminAudit(h.page(c, "操作日志"),
		pages.AdminAuditData{Filter: f, Rows: rows, Total: total, Actions: actions}))
}

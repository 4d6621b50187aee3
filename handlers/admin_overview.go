package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"growthcard/views/pages"
)

// AdminOverview shows the running campaign at a glance: enrolments, newcomers,
// videos against the quota, settled GMV and points per day, the top creators.
func (h *Handler) AdminOverview(c echo.Context) error {
	ctx := c.Request().Context()
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return err
	}
	now := h.Now()
	o, err := h.Store.Overview(ctx, camp, now)
	if err != nil {
		return err
	}
	d := pages.AdminOverviewData{O: o, Phase: camp.Phase(now), DaysLeft: camp.DaysLeft(now)}
	if d.Phase == "upcoming" {
		d.DaysLeft = int64(camp.StartsAt.Sub(now).Hours()/24) + 1
	}
	return h.render(c, http.StatusOK, pages.AdminOverview(h.page(c, "活动概览"), d))
}

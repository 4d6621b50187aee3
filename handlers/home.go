package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"growthcard/views/pages"
)

// Home shows the campaign, its rules and the ways in.
func (h *Handler) Home(c echo.Context) error {
	camp, err := h.Store.RunningCampaign(c.Request().Context())
	if err != nil {
		return err
	}
	now := h.Now()
	return h.render(c, http.StatusOK, pages.Home(h.page(c, "带货短视频激励计划"),
		pages.HomeData{Campaign: camp, Phase: camp.Phase(now), DaysLeft: camp.DaysLeft(now)}))
}

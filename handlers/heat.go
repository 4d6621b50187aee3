package handlers

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/views/layout"
	"growthcard/views/pages"
)

// Heat spends points on one of the creator's own videos (SPEC rule 9): 422 for a
// number that is not a whole point, 404 for a video that is not theirs, 409 when the
// balance is too low or negative, else 303 back to the dashboard. htmx gets the
// dashboard itself (200, or the 409/422 page) and swaps the video list and the
// points card in place.
func (h *Handler) Heat(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c)
	if err != nil {
		return err
	}
	points, msg := models.ParseHeatPoints(c.FormValue("points"))
	if msg != "" {
		return h.heatError(c, http.StatusUnprocessableEntity, id, msg)
	}
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return err
	}
	acct := currentAccount(c)
	video, err := h.Store.Video(ctx, acct.ID, id)
	if err != nil {
		return err
	}
	entry, err := h.Store.Heat(ctx, actor(c), acct.ID, id, camp.ID, points)
	switch {
	case errors.Is(err, models.ErrNegativeBalance):
		return h.heatError(c, http.StatusConflict, id, "可用点数为负:有已结算的订单被取消结算,扣回了已经用掉的点数。余额回到正数之前暂时不能加热。")
	case errors.Is(err, models.ErrInsufficient):
		return h.heatError(c, http.StatusConflict, id, "可用点数不足,请减少加热点数。")
	case err != nil:
		return err
	}
	// The flash is filled here, so it is translated here: the page's p.T only
	// translates whole messages.
	msg = h.localizer(c).Tf("已用 %s 点加热视频《%s》,剩余 %s 点",
		points.Display(), video.Title, entry.BalanceAfter.Display())
	if isHTMX(c) {
		return h.dashboardNotice(c, layout.Flash{Kind: "success", Message: msg})
	}
	page, _ := strconv.Atoi(c.QueryParam("page"))
	return h.redirect(c, pages.VideoPageURL(page), "success", msg)
}

// heatError re-renders the dashboard with status, the reason beside the video's heat
// form and the points that were typed there.
func (h *Handler) heatError(c echo.Context, status int, videoID int64, msg string) error {
	d, err := h.dashboardData(c)
	if err != nil {
		return err
	}
	d.HeatError, d.HeatVideo, d.HeatPoints = msg, videoID, c.FormValue("points")
	return h.render(c, status, pages.Dashboard(h.page(c, "我的看板"), d))
}

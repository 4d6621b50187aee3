package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"growthcard/models"
)

// meJSON is the stable shape of GET /api/v1/me.
type meJSON struct {
	Campaign struct {
		Slug     string `json:"slug"`
		StartsAt string `json:"starts_at"`
		EndsAt   string `json:"ends_at"`
	} `json:"campaign"`
	Enrollment struct {
		Status   string `json:"status"`
		Newcomer bool   `json:"newcomer"`
	} `json:"enrollment"`
	Quota struct {
		Date      string `json:"date"`
		Limit     int    `json:"limit"`
		Used      int    `json:"used"`
		Remaining int    `json:"remaining"`
	} `json:"quota"`
	GMV struct {
		Baseline   string `json:"baseline"`
		Campaign   string `json:"campaign"`
		Threshold  string `json:"threshold"`
		RewardBase string `json:"reward_base"`
	} `json:"gmv"`
	Points struct {
		Earned  string `json:"earned"`
		Spent   string `json:"spent"`
		Balance string `json:"balance"`
		Cap     string `json:"cap"`
	} `json:"points"`
}

// Me answers the signed-in creator's campaign state as JSON.
func (h *Handler) Me(c echo.Context) error {
	ctx := c.Request().Context()
	acct := currentAccount(c)
	if acct == nil || acct.IsManager() {
		return echo.NewHTTPError(http.StatusUnauthorized, "请先登录")
	}
	now := h.Now()
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return err
	}
	var out meJSON
	out.Campaign.Slug = camp.Slug
	out.Campaign.StartsAt = camp.StartsAt.In(models.Beijing).Format("2006-01-02T15:04:05Z07:00")
	out.Campaign.EndsAt = camp.EndsAt.In(models.Beijing).Format("2006-01-02T15:04:05Z07:00")
	enr, err := h.Store.LatestEnrollment(ctx, acct.ID, camp.ID)
	if err != nil {
		return err
	}
	out.Enrollment.Status = models.EnrollNone
	if enr != nil {
		out.Enrollment.Status = enr.Status
	}
	used, err := h.Store.VideosOnDay(ctx, acct.ID, models.Day(now))
	if err != nil {
		return err
	}
	q := models.TodayQuota(camp, acct.Fans, used, now)
	out.Quota.Date, out.Quota.Limit, out.Quota.Used, out.Quota.Remaining = q.Day, q.Limit, q.Used, q.Remaining
	ent, err := h.Store.Entitlement(ctx, acct.Channel(), camp)
	if err != nil {
		return err
	}
	out.Enrollment.Newcomer = ent.Newcomer
	out.GMV.Baseline, out.GMV.Campaign = ent.Baseline.String(), ent.GMV.Campaign.String()
	out.GMV.Threshold, out.GMV.RewardBase = ent.Threshold.String(), ent.RewardBase.String()
	bal, err := h.Store.Balance(ctx, acct.ID, camp.ID)
	if err != nil {
		return err
	}
	out.Points.Earned, out.Points.Spent = bal.Earned.String(), bal.Spent.String()
	out.Points.Balance, out.Points.Cap = bal.Balance.String(), camp.CapPoints.String()
	return c.JSON(http.StatusOK, out)
}

// Healthz answers 200 when both database pools answer.
func (h *Handler) Healthz(c echo.Context) error {
	if err := h.Store.Ping(c.Request().Context()); err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

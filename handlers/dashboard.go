package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/views/pages"
)

// Dashboard shows the creator's enrolment, today's quota, videos and points.
func (h *Handler) Dashboard(c echo.Context) error {
	d, err := h.dashboardData(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, pages.Dashboard(h.page(c, "我的看板"), d))
}

// dashboardData loads everything the dashboard shows; forms re-render with it.
func (h *Handler) dashboardData(c echo.Context) (pages.DashboardData, error) {
	ctx := c.Request().Context()
	acct := currentAccount(c)
	now := h.Now()
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return pages.DashboardData{}, err
	}
	d := pages.DashboardData{Campaign: camp, Phase: camp.Phase(now), DaysLeft: camp.DaysLeft(now), Account: *acct,
		Ineligible: models.Eligibility(*acct, camp)}
	if d.Enrollment, err = h.Store.LatestEnrollment(ctx, acct.ID, camp.ID); err != nil {
		return d, err
	}
	used, err := h.Store.VideosOnDay(ctx, acct.ID, models.Day(now))
	if err != nil {
		return d, err
	}
	d.Quota = models.TodayQuota(camp, acct.Fans, used, now)
	if d.VideoTotal, err = h.Store.CountVideos(ctx, acct.ID); err != nil {
		return d, err
	}
	d.VideoPage, _ = strconv.Atoi(c.QueryParam("page"))
	d.VideoPage = min(max(d.VideoPage, 1), d.VideoPages())
	if d.Videos, err = h.Store.Videos(ctx, acct.ID, pages.VideosPerPage, (d.VideoPage-1)*pages.VideosPerPage); err != nil {
		return d, err
	}
	bal, err := h.Store.Balance(ctx, acct.ID, camp.ID)
	if err != nil {
		return d, err
	}
	d.Balance = pages.Balance{Earned: bal.Earned, Spent: bal.Spent, Balance: bal.Balance, Cap: camp.CapPoints}
	if d.Status() != models.EnrollApproved && acct.Channel() != "" {
		ent, err := h.Store.Entitlement(ctx, acct.Channel(), camp)
		if err != nil {
			return d, err
		}
		d.Balance.Waiting = ent.Points
	}
	return d, nil
}

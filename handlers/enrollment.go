package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/views/components"
	"growthcard/views/pages"
)

// Enroll files an application to the running campaign: eligibility per SPEC rule 1,
// 422 with every failed reason, 409 when an application is already active.
func (h *Handler) Enroll(c echo.Context) error {
	ctx := c.Request().Context()
	acct := currentAccount(c)
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return err
	}
	if !camp.InProgress(h.Now()) {
		return h.dashboardError(c, http.StatusUnprocessableEntity, []string{"当前不在激励期内,不能报名"})
	}
	if reasons := models.Eligibility(*acct, camp); len(reasons) > 0 {
		msgs := make([]string, len(reasons))
		for i, r := range reasons {
			msgs[i] = components.ReasonLabel(r)
		}
		return h.dashboardError(c, http.StatusUnprocessableEntity, msgs)
	}
	if _, err := h.Store.Enroll(ctx, actor(c), acct.ID, camp.ID); err != nil {
		if errors.Is(err, models.ErrConflict) {
			return h.dashboardError(c, http.StatusConflict, []string{"你已经有一份审核中或已通过的报名"})
		}
		return err
	}
	return h.redirect(c, "/dashboard", "success", "报名已提交,请等待运营审核")
}

// Withdraw turns a pending application into withdrawn.
func (h *Handler) Withdraw(c echo.Context) error {
	ctx := c.Request().Context()
	acct := currentAccount(c)
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return err
	}
	if err := h.Store.Withdraw(ctx, actor(c), acct.ID, camp.ID); err != nil {
		if errors.Is(err, models.ErrInvalidState) {
			return h.dashboardError(c, http.StatusConflict, []string{"只有审核中的报名可以撤回"})
		}
		return err
	}
	return h.redirect(c, "/dashboard", "success", "报名已撤回,可以随时重新报名")
}

// dashboardError re-renders the dashboard with status and messages on the enrolment card.
func (h *Handler) dashboardError(c echo.Context, status int, msgs []string) error {
	d, err := h.dashboardData(c)
	if err != nil {
		return err
	}
	d.EnrollErrs = msgs
	return h.render(c, status, pages.Dashboard(h.page(c, "我的看板"), d))
}

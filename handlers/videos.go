package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/views/layout"
	"growthcard/views/pages"
)

// RegisterVideo records a product video within today's quota (SPEC rule 2): 422 for
// bad fields, 409 when the quota is used up.
func (h *Handler) RegisterVideo(c echo.Context) error {
	ctx := c.Request().Context()
	acct := currentAccount(c)
	form := models.VideoForm{Title: c.FormValue("title"), ProductName: c.FormValue("product_name"),
		VideoURL: c.FormValue("video_url")}
	v, errs := form.Validate()
	if len(errs) > 0 {
		return h.videoFormError(c, http.StatusUnprocessableEntity, form, errs)
	}
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return err
	}
	now := h.Now()
	v.AccountID, v.CampaignID, v.Day = acct.ID, camp.ID, models.Day(now)
	err = h.Store.RegisterVideo(ctx, &v, camp.Tiers.Limit(acct.Fans))
	if errors.Is(err, models.ErrQuotaExhausted) {
		return h.videoFormError(c, http.StatusConflict, form,
			models.FieldErrors{{Field: "title", Message: "今天的发布条数已用完,北京时间 0 点后重置"}})
	}
	if err != nil {
		return err
	}
	if isHTMX(c) {
		return h.dashboardNotice(c, layout.Flash{Kind: "success", Message: "视频已登记"})
	}
	return h.redirect(c, "/dashboard#register-video", "success", "视频已登记")
}

// dashboardNotice renders the dashboard with a message in place of a flash, for
// htmx requests, which swap parts of the page instead of following a redirect.
func (h *Handler) dashboardNotice(c echo.Context, flash layout.Flash) error {
	d, err := h.dashboardData(c)
	if err != nil {
		return err
	}
	p := h.page(c, "我的看板")
	p.Flash = flash
	return h.render(c, http.StatusOK, pages.Dashboard(p, d))
}

// videoFormError re-renders the dashboard with the video form's values and errors.
func (h *Handler) videoFormError(c echo.Context, status int, form models.VideoForm, errs models.FieldErrors) error {
	d, err := h.dashboardData(c)
	if err != nil {
		return err
	}
	d.VideoForm, d.VideoErrs = form, errs
	return h.render(c, status, pages.Dashboard(h.page(c, "我的看板"), d))
}

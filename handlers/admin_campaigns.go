package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/views/pages"
)

// AdminCampaigns lists every campaign, the running one marked.
func (h *Handler) AdminCampaigns(c echo.Context) error {
	cs, err := h.Store.Campaigns(c.Request().Context())
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, pages.AdminCampaigns(h.page(c, "活动设置"), pages.AdminCampaignsData{Campaigns: cs, Now: h.Now()}))
}

// EditCampaignForm shows a campaign's settings for editing.
func (h *Handler) EditCampaignForm(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	camp, err := h.Store.Campaign(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return h.campaignForm(c, http.StatusOK, pages.AdminCampaignFormData{Campaign: camp, Form: models.CampaignFormOf(camp)})
}

// UpdateCampaign saves a campaign's settings: 422 with field messages when invalid;
// a changed reward setting recomputes every approved account's points.
func (h *Handler) UpdateCampaign(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	before, err := h.Store.Campaign(ctx, id)
	if err != nil {
		return err
	}
	form := campaignFormOf(c)
	camp, errs := form.Parse(before)
	if len(errs) == 0 {
		var n int
		n, err = h.Store.UpdateCampaign(ctx, actor(c), camp)
		if !errors.As(err, &errs) && err != nil {
			return err
		}
		if err == nil {
			msg := "活动设置已保存"
			if models.RewardChanged(before, camp) {
				// Filled here, so translated here (the page's p.T takes whole messages).
				msg = h.localizer(c).Tf("活动设置已保存,已按新设置重新计算 %d 个已通过账号的成长卡", n)
			}
			return h.redirect(c, "/admin/campaigns", "success", msg)
		}
	}
	return h.campaignForm(c, http.StatusUnprocessableEntity, pages.AdminCampaignFormData{Campaign: before, Form: form, Errors: errs})
}

// NewCampaignForm proposes next year's edition of the running campaign.
func (h *Handler) NewCampaignForm(c echo.Context) error {
	running, err := h.Store.RunningCampaign(c.Request().Context())
	if err != nil {
		return err
	}
	return h.campaignForm(c, http.StatusOK, pages.AdminCampaignFormData{IsNew: true,
		Form: models.CampaignFormOf(models.NextEdition(running))})
}

// CreateCampaign creates a campaign; with "running" it becomes the running one and
// the previous one stops. 422 with field messages when invalid.
func (h *Handler) CreateCampaign(c echo.Context) error {
	form := campaignFormOf(c)
	camp, errs := form.Parse(models.Campaign{})
	if len(errs) == 0 {
		err := h.Store.NewCampaign(c.Request().Context(), actor(c), &camp)
		if !errors.As(err, &errs) && err != nil {
			return err
		}
		if err == nil {
			return h.redirect(c, "/admin/campaigns", "success", "活动已创建")
		}
	}
	return h.campaignForm(c, http.StatusUnprocessableEntity, pages.AdminCampaignFormData{IsNew: true, Form: form, Errors: errs})
}

// campaignFormOf reads the campaign form's fields.
func campaignFormOf(c echo.Context) models.CampaignForm {
	return models.CampaignForm{Slug: c.FormValue("slug"), Name: c.FormValue("name"),
		StartsAt: c.FormValue("starts_at"), EndsAt: c.FormValue("ends_at"),
		BaselineStart: c.FormValue("baseline_start"), BaselineEnd: c.FormValue("baseline_end"),
		MinFans: c.FormValue("min_fans"), RateBps: c.FormValue("rate_bps"), CapPoints: c.FormValue("cap_points"),
		Tiers: c.FormValue("tiers"), Running: c.FormValue("running") == "on"}
}

func (h *Handler) campaignForm(c echo.Context, status int, d pages.AdminCampaignFormData) error {
	title := "编辑活动"
	if d.IsNew {
		title = "新建活动"
	}
	return h.render(c, status, pages.AdminCampaignForm(h.page(c, title), d))
}

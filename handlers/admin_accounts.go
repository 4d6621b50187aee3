package handlers

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/views/pages"
)

// AdminAccounts lists every account, searchable by e-mail, name or channel.
func (h *Handler) AdminAccounts(c echo.Context) error {
	ctx := c.Request().Context()
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return err
	}
	f := models.ParseAccountFilter(c.QueryParams())
	rows, total, err := h.Store.ListAccounts(ctx, f, camp.ID)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, pages.AdminAccounts(h.page(c, "账号管理"),
		pages.AdminAccountsData{Filter: f, Rows: rows, Total: total}))
}

// AdminAccount shows one account: profile, enrolments, videos, orders, ledger and
// the points formula with its own numbers. An unknown id is 404.
func (h *Handler) AdminAccount(c echo.Context) error {
	d, err := h.accountData(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, pages.AdminAccount(h.page(c, d.D.Account.DisplayName), d))
}

// accountData loads the account page for the :id in the path.
func (h *Handler) accountData(c echo.Context) (pages.AdminAccountData, error) {
	ctx := c.Request().Context()
	id, err := pathID(c)
	if err != nil {
		return pages.AdminAccountData{}, err
	}
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return pages.AdminAccountData{}, err
	}
	detail, err := h.Store.AccountDetail(ctx, id, camp, models.ParsePage(c.QueryParam("orders_page")))
	if err != nil {
		return pages.AdminAccountData{}, err
	}
	now := h.Now()
	used, err := h.Store.VideosOnDay(ctx, id, models.Day(now))
	d := pages.AdminAccountData{D: detail, Ineligible: models.Eligibility(detail.Account, camp),
		Quota: models.TodayQuota(camp, detail.Account.Fans, used, now), FansValue: strconv.FormatInt(detail.Account.Fans, 10)}
	return d, err
}

// CorrectFans sets the declared fans of a creator or merchant (audited with before
// and after); quota and eligibility follow. 422 for a bad number, 404 for an unknown
// account or a manager.
func (h *Handler) CorrectFans(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	fans, msg := models.ParseFans(c.FormValue("fans"))
	note := c.FormValue("note")
	status := http.StatusUnprocessableEntity
	if msg == "" && len([]rune(note)) > 200 {
		msg = "说明不能超过 200 个字"
	}
	if msg == "" {
		err = h.Store.CorrectFans(c.Request().Context(), actor(c), id, fans, note)
		switch {
		case errors.Is(err, models.ErrConflict):
			msg, status = "粉丝数刚被其他人修改,请刷新后再试", http.StatusConflict
		case err != nil:
			return err
		}
	}
	if msg != "" {
		d, err := h.accountData(c)
		if err != nil {
			return err
		}
		d.FansValue, d.FansError = c.FormValue("fans"), msg
		return h.render(c, status, pages.AdminAccount(h.page(c, d.D.Account.DisplayName), d))
	}
	return h.redirect(c, pages.AccountURL(id), "success", "粉丝数已更正,发布额度和报名资格随之更新")
}

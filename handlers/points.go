package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"growthcard/views/pages"
)

// pointsPerPage is how many ledger entries the points page shows at a time.
const pointsPerPage = 30

// Points shows the creator's balance, the formula with their own numbers, progress
// to the next 100 points and to the cap, and their ledger, 30 entries a page.
func (h *Handler) Points(c echo.Context) error {
	ctx := c.Request().Context()
	acct := currentAccount(c)
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return err
	}
	d := pages.PointsData{Campaign: camp, PerPage: pointsPerPage}
	if d.Page, _ = strconv.Atoi(c.QueryParam("page")); d.Page < 1 {
		d.Page = 1
	}
	if d.Enrollment, err = h.Store.LatestEnrollment(ctx, acct.ID, camp.ID); err != nil {
		return err
	}
	if d.Entitlement, err = h.Store.Entitlement(ctx, acct.Channel(), camp); err != nil {
		return err
	}
	bal, err := h.Store.Balance(ctx, acct.ID, camp.ID)
	if err != nil {
		return err
	}
	d.Balance = pages.Balance{Earned: bal.Earned, Spent: bal.Spent, Balance: bal.Balance, Cap: camp.CapPoints}
	if d.Entries, d.Total, err = h.Store.Ledger(ctx, acct.ID, camp.ID, d.Page, pointsPerPage); err != nil {
		return err
	}
	if d.Page > d.Pages() { // past the end: show the last page
		d.Page = d.Pages()
		if d.Entries, d.Total, err = h.Store.Ledger(ctx, acct.ID, camp.ID, d.Page, pointsPerPage); err != nil {
			return err
		}
	}
	return h.render(c, http.StatusOK, pages.Points(h.page(c, "我的成长卡"), d))
}

package pages

import (
	"net/url"
	"strconv"

	"growthcard/models"
)

// AdminAccountsData is the accounts list's view model.
type AdminAccountsData struct {
	Filter models.AccountFilter
	Rows   []models.AccountListRow
	Total  int64
}

// Pages is the number of pages of results.
func (d AdminAccountsData) Pages() int { return models.Pages(d.Total, d.Filter.PerPage) }

// PageURL is the list URL for page n with the current search.
func (d AdminAccountsData) PageURL(n int) string {
	q := url.Values{}
	if d.Filter.Query != "" {
		q.Set("q", d.Filter.Query)
	}
	if d.Filter.Role != "" {
		q.Set("role", d.Filter.Role)
	}
	return queueURL("/admin/accounts", q, n)
}

// AdminAccountData is the manager's page of one account.
type AdminAccountData struct {
	D          models.AccountDetail
	Ineligible []string
	Quota      models.Quota
	FansValue  string
	FansError  string
}

// Status is the account's latest enrolment status in the running campaign.
func (d AdminAccountData) Status() string {
	for _, e := range d.D.Enrollments {
		if e.CampaignID == d.D.Campaign.ID {
			return e.Status
		}
	}
	return models.EnrollNone
}

// CampaignName names a campaign of the enrolment history ("" for the running one).
func (d AdminAccountData) CampaignName(id int64) string {
	if id == d.D.Campaign.ID {
		return ""
	}
	return "#" + strconv.FormatInt(id, 10)
}

// Decider is the e-mail of the manager who decided e, or "".
func (d AdminAccountData) Decider(e models.Enrollment) string {
	if e.DecidedBy == nil {
		return ""
	}
	return d.D.Deciders[*e.DecidedBy]
}

// OrdersPages is the number of pages of the channel's orders.
func (d AdminAccountData) OrdersPages() int {
	return models.Pages(d.D.OrdersTotal, models.AccountOrdersPerPage)
}

// OrdersPageURL is the account page showing page n of the orders.
func (d AdminAccountData) OrdersPageURL(n int) string {
	u := AccountURL(d.D.Account.ID)
	if n > 1 {
		u += "?orders_page=" + strconv.Itoa(n)
	}
	return u + "#orders"
}

// Earns reports whether the account's points are being credited: it is approved.
func (d AdminAccountData) Earns() bool { return d.Status() == models.EnrollApproved }

// CampaignDays and BaselineDays are the period lengths the formula divides by.
func (d AdminAccountData) CampaignDays() int64 { return d.D.Campaign.Days() }

// BaselineDays is the length of the baseline period in days.
func (d AdminAccountData) BaselineDays() int64 { return d.D.Campaign.BaselineDays() }

// DeltaClass colours a ledger delta.
func DeltaClass(p models.Points) string {
	if p < 0 {
		return "num delta-neg"
	}
	return "num delta-pos"
}

// SignedPoints writes a ledger delta with its sign, "+12.34" or "-5.00".
func SignedPoints(p models.Points) string {
	if p > 0 {
		return "+" + p.Display()
	}
	return p.Display()
}

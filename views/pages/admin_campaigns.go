package pages

import (
	"strconv"
	"time"

	"growthcard/models"
	"growthcard/views/layout"
)

// AdminCampaignsData is the campaigns list's view model.
type AdminCampaignsData struct {
	Campaigns []models.Campaign
	Now       time.Time
}

// AdminCampaignFormData is the campaign form's view model, for a new campaign or an
// existing one.
type AdminCampaignFormData struct {
	Campaign models.Campaign // the campaign being edited; zero when new
	Form     models.CampaignForm
	Errors   models.FieldErrors
	IsNew    bool
}

// Action is where the form posts.
func (d AdminCampaignFormData) Action() string {
	if d.IsNew {
		return "/admin/campaigns/new"
	}
	return CampaignURL(d.Campaign.ID)
}

// Messages lists every error message for the summary at the top, in the page's
// language.
func (d AdminCampaignFormData) Messages(p layout.Page) []string {
	out := make([]string, len(d.Errors))
	for i, e := range d.Errors {
		out[i] = FieldText(p, e)
	}
	return out
}

// FieldText is a field error in the page's language, filled in; "" for none.
func FieldText(p layout.Page, e models.FieldError) string {
	switch {
	case e.Message == "":
		return ""
	case len(e.Args) == 0:
		return p.T(e.Message)
	}
	return p.Tf(e.Message, e.Args...)
}

// CampaignURL is the edit page of a campaign.
func CampaignURL(id int64) string { return "/admin/campaigns/" + strconv.FormatInt(id, 10) }

// TiersText describes tiers for a table cell, "0+: 1 · 1,000+: 2 · …".
func TiersText(t models.Tiers) string {
	s := ""
	for i, tier := range t {
		if i > 0 {
			s += " · "
		}
		s += groupInt(tier.MinFans) + "+ → " + strconv.Itoa(tier.PerDay)
	}
	return s
}

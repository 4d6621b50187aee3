package pages

import (
	"strconv"
	"time"

	"growthcard/models"
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

// Messages lists every error message for the summary at the top.
func (d AdminCampaignFormData) Messages() []string {
	out := make([]string, len(d.Errors))
	for i, e := range d.Errors {
		out[i] = e.Message
	}
	return out
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

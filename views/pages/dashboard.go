package pages

import (
	"time"

	"growthcard/models"
)

// DashboardData is the creator's home: enrolment, today's quota, videos, points.
type DashboardData struct {
	Campaign   models.Campaign
	Phase      string
	DaysLeft   int64
	Account    models.Account
	Enrollment *models.Enrollment
	Ineligible []string
	Quota      models.Quota
	Videos     []models.Video
	Balance    Balance
	VideoForm  models.VideoForm
	VideoErrs  models.FieldErrors
	EnrollErrs []string
	HeatError  string // why a heat order was refused, shown above the videos
}

// Balance is an account's points in one campaign.
type Balance struct {
	Earned  models.Points
	Spent   models.Points
	Balance models.Points
	Cap     models.Points
}

// Status is the enrolment status to show, "none" when there is no application.
func (d DashboardData) Status() string {
	if d.Enrollment == nil {
		return models.EnrollNone
	}
	return d.Enrollment.Status
}

// CanEnroll reports whether the enrol button should be offered.
func (d DashboardData) CanEnroll() bool {
	return models.CanEnroll(d.Enrollment) && d.Phase == "running"
}

// UntilReset is the time left until the quota resets at Beijing midnight.
func (d DashboardData) UntilReset(now time.Time) time.Duration { return d.Quota.ResetsAt.Sub(now) }

// Dots returns one bool per allowed video today: true when used.
func (d DashboardData) Dots() []bool {
	dots := make([]bool, d.Quota.Limit)
	for i := range dots {
		dots[i] = i < d.Quota.Used
	}
	return dots
}

// Today reports whether a video was registered today.
func (d DashboardData) Today(v models.Video) bool { return v.Day == d.Quota.Day }

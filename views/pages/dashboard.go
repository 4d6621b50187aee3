package pages

import (
	"strconv"
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
	VideoPage  int   // page of the video list shown, from 1
	VideoTotal int64 // videos that are not deleted
	VideoForm  models.VideoForm
	VideoErrs  models.FieldErrors
	EnrollErrs []string
	HeatError  string // why a heat order was refused, shown beside the form that sent it
	HeatVideo  int64  // the video whose heat form HeatError and HeatPoints belong to
	HeatPoints string // what was typed into that form, kept when it is refused
}

// Balance is an account's points in one campaign.
type Balance struct {
	Earned  models.Points
	Spent   models.Points
	Balance models.Points
	Cap     models.Points
	// Waiting is what the orders already known would earn once the enrolment is
	// approved (0 when approved: then it is in Earned).
	Waiting models.Points
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

// HeatFailed reports whether the heat order refused was for video v.
func (d DashboardData) HeatFailed(v models.Video) bool {
	return d.HeatError != "" && d.HeatVideo == v.ID
}

// HeatPlaced reports whether the refused heat order's video is in the list, so its
// reason shows beside that video's form rather than above the list.
func (d DashboardData) HeatPlaced() bool {
	for _, v := range d.Videos {
		if d.HeatFailed(v) {
			return true
		}
	}
	return false
}

// Today reports whether a video was registered today.
func (d DashboardData) Today(v models.Video) bool { return v.Day == d.Quota.Day }

// VideosPerPage is how many videos the dashboard lists at a time.
const VideosPerPage = 10

// VideoPages is the number of pages of the video list.
func (d DashboardData) VideoPages() int {
	return max(1, int((d.VideoTotal+VideosPerPage-1)/VideosPerPage))
}

// VideoPageURL is the dashboard showing page n of the video list.
func VideoPageURL(n int) string {
	if n <= 1 {
		return "/dashboard#videos"
	}
	return "/dashboard?page=" + strconv.Itoa(n) + "#videos"
}

// HeatURL is where a video's heat form posts; it carries the list's page, so that
// the answer (the redirect, or the page htmx swaps in) shows the same page.
func (d DashboardData) HeatURL(videoID string) string {
	if d.VideoPage > 1 {
		return "/videos/" + videoID + "/heat?page=" + strconv.Itoa(d.VideoPage)
	}
	return "/videos/" + videoID + "/heat"
}

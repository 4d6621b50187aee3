package pages

import (
	"net/url"
	"strconv"

	"growthcard/models"
)

// AdminEnrollmentsData is the review queue's view model.
type AdminEnrollmentsData struct {
	Campaign models.Campaign
	Status   string
	Query    string
	Rows     []models.EnrollmentRow
	Total    int64
	Page     int
	PerPage  int
	Counts   map[string]int64
	Errors   []string
}

// Pages is the number of pages of results.
func (d AdminEnrollmentsData) Pages() int {
	if d.PerPage <= 0 {
		return 1
	}
	n := int((d.Total + int64(d.PerPage) - 1) / int64(d.PerPage))
	if n < 1 {
		n = 1
	}
	return n
}

// PageURL is the queue URL for page n with the current filters.
func (d AdminEnrollmentsData) PageURL(n int) string {
	q := url.Values{}
	if d.Status != "" {
		q.Set("status", d.Status)
	}
	if d.Query != "" {
		q.Set("q", d.Query)
	}
	q.Set("page", strconv.Itoa(n))
	return "/admin/enrollments?" + q.Encode()
}

// StatusURL is the queue URL filtered to one status.
func (d AdminEnrollmentsData) StatusURL(status string) string {
	if status == "" {
		return "/admin/enrollments"
	}
	return "/admin/enrollments?status=" + status
}

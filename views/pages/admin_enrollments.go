package pages

import (
	"net/url"
	"strconv"

	"growthcard/models"
)

// AdminEnrollmentsData is the review queue's view model.
type AdminEnrollmentsData struct {
	Campaign models.Campaign
	Filter   models.EnrollmentFilter
	Rows     []models.QueueRow
	Total    int64
	Counts   map[string]int64
	Errors   []string
}

// Pages is the number of pages of results.
func (d AdminEnrollmentsData) Pages() int { return models.Pages(d.Total, d.Filter.PerPage) }

// url builds a queue URL from filter values and a page (1 is left out).
func queueURL(path string, q url.Values, page int) string {
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// PageURL is the queue URL for page n with the current filters.
func (d AdminEnrollmentsData) PageURL(n int) string {
	return queueURL("/admin/enrollments", d.Filter.Values(), n)
}

// StatusURL is the queue URL with the current filters and another status.
func (d AdminEnrollmentsData) StatusURL(status string) string {
	f := d.Filter
	f.Status = status
	return queueURL("/admin/enrollments", f.Values(), 1)
}

// ResetURL is the queue with only the current status.
func (d AdminEnrollmentsData) ResetURL() string {
	q := url.Values{}
	if d.Filter.Status != "" {
		q.Set("status", d.Filter.Status)
	}
	return queueURL("/admin/enrollments", q, 1)
}

// ExportURL is the export of the current filters as csv or xlsx.
func (d AdminEnrollmentsData) ExportURL(ext string) string {
	return queueURL("/admin/enrollments/export."+ext, d.Filter.Values(), 1)
}

// ActionURL is a decision route that keeps the current filters and page, so that the
// answer comes back to the same view.
func (d AdminEnrollmentsData) ActionURL(path string) string {
	return queueURL(path, d.Filter.Values(), d.Filter.Page)
}

// DecideURL is the approve or reject route of one enrolment.
func (d AdminEnrollmentsData) DecideURL(id int64, verb string) string {
	return d.ActionURL("/admin/enrollments/" + strconv.FormatInt(id, 10) + "/" + verb)
}

// HasPending reports whether any row on the page can still be decided.
func (d AdminEnrollmentsData) HasPending() bool {
	for _, r := range d.Rows {
		if r.Status == models.EnrollPending {
			return true
		}
	}
	return false
}

// FansValue writes an optional fans bound for an input.
func FansValue(n *int64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatInt(*n, 10)
}

// AccountURL is the manager's page of an account.
func AccountURL(id int64) string { return "/admin/accounts/" + strconv.FormatInt(id, 10) }

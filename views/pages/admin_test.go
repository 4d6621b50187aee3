package pages

import (
	"testing"
	"time"

	"growthcard/models"
	"growthcard/views/layout"
)

func TestChangesPairsBeforeAndAfter(t *testing.T) {
	r := models.AuditRecord{Before: `{"rate_bps":150,"name":"首期","fans":1000000000000}`,
		After: `{"rate_bps":300,"name":"首期","fans":1000000000000,"running":true}`}
	got := Changes(r)
	if len(got) != 2 || got[0] != (Change{"rate_bps", "150", "300"}) || got[1] != (Change{"running", "", "true"}) {
		t.Errorf("changes %+v", got)
	}
	apply := Changes(models.AuditRecord{After: `{"ID":3,"Status":"pending","Note":"","DecidedAt":null,"AccountID":9}`})
	if len(apply) != 2 || apply[0].Field != "AccountID" || apply[1] != (Change{"Status", "", "pending"}) {
		t.Errorf("apply %+v", apply)
	}
	if got := Changes(models.AuditRecord{After: "not json"}); len(got) != 1 || got[0].After != "not json" {
		t.Errorf("raw %+v", got)
	}
}

func TestPeriodText(t *testing.T) {
	c := models.DefaultCampaign()
	p := layout.Page{Now: c.StartsAt}
	if got := PeriodText(p, c.StartsAt, c.EndsAt); got != "2025年11月22日 – 2025年12月31日" {
		t.Errorf("period %q", got)
	}
	if got := PeriodText(p, c.StartsAt.Add(9*time.Hour), c.EndsAt); got != "11月22日 09:00 – 2026年1月1日 00:00" {
		t.Errorf("period with times %q", got)
	}
}

func TestQueueURLsKeepTheFilters(t *testing.T) {
	min := int64(1000)
	d := AdminEnrollmentsData{Filter: models.EnrollmentFilter{Status: "pending", Role: "merchant", FansMin: &min,
		Sort: models.SortFansDesc, Page: 3, PerPage: 50}, Total: 401}
	if got := d.PageURL(4); got != "/admin/enrollments?fans_min=1000&page=4&role=merchant&sort=-fans&status=pending" {
		t.Errorf("page URL %q", got)
	}
	if got := d.DecideURL(7, "approve"); got != "/admin/enrollments/7/approve?fans_min=1000&page=3&role=merchant&sort=-fans&status=pending" {
		t.Errorf("decide URL %q", got)
	}
	if got := d.ExportURL("xlsx"); got != "/admin/enrollments/export.xlsx?fans_min=1000&role=merchant&sort=-fans&status=pending" {
		t.Errorf("export URL %q", got)
	}
	if got := d.StatusURL(""); got != "/admin/enrollments?fans_min=1000&role=merchant&sort=-fans" {
		t.Errorf("status URL %q", got)
	}
	if d.Pages() != 9 || d.ResetURL() != "/admin/enrollments?status=pending" {
		t.Errorf("pages %d reset %q", d.Pages(), d.ResetURL())
	}
}

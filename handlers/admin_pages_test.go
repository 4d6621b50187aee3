package handlers_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"growthcard/models"
)

func TestOverviewChartsAndTables(t *testing.T) {
	env := admSetup(t)
	env.admManager("boss@example.com")
	seller := env.admCreator("seller@example.com", 12000)
	e := env.admEnroll(seller)
	env.admEnroll(env.admCreator("waiting@example.com", 2000))
	env.admSettle("o1", "seller", 1234, time.Date(2025, 11, 25, 12, 0, 0, 0, models.Beijing))
	boss := env.admLogin("boss@example.com")
	admStatus(t, "approve", boss.admPost("/admin", "/admin/enrollments/"+admID(e.ID)+"/approve", nil), http.StatusSeeOther)

	res, doc := boss.admGet("/admin")
	admStatus(t, "overview", res, http.StatusOK)
	for _, id := range []string{"status", "newcomers", "money", "videos"} {
		chart := doc.Find(`[data-testid="chart-` + id + `"]`)
		var opt map[string]any
		if err := json.Unmarshal([]byte(chart.Find("[data-chart]").AttrOr("data-chart", "")), &opt); err != nil {
			t.Errorf("chart %s: option is not JSON: %v", id, err)
		}
		if chart.Find(`details.chart-table table tbody tr`).Length() == 0 {
			t.Errorf("chart %s has no table", id)
		}
	}
	money := doc.Find(`[data-testid="chart-table-money"] tbody tr`)
	// GMV counts on its settlement day; the points on the day the ledger credited them (at approval).
	if money.Length() != 19 || !strings.Contains(money.Eq(3).Text(), "¥1,234.00") || !strings.Contains(money.Eq(18).Text(), "18.51") {
		t.Errorf("money rows of Nov 25 %q and Dec 10 %q", money.Eq(3).Text(), money.Eq(18).Text())
	}
	if !strings.Contains(doc.Find(`[data-testid="kpi-pending"]`).Text(), "1") ||
		!strings.Contains(doc.Find(`[data-testid="kpi-gmv"]`).Text(), "¥1,234.00") {
		t.Error("KPIs wrong")
	}
	if doc.Find(`[data-testid="top-row"]`).Length() != 1 {
		t.Error("top creators missing")
	}
	if doc.Find(`script[src*="vendor/echarts/echarts.min.js"]`).Length() != 1 {
		t.Error("ECharts not loaded on the overview")
	}
	if doc.Find(`script:not([src])`).Length() != 0 {
		t.Error("an inline script: the CSP forbids it")
	}
	_, doc = boss.admGet("/admin/enrollments")
	if doc.Find(`script[src*="echarts"]`).Length() != 0 {
		t.Error("ECharts loaded outside the overview")
	}
}

func TestAccountPageAndFansCorrection(t *testing.T) {
	env := admSetup(t)
	env.admManager("boss@example.com")
	a := env.admCreator("fans@example.com", 52000)
	env.admEnroll(a)
	env.admSettle("o1", "fans", 500, time.Date(2025, 11, 25, 12, 0, 0, 0, models.Beijing))
	boss := env.admLogin("boss@example.com")
	path := "/admin/accounts/" + admID(a.ID)
	res, doc := boss.admGet(path)
	admStatus(t, "account", res, http.StatusOK)
	if doc.Find(`[data-testid="order-row"]`).Length() != 1 || doc.Find(`[data-testid="enrollment"]`).Length() != 1 {
		t.Error("orders or enrolments missing")
	}
	if got := strings.TrimSpace(doc.Find(`[data-testid="f-campaign"]`).Text()); got != "¥500.00" {
		t.Errorf("formula campaign GMV %q", got)
	}
	if !strings.Contains(doc.Find(`[data-testid="quota"]`).Text(), "每日 5 条") {
		t.Errorf("quota %q", doc.Find(`[data-testid="quota"]`).Text())
	}
	for _, bad := range []string{"", "-1", "many", "2000000000"} {
		res, doc := boss.admPostDoc(path, path+"/fans", url.Values{"fans": {bad}})
		admStatus(t, "fans "+bad, res, http.StatusUnprocessableEntity)
		if doc.Find(`[data-testid="error-fans"]`).Length() != 1 {
			t.Errorf("fans %q: no message", bad)
		}
	}
	res = boss.admPost(path, path+"/fans", url.Values{"fans": {"800"}, "note": {"后台核对"}})
	admStatus(t, "correct fans", res, http.StatusSeeOther)
	_, doc = boss.admGet(path)
	if got := doc.Find(`[data-testid="fans"]`).Text(); got != "800" {
		t.Errorf("fans now %q", got)
	}
	// Quota and eligibility follow from the corrected fans.
	if !strings.Contains(doc.Find(`[data-testid="quota"]`).Text(), "每日 1 条") ||
		!strings.Contains(doc.Find(`[data-testid="eligibility"]`).Text(), "有效粉丝数不足") {
		t.Errorf("quota %q eligibility %q", doc.Find(`[data-testid="quota"]`).Text(), doc.Find(`[data-testid="eligibility"]`).Text())
	}
	audit := env.admAudit("account.fans_correct")
	if len(audit) != 1 || audit[0].Before != `{"fans":52000}` || !strings.Contains(audit[0].After, `"fans":800`) {
		t.Errorf("audit %+v", audit)
	}
	_, doc = boss.admGet("/admin/accounts?q=FANS")
	if doc.Find(`[data-testid="account-row"]`).Length() != 1 {
		t.Error("account search")
	}
}

func TestAuditLogRecordsAndFilters(t *testing.T) {
	env := admSetup(t)
	env.admManager("boss@example.com")
	e := env.admEnroll(env.admCreator("a@example.com", 3000))
	bad := env.admVisitor()
	res := bad.admPost("/login", "/login", url.Values{"email": {"boss@example.com"}, "password": {"wrong-password"}})
	admStatus(t, "failed log-in", res, http.StatusUnauthorized)
	boss := env.admLogin("boss@example.com")
	admStatus(t, "approve", boss.admPost("/admin", "/admin/enrollments/"+admID(e.ID)+"/approve", nil), http.StatusSeeOther)
	boss.admBody("/admin/points/export.csv")

	actions := func(path string) []string {
		t.Helper()
		res, doc := boss.admGet(path)
		admStatus(t, path, res, http.StatusOK)
		var out []string
		doc.Find(`[data-testid="audit-row"]`).Each(func(_ int, s *goquery.Selection) {
			out = append(out, s.AttrOr("data-action", ""))
		})
		return out
	}
	all := strings.Join(actions("/admin/audit"), ",")
	for _, want := range []string{"export.points", "enrollment.approve", "login.success", "login.failed", "enrollment.apply"} {
		if !strings.Contains(all, want) {
			t.Errorf("%s missing from %s", want, all)
		}
	}
	if got := actions("/admin/audit?action=login.failed"); len(got) != 1 {
		t.Errorf("failed log-ins %v", got)
	}
	if got := actions("/admin/audit?actor=BOSS@"); len(got) != 3 {
		t.Errorf("boss did %v", got)
	}
	if got := actions("/admin/audit?target=enrollment:" + admID(e.ID)); strings.Join(got, ",") != "enrollment.approve,enrollment.apply" {
		t.Errorf("enrolment trail %v", got)
	}
	if got := actions("/admin/audit?from=2025-12-11"); len(got) != 0 {
		t.Errorf("tomorrow %v", got)
	}
	if got := actions("/admin/audit?from=2025-12-10&to=2025-12-10"); len(got) != len(strings.Split(all, ",")) {
		t.Errorf("today %v", got)
	}
}

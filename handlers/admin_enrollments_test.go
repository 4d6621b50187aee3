package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"growthcard/models"
)

func TestBulkApproveIsAllOrNothing(t *testing.T) {
	env := admSetup(t)
	env.admManager("boss@example.com")
	a := env.admEnroll(env.admCreator("a@example.com", 3000))
	b := env.admEnroll(env.admCreator("b@example.com", 3000))
	c := env.admEnroll(env.admCreator("c@example.com", 3000))
	boss := env.admLogin("boss@example.com")
	res := boss.admPost("/admin", "/admin/enrollments/"+admID(c.ID)+"/approve", nil)
	admStatus(t, "approve c", res, http.StatusSeeOther)

	// c is no longer pending: the batch a, b, c changes nothing.
	res, doc := boss.admPostDoc("/admin/enrollments", "/admin/enrollments/bulk-approve?status=pending",
		url.Values{"ids": {admID(a.ID), admID(b.ID), admID(c.ID)}})
	admStatus(t, "bulk with a decided one", res, http.StatusConflict)
	if doc.Find(`[data-testid="form-errors"]`).Length() != 1 {
		t.Error("no error message on the 409 page")
	}
	for _, e := range []models.Enrollment{a, b} {
		if s := env.admEnrollmentStatus(e.ID); s != models.EnrollPending {
			t.Errorf("enrolment %d is %s after a refused batch", e.ID, s)
		}
	}
	// An unknown id refuses the batch too.
	res = boss.admPost("/admin/enrollments", "/admin/enrollments/bulk-approve", url.Values{"ids": {admID(a.ID), "424242"}})
	admStatus(t, "bulk with an unknown id", res, http.StatusConflict)
	res = boss.admPost("/admin/enrollments", "/admin/enrollments/bulk-approve", url.Values{"ids": {admID(a.ID), "x"}})
	admStatus(t, "bulk with a malformed id", res, http.StatusUnprocessableEntity)
	res = boss.admPost("/admin/enrollments", "/admin/enrollments/bulk-approve", nil)
	admStatus(t, "bulk with nothing selected", res, http.StatusUnprocessableEntity)
	if s := env.admEnrollmentStatus(a.ID); s != models.EnrollPending {
		t.Fatalf("a is %s", s)
	}

	res = boss.admPost("/admin/enrollments", "/admin/enrollments/bulk-approve?status=pending&sort=-fans&page=2",
		url.Values{"ids": {admID(a.ID), admID(b.ID), admID(a.ID)}})
	admStatus(t, "bulk approve", res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/admin/enrollments?page=2&sort=-fans&status=pending" {
		t.Errorf("back to %q; want the same filters and page", loc)
	}
	for _, e := range []models.Enrollment{a, b} {
		if s := env.admEnrollmentStatus(e.ID); s != models.EnrollApproved {
			t.Errorf("enrolment %d is %s", e.ID, s)
		}
	}
	if n := len(env.admAudit("enrollment.approve")); n != 3 {
		t.Errorf("%d approve entries in the audit log; want 3", n)
	}
}

func TestRejectNeedsAValidReasonAndShowsTheNote(t *testing.T) {
	env := admSetup(t)
	env.admManager("boss@example.com")
	applicant := env.admCreator("a@example.com", 3000)
	a := env.admEnroll(applicant)
	b := env.admEnroll(env.admCreator("b@example.com", 3000))
	boss := env.admLogin("boss@example.com")
	for _, form := range []url.Values{{}, {"reason": {"because"}}, {"reason": {"other"}, "note": {strings.Repeat("长", 501)}}} {
		res, doc := boss.admPostDoc("/admin/enrollments", "/admin/enrollments/"+admID(a.ID)+"/reject", form)
		admStatus(t, "reject "+form.Encode()[:min(30, len(form.Encode()))], res, http.StatusUnprocessableEntity)
		if doc.Find(`[data-testid="form-errors"]`).Length() != 1 {
			t.Error("422 without a message")
		}
	}
	res := boss.admPost("/admin/enrollments", "/admin/enrollments/bulk-reject", url.Values{"ids": {admID(a.ID), admID(b.ID)}})
	admStatus(t, "bulk reject without a reason", res, http.StatusUnprocessableEntity)
	if env.admEnrollmentStatus(a.ID) != models.EnrollPending {
		t.Fatal("rejected without a reason")
	}
	res = boss.admPost("/admin/enrollments", "/admin/enrollments/bulk-reject",
		url.Values{"ids": {admID(a.ID), admID(b.ID)}, "reason": {"fans_mismatch"}, "note": {"请按后台粉丝数重新报名"}})
	admStatus(t, "bulk reject", res, http.StatusSeeOther)
	e, _ := env.st.Enrollment(t.Context(), a.ID)
	if e.Status != models.EnrollRejected || e.Reason != "fans_mismatch" || e.Note != "请按后台粉丝数重新报名" {
		t.Errorf("enrolment %+v", e)
	}
	// The applicant sees the reason and the note on the dashboard.
	_, doc := env.admLogin("a@example.com").admGet("/dashboard")
	if text := doc.Text(); !strings.Contains(text, "请按后台粉丝数重新报名") {
		t.Error("the applicant does not see the note")
	}
	// The queue shows the decision, and the account page the history.
	boss = env.admLogin("boss@example.com")
	_, doc = boss.admGet("/admin/enrollments?status=rejected")
	if doc.Find(`[data-testid="queue-row"][data-status="rejected"]`).Length() != 2 {
		t.Error("rejected rows missing")
	}
	_, doc = boss.admGet("/admin/accounts/" + admID(applicant.ID))
	hist := doc.Find(`[data-testid="enrollment-history"]`).Text()
	if !strings.Contains(hist, "boss@example.com") || !strings.Contains(hist, "请按后台粉丝数重新报名") {
		t.Errorf("history: %s", hist)
	}
	if n := len(env.admAudit("enrollment.reject")); n != 2 {
		t.Errorf("%d reject entries; want 2", n)
	}
}

func TestQueueFiltersSortingAndRiskHints(t *testing.T) {
	env := admSetup(t)
	env.admManager("boss@example.com")
	near := env.admCreator("near@example.com", 1010)
	vet := env.admCreator("vet@example.com", 80000)
	shop := env.admCreator("shop@example.com", 200, func(a *models.Account) { a.Role, a.SelfOperated = models.RoleMerchant, true })
	twin := env.admCreator("twin@example.com", 5000, func(a *models.Account) { ch := "VET"; a.ChannelID = &ch })
	env.admSettle("b1", "vet", 500, time.Date(2025, 9, 9, 12, 0, 0, 0, models.Beijing))
	for _, a := range []models.Account{near, vet, shop, twin} {
		env.admEnroll(a)
	}
	boss := env.admLogin("boss@example.com")
	rows := func(path string) []string {
		t.Helper()
		res, doc := boss.admGet(path)
		admStatus(t, path, res, http.StatusOK)
		var out []string
		doc.Find(`[data-testid="queue-row"]`).Each(func(_ int, s *goquery.Selection) {
			out = append(out, strings.TrimSpace(s.Find("td").Eq(2).Find(".mono").Text()))
		})
		return out
	}
	check := func(path, want string) {
		t.Helper()
		if got := strings.Join(rows(path), ","); got != want {
			t.Errorf("%s → %s; want %s", path, got, want)
		}
	}
	check("/admin/enrollments?status=pending", "near,vet,shop,VET")
	check("/admin/enrollments?status=pending&sort=-fans", "vet,VET,near,shop")
	check("/admin/enrollments?status=pending&newcomer=no", "vet")
	check("/admin/enrollments?status=pending&role=merchant", "shop")
	check("/admin/enrollments?self_operated=yes", "shop")
	check("/admin/enrollments?fans_min=1000&fans_max=6000&sort=fans", "near,VET")
	check("/admin/enrollments?q=TWIN%40", "VET")
	check("/admin/enrollments?status=approved", "")

	_, doc := boss.admGet("/admin/enrollments?status=pending")
	risks := map[string][]string{}
	doc.Find(`[data-testid="queue-row"]`).Each(func(_ int, s *goquery.Selection) {
		ch := strings.TrimSpace(s.Find("td").Eq(2).Find(".mono").Text())
		s.Find(`[data-testid="risk"]`).Each(func(_ int, r *goquery.Selection) {
			risks[ch] = append(risks[ch], r.AttrOr("data-risk", ""))
		})
	})
	if strings.Join(risks["near"], "+") != "near_threshold" || strings.Join(risks["VET"], "+") != "channel_reused" ||
		strings.Join(risks["vet"], "+") != "channel_reused" || len(risks["shop"]) != 0 {
		t.Errorf("risks %v", risks)
	}
	if doc.Find(`[data-testid="bulk-form"] input[data-select-all="ids"]`).Length() != 1 ||
		doc.Find(`input[name="ids"][form="bulk"]`).Length() != 4 {
		t.Error("bulk selection missing")
	}
	if href, _ := doc.Find(`[data-testid="export-csv"]`).Attr("href"); href != "/admin/enrollments/export.csv?status=pending" {
		t.Errorf("export link %q does not keep the filters", href)
	}
}

func TestQueuePagination(t *testing.T) {
	env := admSetup(t)
	env.admManager("boss@example.com")
	for i := range 55 {
		env.admEnroll(env.admCreator("c"+admID(int64(i))+"@example.com", 2000))
	}
	boss := env.admLogin("boss@example.com")
	_, doc := boss.admGet("/admin/enrollments?status=pending&page=2")
	if n := doc.Find(`[data-testid="queue-row"]`).Length(); n != 5 {
		t.Errorf("page 2 has %d rows; want 5", n)
	}
	if cur := doc.Find(`[data-testid="pagination"] [aria-current="page"]`).Text(); cur != "2" {
		t.Errorf("current page %q", cur)
	}
	if !strings.Contains(doc.Find(`[data-testid="result-count"]`).Text(), "55") {
		t.Error("total missing")
	}
}

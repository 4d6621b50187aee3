package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"growthcard/models"
)

const goodCSV = "\uFEFFsettled_at,order_id,channel_id,video_id,source,amount,status\n" +
	"2025-12-01 10:00:00,o1,ch1,v1,short_video,100000.00,settled\n" +
	"2025-12-02T10:00:00+08:00,o2,ch1,v1,short_video,100000.00,settled\n" +
	"2025-12-02 11:00:00,o3,ch1,,live,999.00,settled\n" +
	"2025-12-03 10:00:00,o2,ch1,v1,short_video,,cancelled\n"

func TestImportBadFileListsEveryRowAndAppliesNothing(t *testing.T) {
	e := newPtEnv(t)
	m := e.manager()
	bad := "order_id,channel_id,video_id,source,amount,status,settled_at\n" +
		"o1,ch1,,short_video,199.00,settled,2025-12-01 10:00:00\n" +
		"o2,ch1,,tv,abc,settled,2025-12-01 10:00:00\n" +
		"o3,,,short_video,1.00,settled,2025-12-01 10:00:00\n" +
		"o4,ch1,,short_video,1.00,settled\n" +
		"o5,ch1,,short_video,1.00,paid,2025-13-01 10:00:00\n"
	res := m.upload("/admin/orders/import", "bad.csv", bad)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.StatusCode)
	}
	for _, want := range []string{`data-line="3" data-column="source"`, `data-line="3" data-column="amount"`,
		`data-line="4" data-column="channel_id"`, `data-line="5" data-column=""`, `data-line="6" data-column="status"`,
		`data-line="6" data-column="settled_at"`, "没有导入任何数据", "errors.csv"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Count(res.body, `data-testid="import-error"`) != 6 {
		t.Errorf("%d rows listed", strings.Count(res.body, `data-testid="import-error"`))
	}
	ent, _ := e.st.Entitlement(t.Context(), "ch1", e.camp)
	if ent.Campaign != 0 {
		t.Fatalf("something was applied: %+v", ent)
	}
	jobs, _ := e.st.ImportJobs(t.Context(), 5)
	if len(jobs) != 1 || jobs[0].Status != models.ImportInvalid {
		t.Fatalf("jobs %+v", jobs)
	}
	dl := m.get("/admin/orders/import/" + itoa(jobs[0].ID) + "/errors.csv")
	if dl.StatusCode != http.StatusOK || !strings.HasPrefix(dl.body, "\uFEFFline,column,reason\n") ||
		!strings.Contains(dl.body, "3,amount,") {
		t.Fatalf("download %d %q", dl.StatusCode, dl.body)
	}
	if res := m.upload("/admin/orders/import", "empty.csv", ""); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.body, "文件是空的") {
		t.Errorf("empty file: %d", res.StatusCode)
	}
	if res := m.post("/admin/orders/import", emptyForm()); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("no file: %d", res.StatusCode)
	}
}

func TestImportGoodFileThenAgain(t *testing.T) {
	e := newPtEnv(t)
	_, a := e.creator("ch1", models.EnrollApproved)
	m := e.manager()
	for round, want := range []struct{ applied, dup string }{{"4", "0"}, {"0", "4"}} {
		res := m.upload("/admin/orders/import", "orders.csv", goodCSV)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/orders/import/") {
			t.Fatalf("round %d: %d %s", round, res.StatusCode, res.body)
		}
		e.h.WaitImports()
		job := m.get(res.Header.Get("Location"))
		if job.StatusCode != http.StatusOK || !strings.Contains(job.body, `data-status="done"`) ||
			!strings.Contains(job.body, `data-testid="job-applied">`+want.applied+"<") ||
			!strings.Contains(job.body, `data-testid="job-duplicates">`+want.dup+"<") ||
			!strings.Contains(job.body, "已处理 4 / 4 行") || strings.Contains(job.body, "hx-trigger") {
			t.Fatalf("round %d job page: %s", round, job.body)
		}
		b, _ := e.st.Balance(t.Context(), a.ID, e.camp.ID)
		if b.Earned != 150000 { // ¥100,000 short video after the cancellation: 1,500.00 points
			t.Fatalf("round %d: earned %v", round, b.Earned)
		}
	}
	page := m.get("/admin/orders/import")
	if page.StatusCode != http.StatusOK || strings.Count(page.body, `data-testid="import-job"`) != 2 {
		t.Fatalf("import page %d", page.StatusCode)
	}
}

func TestImportProgressFragment(t *testing.T) {
	e := newPtEnv(t)
	m := e.manager()
	job, err := e.st.StartImport(t.Context(), e.managerActor(), "big.csv", 10)
	if err != nil {
		t.Fatal(err)
	}
	frag := m.get("/admin/orders/import/"+itoa(job.ID), "HX-Request", "true")
	if frag.StatusCode != http.StatusOK || strings.Contains(frag.body, "<html") ||
		!strings.Contains(frag.body, `hx-get="/admin/orders/import/`+itoa(job.ID)+`"`) ||
		!strings.Contains(frag.body, `hx-trigger="every 1s"`) || !strings.Contains(frag.body, "已处理 0 / 10 行") {
		t.Fatalf("fragment: %s", frag.body)
	}
	full := m.get("/admin/orders/import/" + itoa(job.ID))
	if !strings.Contains(full.body, "<html") || !strings.Contains(full.body, "刷新进度") {
		t.Fatalf("page: %s", full.body)
	}
	if res := m.get("/admin/orders/import/999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown job: %d", res.StatusCode)
	}
	if res := m.get("/admin/orders/import/" + itoa(job.ID) + "/errors.csv"); res.StatusCode != http.StatusNotFound {
		t.Errorf("errors of a good job: %d", res.StatusCode)
	}
}

func TestImportIsForManagersOnly(t *testing.T) {
	e := newPtEnv(t)
	c, _ := e.creator("ch1", models.EnrollApproved)
	if res := c.get("/admin/orders/import"); res.StatusCode != http.StatusNotFound {
		t.Errorf("creator GET: %d", res.StatusCode)
	}
	if res := c.upload("/admin/orders/import", "orders.csv", goodCSV); res.StatusCode != http.StatusNotFound {
		t.Errorf("creator POST: %d", res.StatusCode)
	}
	if res := e.client().get("/admin/orders/import"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("visitor: %d", res.StatusCode)
	}
}

// TestImportProblemsInEnglish: a manager reading English sees each problem as one
// translated sentence with its numbers filled in.
func TestImportProblemsInEnglish(t *testing.T) {
	e := newPtEnv(t)
	m := e.manager()
	u, _ := url.Parse(m.base)
	m.c.Jar.SetCookies(u, []*http.Cookie{{Name: "gc_lang", Value: "en"}})
	rows := "order_id,channel_id,video_id,source,amount,status,settled_at\n" +
		"o1,ch1,,short_video,199.00\n" +
		",ch1,,short_video,1.00,settled,2025-12-01 10:00:00\n"
	res := m.upload("/admin/orders/import", "bad.csv", rows)
	for _, want := range []string{"Line 2", "This row has 5 columns; the header has 7", "Line 3", "Enter the order ID",
		"The file has problems, so nothing was imported."} {
		if !strings.Contains(res.body, want) {
			t.Errorf("rows: page lacks %q", want)
		}
	}
	res = m.upload("/admin/orders/import", "header.csv", "order_id,channel_id,source,amount,status\n")
	if want := "The header lacks the required column settled_at (it must include order_id,channel_id,source,amount,status,settled_at, and may include video_id,event_id)"; !strings.Contains(res.body, want) {
		t.Errorf("header: page lacks %q", want)
	}
	if strings.Contains(res.body, "表头") || strings.Contains(res.body, "第 1 行") {
		t.Error("header: Chinese left on the English page")
	}
}

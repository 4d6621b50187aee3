package handlers_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"growthcard/models"
)

// admExportFixture: two approved creators with orders, one pending, one rejected.
func admExportFixture(t *testing.T) (*admEnv, *admClient) {
	env := admSetup(t)
	env.admManager("boss@example.com")
	boss := env.admLogin("boss@example.com")
	for i, email := range []string{"alpha@example.com", "beta@example.com", "gamma@example.com", "delta@example.com"} {
		a := env.admCreator(email, int64(2000+i*1000))
		e := env.admEnroll(a)
		switch i {
		case 0, 1:
			env.admSettle("o"+admID(int64(i)), a.Channel(), 100000*int64(i+1), time.Date(2025, 11, 28, 12, 0, 0, 0, models.Beijing))
			res := boss.admPost("/admin", "/admin/enrollments/"+admID(e.ID)+"/approve", nil)
			admStatus(t, "approve", res, http.StatusSeeOther)
		case 3:
			res := boss.admPost("/admin", "/admin/enrollments/"+admID(e.ID)+"/reject?status=pending",
				map[string][]string{"reason": {"duplicate"}, "note": {"重复, 报名"}})
			admStatus(t, "reject", res, http.StatusSeeOther)
		}
	}
	env.admSettle("b1", "beta", 900, time.Date(2025, 9, 1, 12, 0, 0, 0, models.Beijing))
	return env, boss
}

func admReadCSV(t *testing.T, c *admClient, path string) [][]string {
	t.Helper()
	res, body := c.admBody(path)
	admStatus(t, path, res, http.StatusOK)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("content type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, ".csv") {
		t.Errorf("disposition %q", cd)
	}
	if !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
		t.Fatal("no UTF-8 BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func admReadXLSX(t *testing.T, c *admClient, path string) [][]string {
	t.Helper()
	res, body := c.admBody(path)
	admStatus(t, path, res, http.StatusOK)
	if ct := res.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("content type %q", ct)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestEnrollmentExportsReadBack(t *testing.T) {
	env, boss := admExportFixture(t)
	all := admReadCSV(t, boss, "/admin/enrollments/export.csv")
	if len(all) != 5 || all[0][0] != "报名ID" || len(all[0]) != 18 {
		t.Fatalf("all: %d rows, header %v", len(all), all[0])
	}
	approved := admReadCSV(t, boss, "/admin/enrollments/export.csv?status=approved&sort=-fans")
	if len(approved) != 3 {
		t.Fatalf("approved rows %v", approved)
	}
	beta, alpha := approved[1], approved[2]
	if beta[1] != "beta@example.com" || beta[8] != "已通过" || beta[13] != "否" || beta[14] != "200000.00" ||
		beta[15] != "2994.13" {
		t.Errorf("beta %v", beta)
	}
	if alpha[13] != "是" || alpha[14] != "100000.00" || alpha[15] != "1500.00" || alpha[17] != "1500.00" || alpha[12] == "" {
		t.Errorf("alpha %v", alpha)
	}
	rejected := admReadCSV(t, boss, "/admin/enrollments/export.csv?status=rejected")
	if len(rejected) != 2 || rejected[1][9] != "重复报名或重复账号" || rejected[1][10] != "重复, 报名" {
		t.Errorf("rejected %v", rejected)
	}
	if rows := admReadCSV(t, boss, "/admin/enrollments/export.csv?q=gamma"); len(rows) != 2 || rows[1][1] != "gamma@example.com" {
		t.Errorf("search %v", rows)
	}
	// A name that Excel would run as a formula is written as text.
	env.admEnroll(env.admCreator("evil@example.com", 3000, func(a *models.Account) { a.DisplayName = `=HYPERLINK("http://x","点我")` }))
	if rows := admReadCSV(t, boss, "/admin/enrollments/export.csv?q=evil"); len(rows) != 2 || rows[1][2] != `'=HYPERLINK("http://x","点我")` {
		t.Errorf("formula not neutralised: %v", rows)
	}

	x := admReadXLSX(t, boss, "/admin/enrollments/export.xlsx?status=approved&sort=-fans")
	if len(x) != 3 || x[0][0] != "报名ID" || x[1][1] != "beta@example.com" || x[2][14] != "100,000.00" {
		t.Errorf("xlsx %v", x)
	}
	if n := len(env.admAudit("export.enrollments")); n != 6 {
		t.Errorf("%d export entries in the audit log; want 6", n)
	}
}

func TestPointsExportsReadBack(t *testing.T) {
	env, boss := admExportFixture(t)
	rows := admReadCSV(t, boss, "/admin/points/export.csv")
	if len(rows) != 3 || len(rows[0]) != 16 {
		t.Fatalf("points %v", rows)
	}
	// beta: baseline ¥900, threshold ⌊900 × 40 ÷ 92⌋ = ¥391.30, base ¥199,608.70 → 2,994.13 points.
	beta := rows[2]
	if beta[1] != "beta@example.com" || beta[7] != "否" || beta[8] != "900.00" || beta[10] != "391.30" ||
		beta[11] != "199608.70" || beta[12] != "2994.13" || beta[13] != "2994.13" || beta[15] != "2994.13" {
		t.Errorf("beta %v", beta)
	}
	x := admReadXLSX(t, boss, "/admin/points/export.xlsx")
	if len(x) != 3 || x[2][12] != "2,994.13" {
		t.Errorf("xlsx %v", x)
	}
	if n := len(env.admAudit("export.points")); n != 2 {
		t.Errorf("%d points export entries; want 2", n)
	}
}

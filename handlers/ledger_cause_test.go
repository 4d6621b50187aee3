package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"growthcard/models"
)

// TestLedgerCausesInBothLanguages: a ledger entry's cause is filled in the page's
// language — an order event and a heat read as whole sentences in Chinese and English.
func TestLedgerCausesInBothLanguages(t *testing.T) {
	e := newPtEnv(t)
	c, a := e.creator("ch1", models.EnrollApproved)
	v := e.video(a, "好物开箱")
	e.ingest(settled("o1", "ch1", 10_000, time.Date(2025, 12, 1, 9, 0, 0, 0, models.Beijing)))
	if res := c.post("/videos/"+itoa(v.ID)+"/heat", url.Values{"points": {"5"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("heat: %d", res.StatusCode)
	}
	zh := c.get("/points").body
	for _, want := range []string{"订单 o1 结算 ¥10,000.00", "加热视频《好物开箱》"} {
		if !strings.Contains(zh, want) {
			t.Errorf("Chinese points page lacks %q", want)
		}
	}
	u, _ := url.Parse(c.base)
	c.c.Jar.SetCookies(u, []*http.Cookie{{Name: "gc_lang", Value: "en"}})
	en := c.get("/points").body
	for _, want := range []string{"Order o1 settled: ¥10,000.00", "Heated the video “好物开箱”"} {
		if !strings.Contains(en, want) {
			t.Errorf("English points page lacks %q", want)
		}
	}
}

package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"growthcard/models"
)

// specVeteran gives channel the SPEC's second example: ¥184,000.00 settled in the
// baseline, ¥200,000.00 in the campaign.
func specVeteran(e *ptEnv, channel string) {
	e.ingest(settled(channel+"-base", channel, 184_000, time.Date(2025, 9, 10, 9, 0, 0, 0, models.Beijing)),
		settled(channel+"-camp", channel, 200_000, time.Date(2025, 12, 1, 9, 0, 0, 0, models.Beijing)))
}

func TestPointsPageShowsTheFormula(t *testing.T) {
	e := newPtEnv(t)
	c, _ := e.creator("vet", models.EnrollApproved)
	specVeteran(e, "vet")
	res := c.get("/points")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	for _, want := range []string{
		"¥184,000.00", "¥184,000.00 ÷ 92 天", "¥2,000.00", "⌊¥184,000.00 × 40 ÷ 92⌋", "¥80,000.00",
		"¥200,000.00", "max(0, ¥200,000.00 − ¥80,000.00)", "¥120,000.00", "1.5%(150 个基点)",
		"min(封顶 150,000.00, 1,800.00)", `data-testid="entitled-points">1,800.00 点`,
		`data-testid="points-earned">1,800.00<`, `data-testid="points-balance">1,800.00<`,
		// next 100 points: 1,900.00 needs a reward base of ¥126,666.67, i.e. ¥6,666.67 more
		"再结算 ¥6,666.67 的短视频 GMV,成长卡可达到 1,900.00 点", `value="1"`,
		"订单 vet-camp 结算 ¥200,000.00 等 2 个订单事件",
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("points page lacks %q", want)
		}
	}
	if strings.Contains(res.body, `data-testid="not-approved"`) || strings.Contains(res.body, `data-testid="newcomer"`) {
		t.Error("veteran shown as not approved or newcomer")
	}
}

func TestPointsPageBeforeApprovalAndPaging(t *testing.T) {
	e := newPtEnv(t)
	c, _ := e.creator("new", models.EnrollPending)
	e.ingest(settled("n1", "new", 200_000, time.Date(2025, 12, 1, 9, 0, 0, 0, models.Beijing)))
	res := c.get("/points")
	for _, want := range []string{`data-testid="not-approved"`, "审核通过后可获得 3,000.00 点", `data-testid="newcomer"`,
		"奖励基数 = 激励期结算 GMV", `data-testid="points-earned">0.00<`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("pending page lacks %q", want)
		}
	}

	c2, _ := e.creator("busy", models.EnrollApproved)
	for i := range 31 {
		e.ingest(settled(fmt.Sprint("b", i), "busy", 100, time.Date(2025, 12, 1, 9, 0, 0, 0, models.Beijing)))
	}
	p1, p2 := c2.get("/points"), c2.get("/points?page=2")
	if n := strings.Count(p1.body, `data-testid="ledger-row"`); n != 30 || !strings.Contains(p1.body, "第 1 / 2 页") {
		t.Errorf("page 1 has %d rows", n)
	}
	if n := strings.Count(p2.body, `data-testid="ledger-row"`); n != 1 || !strings.Contains(p2.body, "订单 b0 结算 ¥100.00") {
		t.Errorf("page 2 has %d rows", n)
	}
	if p9 := c2.get("/points?page=9"); strings.Count(p9.body, `data-testid="ledger-row"`) != 1 {
		t.Error("a page past the end should show the last page")
	}
	if res := e.manager().get("/points"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("manager: %d", res.StatusCode)
	}
}

func TestPointsPageNegativeBalance(t *testing.T) {
	e := newPtEnv(t)
	c, a := e.creator("neg", models.EnrollApproved)
	v := e.video(a, "视频")
	e.ingest(settled("x1", "neg", 10_000, time.Date(2025, 12, 1, 9, 0, 0, 0, models.Beijing)))
	if _, err := e.st.Heat(t.Context(), e.managerActor(), a.ID, v.ID, e.camp.ID, 15000); err != nil {
		t.Fatal(err)
	}
	e.ingest(models.OrderEvent{EventID: "x1-c", OrderID: "x1", ChannelID: "neg", Source: models.SourceShortVideo,
		Status: models.StatusCancelled, SettledAt: time.Date(2025, 12, 2, 9, 0, 0, 0, models.Beijing)})
	res := c.get("/points")
	if !strings.Contains(res.body, `data-testid="negative-balance"`) || !strings.Contains(res.body, "可用点数为 -150.00,暂时不能加热") ||
		!strings.Contains(res.body, "订单 x1 取消结算") {
		t.Errorf("negative balance not explained")
	}
}

func TestMeGMVAndPointsSpecExamples(t *testing.T) {
	e := newPtEnv(t)
	newbie, _ := e.creator("newbie", models.EnrollApproved)
	e.ingest(settled("n1", "newbie", 200_000, time.Date(2025, 12, 1, 9, 0, 0, 0, models.Beijing)))
	vet, _ := e.creator("vet", models.EnrollApproved)
	specVeteran(e, "vet")
	type me struct {
		Enrollment struct{ Newcomer bool }
		GMV        map[string]string
		Points     map[string]string
	}
	for _, tc := range []struct {
		c        *ptClient
		newcomer bool
		gmv      map[string]string
		earned   string
	}{
		{newbie, true, map[string]string{"baseline": "0.00", "campaign": "200000.00", "threshold": "0.00", "reward_base": "200000.00"}, "3000.00"},
		{vet, false, map[string]string{"baseline": "184000.00", "campaign": "200000.00", "threshold": "80000.00", "reward_base": "120000.00"}, "1800.00"},
	} {
		res := tc.c.get("/api/v1/me")
		var got me
		if err := json.Unmarshal([]byte(res.body), &got); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("%d %s", res.StatusCode, res.body)
		}
		if got.Enrollment.Newcomer != tc.newcomer || fmt.Sprint(got.GMV) != fmt.Sprint(tc.gmv) ||
			got.Points["earned"] != tc.earned || got.Points["balance"] != tc.earned || got.Points["spent"] != "0.00" ||
			got.Points["cap"] != "150000.00" {
			t.Errorf("me = %+v", got)
		}
	}
}

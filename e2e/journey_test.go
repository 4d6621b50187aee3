package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
)

// TestCreatorJourney walks the whole programme in Chinese, as people use it: a
// visitor signs up as a creator and enrols, a manager approves in another browser,
// the creator registers videos until the quota stops them, orders arrive through
// the signed webhook, the points page shows them and the creator heats a video.
func TestCreatorJourney(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	me := s.newTab(t, "creator", tabOptions{})

	// A visitor opens the campaign page and follows its call to action.
	if st := me.open("/"); st != http.StatusOK {
		me.fail("home", "status %d", st)
	}
	me.expectText("home", "h1", "带货短视频激励计划")
	me.submit("follow sign-up", `.hero a[href="/signup"]`)
	if p := me.path(); p != "/signup" {
		me.fail("follow sign-up", "at %s", p)
	}

	// Sign up as a creator with 3,200 followers: tier [1000,10000) allows 2 a day.
	me.fill("#f-email", "xiaoming@e2e.test")
	me.fill("#f-password", password)
	me.fill("#f-display_name", "小明的好物")
	me.fill("#f-channel_id", "xiaoming_goods")
	me.fill("#f-channel_name", "小明好物分享")
	me.fill("#f-fans", "3,200")
	me.click("#f-short_video_enabled")
	if st := me.submit("sign up", `[data-testid="signup-form"] button[type="submit"]`); st != http.StatusOK {
		me.fail("sign up", "status %d", st)
	}
	if p := me.path(); p != "/dashboard" {
		me.fail("sign up", "landed on %s, want /dashboard", p)
	}
	me.expectText("sign up", `[data-testid="flash"]`, "注册成功")
	me.expectText("quota before", `[data-testid="quota-remaining"]`, "2")
	me.expectText("quota before", `[data-testid="quota"]`, "上限 2 条")

	// Enrol: the application waits for a manager.
	me.submit("enrol", `[data-testid="enroll-button"]`)
	me.expectText("enrol", `[data-testid="flash"]`, "报名已提交")
	if st := me.text(`[data-testid="enrollment"] [data-testid="status-badge"]`); st != "审核中" {
		me.fail("enrol", "status badge %q, want 审核中", st)
	}

	// A manager, created on the command line, approves in a second browser.
	s.manager(t, "reviewer@e2e.test")
	mgr := s.newTab(t, "manager", tabOptions{})
	mgr.login("reviewer@e2e.test")
	mgr.open("/admin/enrollments?status=pending")
	acct, err := s.Store.AccountByEmail(context.Background(), "xiaoming@e2e.test")
	if err != nil {
		t.Fatal(err)
	}
	camp, err := s.Store.RunningCampaign(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	enr, err := s.Store.LatestEnrollment(context.Background(), acct.ID, camp.ID)
	if err != nil || enr == nil {
		t.Fatalf("enrolment: %v %v", enr, err)
	}
	row := `[data-testid="queue-row"][data-id="` + strconv.FormatInt(enr.ID, 10) + `"]`
	mgr.expectText("queue", row, "xiaoming_goods")
	if st := mgr.submit("approve", row+` [data-testid="approve"]`); st != http.StatusOK {
		mgr.fail("approve", "status %d", st)
	}
	mgr.expectText("approve", `[data-testid="flash"]`, "已通过")
	if mgr.has(row) {
		mgr.fail("approve", "the approved application is still in the pending queue")
	}

	// The creator sees the approval; a second tab keeps the page as it is now.
	me.open("/dashboard")
	if st := me.text(`[data-testid="enrollment"] [data-testid="status-badge"]`); st != "已通过" {
		me.fail("approved", "status badge %q, want 已通过", st)
	}
	stale := me.sibling("creator-stale-tab", tabOptions{})
	stale.open("/dashboard")

	// An empty form is answered 422 in place, the errors tied to their fields.
	me.registerVideo("empty video form", "", "")
	me.waitFor("empty video form", `document.querySelector('[data-testid="error-title"]') !== null`)
	me.expectResponse("empty video form", "/videos", http.StatusUnprocessableEntity)
	me.expectText("empty video form", `[data-testid="error-title"]`, "请填写视频标题")
	if d := eval[string](me, "empty video form", `document.querySelector("#f-title").getAttribute("aria-describedby")`); d != "e-title" {
		me.fail("empty video form", "the title's error is not tied to it: aria-describedby=%q", d)
	}
	me.expectText("empty video form", `[data-testid="quota-remaining"]`, "2")

	// Register videos in place (htmx) until the quota stops them.
	for i, title := range []string{"冬日暖手宝开箱", "保温杯一周实测"} {
		step := "register video " + strconv.Itoa(i+1)
		me.registerVideo(step, title, "暖手宝")
		want := strconv.Itoa(1 - i)
		me.waitFor(step, `document.querySelector('[data-testid="quota-remaining"]').textContent.trim() === `+jsString(want))
		me.expectText(step, `[data-testid="flash"]`, "视频已登记")
		if n := me.count(`[data-testid="video-row"]`); n != i+1 {
			me.fail(step, "%d video rows, want %d", n, i+1)
		}
		if v := eval[string](me, step, `document.querySelector("#f-title").value`); v != "" {
			me.fail(step, "the form kept %q after success", v)
		}
		me.expectResponse(step, "/videos", http.StatusOK)
	}
	if !eval[bool](me, "in place", `window.__gcPage === 1`) {
		me.fail("in place", "the page reloaded: htmx did not swap in place")
	}
	me.expectText("quota full", `[data-testid="quota-full"]`, "今天的发布条数已用完")
	if !eval[bool](me, "quota full", `document.querySelector("#video-submit").disabled`) {
		me.fail("quota full", "the register button is still enabled")
	}

	// The stale tab still offers the form; the server refuses with 409 and says why.
	stale.expectText("stale", `[data-testid="quota-remaining"]`, "2")
	stale.registerVideo("third video", "第三条视频", "暖手宝")
	stale.waitFor("third video", `document.querySelector('[data-testid="error-title"]') !== null`)
	stale.expectText("third video", `[data-testid="error-title"]`, "今天的发布条数已用完,北京时间 0 点后重置")
	stale.expectResponse("third video", "/videos", http.StatusConflict)
	stale.waitFor("third video quota", `document.querySelector('[data-testid="quota-remaining"]').textContent.trim() === "0"`)
	if n := stale.count(`[data-testid="video-row"]`); n != 2 {
		stale.fail("third video", "%d video rows, want 2", n)
	}
	if v := eval[string](stale, "third video", `document.querySelector("#f-title").value`); v != "第三条视频" {
		stale.fail("third video", "the refused form lost its input: %q", v)
	}

	// Orders arrive through the signed webhook (issue 3).
	orders := webhookBody(t, []orderEvent{
		{EventID: "evt-1", OrderID: "ord-1", ChannelID: "xiaoming_goods", VideoID: "v1", Source: "short_video",
			Amount: "10000.00", Status: "settled", SettledAt: "2025-11-25T14:05:00+08:00"},
		{EventID: "evt-2", OrderID: "ord-2", ChannelID: "xiaoming_goods", VideoID: "v2", Source: "short_video",
			Amount: "3000.00", Status: "settled", SettledAt: "2025-11-26T09:30:00+08:00"},
		{EventID: "evt-3", OrderID: "ord-3", ChannelID: "xiaoming_goods", Source: "live",
			Amount: "5000.00", Status: "settled", SettledAt: "2025-11-26T09:40:00+08:00"},
	})
	first := s.deliver(t, orders)
	if first.Applied != 3 || first.Duplicate != 0 || first.Rejected != 0 {
		t.Fatalf("webhook: %+v, want 3 applied", first)
	}
	if again := s.deliver(t, orders); again.Applied != 0 || again.Duplicate != 3 || again.Rejected != 0 {
		t.Fatalf("webhook redelivery: %+v, want 3 duplicates", again)
	}

	// Newcomer: ¥13,000.00 settled short-video GMV (the live order does not count)
	// × 1.5 % = 195.00 points.
	if st := me.open("/points"); st != http.StatusOK {
		me.fail("points", "status %d", st)
	}
	me.expectText("points", `[data-testid="points-balance"]`, "195.00")
	me.expectText("points", `[data-testid="newcomer"]`, "新手")
	me.expectText("points", `[data-testid="f-campaign"]`, "¥13,000.00")
	me.expectText("points", `[data-testid="entitled-points"]`, "195.00 点")
	// One webhook call is one recompute: one ledger entry, naming its orders.
	if n := me.count(`[data-testid="ledger-row"]`); n != 1 {
		me.fail("points", "%d ledger rows, want 1 for the one delivery", n)
	}
	me.expectText("points", `[data-testid="ledger-row"]`, "+195.00")
	me.expectText("points", `[data-testid="ledger-cause"]`, "3 个订单事件")
	me.submit("points to dashboard", `a[href="/dashboard#videos"]`)
	me.expectText("balance", `[data-testid="points-balance"]`, "195.00")

	// Heat the first video in place (htmx): the points card and the video's total
	// change, the page stays.
	video := `[data-testid="video-row"]:first-of-type`
	eval[bool](me, "heat", `(window.__gcPage = 2) === 2`)
	me.heat("heat", video, "50")
	me.waitFor("heat", `document.querySelector('[data-testid="points-balance"]').textContent.trim() === "145.00"`)
	me.expectResponse("heat", "/heat", http.StatusOK)
	me.expectText("heat", video+` [data-testid="video-heated"]`, "50.00")
	me.expectText("heat", `[data-testid="points-summary"] [data-testid="points-spent"]`, "50.00")
	me.expectText("heat", `[data-testid="flash"]`, "已用 50.00 点加热视频")
	me.expectText("heat", `[data-testid="flash"]`, "剩余 145.00 点")

	// More than the balance: 409, the reason beside the form, what was typed kept.
	me.heat("overspend", video, "146")
	me.waitFor("overspend", `document.querySelector('[data-testid="heat-error"]') !== null`)
	me.expectResponse("overspend", "/heat", http.StatusConflict)
	me.expectText("overspend", video+` [data-testid="heat-error"]`, "可用点数不足")
	me.expectText("overspend", `[data-testid="points-balance"]`, "145.00")
	if v := eval[string](me, "overspend", `document.querySelector(`+jsString(video+` input[name="points"]`)+`).value`); v != "146" {
		me.fail("overspend", "the refused form lost its input: %q", v)
	}
	if me.has(`[data-testid="flash"]`) {
		me.fail("overspend", "the earlier success message is still shown: %s", me.text(`[data-testid="flash"]`))
	}

	// Not a whole number: 422, in place as well.
	me.heat("half a point", video, "1.5")
	me.waitFor("half a point", `(document.querySelector('[data-testid="heat-error"]') || {textContent: ""}).textContent.includes("整数")`)
	me.expectResponse("half a point", "/heat", http.StatusUnprocessableEntity)
	me.expectText("half a point", video+` [data-testid="heat-error"]`, "加热点数须为不小于 1 的整数")
	if !eval[bool](me, "in place", `window.__gcPage === 2`) {
		me.fail("in place", "the page reloaded: the heat form did not swap in place")
	}
	me.expectText("half a point", `[data-testid="points-balance"]`, "145.00")
	me.expectText("half a point", video+` [data-testid="video-heated"]`, "50.00")
}

// heat fills and sends a video's heat form, as a person would.
func (tb *tab) heat(step, video, points string) {
	tb.t.Helper()
	tb.fill(video+` input[name="points"]`, points)
	tb.click(video + ` [data-testid="heat-form"] button[type="submit"]`)
}

// registerVideo fills and sends the video form, as a person would.
func (tb *tab) registerVideo(step, title, product string) {
	tb.t.Helper()
	eval[bool](tb, step, `(window.__gcPage = window.__gcPage || 1) === 1`)
	tb.fill("#f-title", title)
	tb.fill("#f-product_name", product)
	tb.click("#video-submit")
}

// expectResponse fails unless the latest response to a URL ending in suffix had status.
func (tb *tab) expectResponse(step, suffix string, status int64) {
	tb.t.Helper()
	r, ok := tb.lastResponse(suffix)
	if !ok {
		tb.fail(step, "no response for %s", suffix)
	}
	if r.Status != status {
		tb.fail(step, "%s answered %d, want %d", suffix, r.Status, status)
	}
}

// webhookBody encodes events as the webhook's body.
func webhookBody(t *testing.T, events []orderEvent) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"events": events})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestHTMXErrorFallback: an htmx request answered with an error other than 409 or
// 422 (here 401: the session ended in another tab) replaces the main content with
// the error page instead of failing silently.
func TestHTMXErrorFallback(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.creator(t, "twotabs@e2e.test", "两个标签页", "two_tabs", 3200)
	tb := s.newTab(t, "first-tab", tabOptions{})
	tb.login("twotabs@e2e.test")
	other := tb.sibling("second-tab", tabOptions{})
	other.open("/dashboard")
	other.submit("log out", `form[action="/logout"] button`)

	tb.registerVideo("after log-out", "登出后的视频", "暖手宝")
	tb.waitFor("after log-out", `document.querySelector('#main [data-testid="error-page"]') !== null`)
	tb.expectResponse("after log-out", "/videos", http.StatusUnauthorized)
	tb.expectText("after log-out", "#main h1", "请先登录")
	if p := tb.path(); p != "/dashboard" {
		tb.fail("after log-out", "the page navigated to %s", p)
	}
}

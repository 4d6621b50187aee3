package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"growthcard/models"
)

func video(title string) url.Values {
	return url.Values{"title": {title}, "product_name": {"保温杯"}, "video_url": {"https://channels.weixin.qq.com/v/1"}}
}

func status(t *testing.T, r *response) string {
	t.Helper()
	v, _ := r.doc(t).Find(`[data-testid="enrollment"] [data-testid="status-badge"]`).Attr("data-status")
	return v
}

func TestDashboardShowsOwnState(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	c, a := e.creator(25000, true, false)
	r := c.get("/dashboard")
	wantStatus(t, "dashboard", r, http.StatusOK)
	doc := r.doc(t)
	if got := status(t, r); got != "none" {
		t.Errorf("status badge = %q; want none", got)
	}
	if doc.Find(`[data-testid="enroll-button"]`).Length() != 1 {
		t.Error("no enrol button for an eligible creator")
	}
	if got := r.text(t, `[data-testid="quota-remaining"]`); got != "5" {
		t.Errorf("remaining = %q; want 5 (25,000 fans)", got)
	}
	if got := doc.Find(`[data-testid="tier-table"] tr.current td`).First().Text(); !strings.Contains(got, "10,000") {
		t.Errorf("current tier row = %q; want the 10,000 tier", got)
	}
	if got := r.text(t, `[data-testid="points-balance"]`); got != "0.00" {
		t.Errorf("points balance = %q", got)
	}
	cd, _ := doc.Find(`[data-countdown-to]`).Attr("data-countdown-to")
	if cd != "2025-11-27T00:00:00+08:00" {
		t.Errorf("quota resets at %q; want the next Beijing midnight", cd)
	}
	// The clock runs on from 10:00:00, so the minutes may already have ticked.
	if got := doc.Find(`.countdown`).Text(); got != "14 小时 0 分" && got != "13 小时 59 分" {
		t.Errorf("countdown text = %q; want 14 hours to midnight", got)
	}
	// The client counts down from the server's clock, not its own (which may be off,
	// or a year away when the server runs with --now).
	from, _ := doc.Find(`[data-countdown-to]`).Attr("data-countdown-now")
	if at, err := time.Parse(time.RFC3339, from); err != nil || at.Before(inCampaign) || at.Sub(inCampaign) > time.Minute {
		t.Errorf("data-countdown-now = %q; want the server's now (%s)", from, inCampaign)
	}
	if got := strings.TrimSpace(doc.Find(`nav a[aria-current="page"]`).Text()); got != "我的看板" {
		t.Errorf("current nav link = %q; want 我的看板", got)
	}
	if !strings.Contains(doc.Find(".page-header").Text(), a.Channel()) {
		t.Error("dashboard does not name the creator's channel")
	}
}

// TestEnrolmentJourney: enrol → pending; a second try → 409; withdraw → withdrawn;
// withdraw again → 409; re-apply; rejected with reason and note shown; re-apply.
func TestEnrolmentJourney(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	c, a := e.creator(1000, true, false)
	manager, _ := e.manager()

	wantStatus(t, "withdraw with nothing pending", c.post("/enrollment/withdraw", nil), http.StatusConflict)
	wantStatus(t, "enrol", c.post("/enrollment", nil), http.StatusSeeOther, "/dashboard")
	r := c.get("/dashboard")
	if got := status(t, r); got != "pending" {
		t.Errorf("after enrolling: %q", got)
	}
	if !strings.Contains(r.text(t, `[data-testid="flash"]`), "报名已提交") {
		t.Errorf("flash = %q", r.text(t, `[data-testid="flash"]`))
	}
	r = c.post("/enrollment", nil)
	wantStatus(t, "enrol twice", r, http.StatusConflict)
	if !strings.Contains(r.text(t, `[data-testid="enrollment"] [data-testid="form-errors"]`), "已经有一份审核中或已通过的报名") {
		t.Errorf("409 page lacks the reason: %q", r.text(t, `[data-testid="enrollment"]`))
	}

	wantStatus(t, "withdraw", c.post("/enrollment/withdraw", nil), http.StatusSeeOther, "/dashboard")
	if got := status(t, c.get("/dashboard")); got != "withdrawn" {
		t.Errorf("after withdrawing: %q", got)
	}
	wantStatus(t, "withdraw twice", c.post("/enrollment/withdraw", nil), http.StatusConflict)
	wantStatus(t, "re-apply after withdrawal", c.post("/enrollment", nil), http.StatusSeeOther, "/dashboard")

	camp, _ := e.store.RunningCampaign(context.Background())
	latest, _ := e.store.LatestEnrollment(context.Background(), a.ID, camp.ID)
	r = manager.post(fmt.Sprintf("/admin/enrollments/%d/reject", latest.ID),
		url.Values{"reason": {"fans_mismatch"}, "note": {"粉丝数与主页不符,请核对后重新报名"}})
	wantStatus(t, "reject", r, http.StatusSeeOther, "/admin/enrollments?status=pending")
	r = c.get("/dashboard")
	if got := status(t, r); got != "rejected" {
		t.Errorf("after rejection: %q", got)
	}
	rej := r.text(t, `[data-testid="rejection"]`)
	if !strings.Contains(rej, "粉丝数与视频号实际不符") || !strings.Contains(rej, "粉丝数与主页不符,请核对后重新报名") {
		t.Errorf("rejection box = %q; want the reason and the note", rej)
	}
	if got := r.text(t, `[data-testid="enroll-button"]`); got != "重新报名" {
		t.Errorf("button = %q; want 重新报名", got)
	}
	wantStatus(t, "re-apply after rejection", c.post("/enrollment", nil), http.StatusSeeOther, "/dashboard")
	if got := status(t, c.get("/dashboard")); got != "pending" {
		t.Errorf("after re-applying: %q", got)
	}
}

// TestEnrolIneligibleListsEveryReason: 422 naming each failed condition; nothing filed.
func TestEnrolIneligibleListsEveryReason(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	tests := []struct {
		fans          int64
		enabled, self bool
		want          []string
	}{
		{999, false, false, []string{"有效粉丝数不足,且不是店铺自营账号", "尚未开通短视频带货功能"}},
		{999, true, false, []string{"有效粉丝数不足,且不是店铺自营账号"}},
		{50000, false, true, []string{"尚未开通短视频带货功能"}},
	}
	for _, tt := range tests {
		c, a := e.creator(tt.fans, tt.enabled, tt.self)
		before := c.get("/dashboard")
		if before.doc(t).Find(`[data-testid="enroll-button"]`).Length() != 1 {
			t.Errorf("fans %d: no enrol button (ineligible accounts may still try and see why)", tt.fans)
		}
		var shown []string
		before.doc(t).Find(`[data-testid="ineligible"] li`).Each(func(_ int, s *goquery.Selection) {
			shown = append(shown, strings.TrimSpace(s.Text()))
		})
		if strings.Join(shown, "|") != strings.Join(tt.want, "|") {
			t.Errorf("fans %d: dashboard lists %q; want %q", tt.fans, shown, tt.want)
		}

		r := c.post("/enrollment", nil)
		wantStatus(t, fmt.Sprintf("enrol with fans %d enabled %v self %v", tt.fans, tt.enabled, tt.self), r, http.StatusUnprocessableEntity)
		var got []string
		r.doc(t).Find(`[data-testid="enrollment"] [data-testid="form-errors"] li`).Each(func(_ int, s *goquery.Selection) {
			got = append(got, strings.TrimSpace(s.Text()))
		})
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("fans %d: 422 lists %q; want %q", tt.fans, got, tt.want)
		}
		camp, _ := e.store.RunningCampaign(context.Background())
		if enr, _ := e.store.LatestEnrollment(context.Background(), a.ID, camp.ID); enr != nil {
			t.Errorf("fans %d: an enrolment was filed: %+v", tt.fans, enr)
		}
	}
	// A self-operated shop with few fans is eligible.
	c, _ := e.creator(10, true, true)
	wantStatus(t, "self-operated with 10 fans", c.post("/enrollment", nil), http.StatusSeeOther, "/dashboard")
}

// TestEnrolOutsideIncentivePeriod: refused before 2025-11-22 00:00 and from
// 2026-01-01 00:00 Beijing time, accepted on the first and last second.
func TestEnrolOutsideIncentivePeriod(t *testing.T) {
	t.Parallel()
	before := newServer(t, time.Date(2025, 11, 21, 23, 0, 0, 0, models.Beijing)) // an hour of slack: the clock runs
	c, _ := before.creator(3200, true, false)
	r := c.get("/dashboard")
	if r.doc(t).Find(`[data-testid="enroll-button"]`).Length() != 0 {
		t.Error("enrol button offered before the campaign starts")
	}
	if !strings.Contains(r.text(t, `[data-testid="enrollment"]`), "活动将于 2025年11月22日 开始") {
		t.Errorf("no start date on the card: %q", r.text(t, `[data-testid="enrollment"]`))
	}
	r = c.post("/enrollment", nil)
	wantStatus(t, "enrol before the period", r, http.StatusUnprocessableEntity)
	if !strings.Contains(r.text(t, `[data-testid="form-errors"]`), "当前不在激励期内") {
		t.Errorf("message = %q", r.text(t, `[data-testid="form-errors"]`))
	}
	before.clock.Set(time.Date(2025, 11, 22, 0, 0, 0, 0, models.Beijing))
	wantStatus(t, "enrol at 00:00 on the first day", c.post("/enrollment", nil), http.StatusSeeOther, "/dashboard")

	after := newServer(t, time.Date(2025, 12, 31, 23, 0, 0, 0, models.Beijing)) // the last hour, with slack for slow machines
	c1, _ := after.creator(3200, true, false)
	c2, _ := after.creator(3200, true, false)
	wantStatus(t, "enrol in the last minute", c1.post("/enrollment", nil), http.StatusSeeOther, "/dashboard")
	after.clock.Set(time.Date(2026, 1, 1, 0, 0, 0, 0, models.Beijing))
	r = c2.post("/enrollment", nil)
	wantStatus(t, "enrol after the period", r, http.StatusUnprocessableEntity)
	if !strings.Contains(r.text(t, `[data-testid="form-errors"]`), "当前不在激励期内") {
		t.Errorf("message = %q", r.text(t, `[data-testid="form-errors"]`))
	}
	if !strings.Contains(c2.get("/dashboard").text(t, `[data-testid="enrollment"]`), "本期活动已结束") {
		t.Error("the card does not say the campaign has ended")
	}
}

func TestRegisterVideos(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	c, a := e.creator(3200, true, false) // 2 a day

	r := c.post("/videos", video("冬季保温杯开箱"))
	wantStatus(t, "first video", r, http.StatusSeeOther, "/dashboard#register-video")
	r = c.get("/dashboard")
	if got := r.text(t, `[data-testid="quota-remaining"]`); got != "1" {
		t.Errorf("remaining after one = %q", got)
	}
	if got := r.text(t, `[data-testid="video-row"]`); !strings.Contains(got, "冬季保温杯开箱") || !strings.Contains(got, "今天") {
		t.Errorf("video row = %q", got)
	}

	// Invalid fields: 422 with the message by the field and what was typed kept.
	bad := url.Values{"title": {strings.Repeat("长", 101)}, "product_name": {"保温杯"}, "video_url": {"javascript:alert(1)"}}
	r = c.post("/videos", bad)
	wantStatus(t, "invalid video", r, http.StatusUnprocessableEntity)
	if r.text(t, `[data-testid="error-title"]`) == "" || r.text(t, `[data-testid="error-video_url"]`) == "" {
		t.Errorf("field errors missing: %q", r.text(t, `[data-testid="video-form"]`))
	}
	if v, _ := r.doc(t).Find("#f-product_name").Attr("value"); v != "保温杯" {
		t.Errorf("typed product lost: %q", v)
	}
	if strings.Contains(r.body, `href="javascript:`) {
		t.Error("a javascript: link reached the page")
	}

	wantStatus(t, "second video", c.post("/videos", video("第二条")), http.StatusSeeOther, "/dashboard#register-video")
	r = c.post("/videos", video("第三条"))
	wantStatus(t, "third video over the limit", r, http.StatusConflict)
	if !strings.Contains(r.text(t, `[data-testid="error-title"]`), "今天的发布条数已用完") {
		t.Errorf("409 message = %q", r.text(t, `[data-testid="error-title"]`))
	}
	r = c.get("/dashboard")
	if r.text(t, `[data-testid="quota-remaining"]`) != "0" || r.doc(t).Find(`[data-testid="quota-full"]`).Length() != 1 {
		t.Errorf("quota not shown as used up")
	}
	if _, ok := r.doc(t).Find(`[data-testid="video-form"] button[type="submit"]`).Attr("disabled"); !ok {
		t.Error("submit button enabled with no quota left")
	}

	// Beijing midnight resets the quota; yesterday's videos stay listed.
	e.clock.Set(time.Date(2025, 11, 26, 23, 59, 0, 0, models.Beijing)) // the second-exact edge is in models; the clock runs here
	wantStatus(t, "at 23:59", c.post("/videos", video("还不行")), http.StatusConflict)
	e.clock.Set(time.Date(2025, 11, 27, 0, 0, 0, 0, models.Beijing))
	wantStatus(t, "at 00:00:00", c.post("/videos", video("新的一天")), http.StatusSeeOther, "/dashboard#register-video")
	r = c.get("/dashboard")
	if got := r.doc(t).Find(`[data-testid="video-row"]`).Length(); got != 3 {
		t.Errorf("%d rows; want 3", got)
	}
	if got := r.text(t, `[data-testid="quota-remaining"]`); got != "1" {
		t.Errorf("remaining on the new day = %q", got)
	}
	used, _ := e.store.VideosOnDay(context.Background(), a.ID, "2025-11-27")
	if used != 1 {
		t.Errorf("videos on the 27th = %d", used)
	}
}

// TestRegisterVideoHTTPRace fires 20 simultaneous POST /videos at a limit of 2:
// exactly two 303s and eighteen 409s.
func TestRegisterVideoHTTPRace(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	c, a := e.creator(3200, true, false)
	tok := c.token()
	const n = 20
	codes := make([]int, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			form := video(fmt.Sprintf("并发 %d", i))
			form.Set("_csrf", tok)
			req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/videos", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			<-start
			res, err := c.c.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			codes[i] = res.StatusCode
		}(i)
	}
	close(start)
	wg.Wait()
	count := map[int]int{}
	for _, code := range codes {
		count[code]++
	}
	if count[http.StatusSeeOther] != 2 || count[http.StatusConflict] != 18 {
		t.Errorf("status counts = %v; want 2 × 303 and 18 × 409", count)
	}
	if used, _ := e.store.VideosOnDay(context.Background(), a.ID, "2025-11-26"); used != 2 {
		t.Errorf("%d videos stored; want 2", used)
	}
}

// TestCreatorsSeeOnlyTheirOwnData: two creators, each with videos and an enrolment;
// neither page nor API shows or changes the other's.
func TestCreatorsSeeOnlyTheirOwnData(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	ca, a := e.creator(3200, true, false)
	cb, b := e.creator(25000, true, false)
	wantStatus(t, "A video", ca.post("/videos", video("A 的视频")), http.StatusSeeOther)
	wantStatus(t, "A enrols", ca.post("/enrollment", nil), http.StatusSeeOther)
	wantStatus(t, "B video", cb.post("/videos", video("B 的视频")), http.StatusSeeOther)

	ra, rb := ca.get("/dashboard"), cb.get("/dashboard")
	if strings.Contains(ra.body, "B 的视频") || !strings.Contains(ra.body, "A 的视频") {
		t.Error("A's dashboard shows B's video or not A's own")
	}
	if strings.Contains(rb.body, "A 的视频") || !strings.Contains(rb.body, "B 的视频") {
		t.Error("B's dashboard shows A's video or not B's own")
	}
	if strings.Contains(rb.body, a.Email) || strings.Contains(rb.body, a.Channel()) || strings.Contains(rb.body, a.DisplayName) {
		t.Error("B's dashboard names A")
	}
	if got := status(t, rb); got != "none" {
		t.Errorf("B's status = %q; A's enrolment leaked", got)
	}
	// B withdrawing does not touch A's pending application.
	wantStatus(t, "B withdraws", cb.post("/enrollment/withdraw", nil), http.StatusConflict)
	if got := status(t, ca.get("/dashboard")); got != "pending" {
		t.Errorf("A's status = %q after B's withdrawal", got)
	}
	if me := getMe(t, cb); me.Quota.Used != 1 || me.Quota.Limit != 5 || me.Enrollment.Status != "none" {
		t.Errorf("B's /api/v1/me = %+v", me)
	}
	// B's form posts cannot name another account: the enrolment routes act on the
	// session's account only, whatever extra fields are sent.
	wantStatus(t, "B enrols with A's id in the form", cb.post("/enrollment", url.Values{"account_id": {fmt.Sprint(a.ID)}}), http.StatusSeeOther)
	camp, _ := e.store.RunningCampaign(context.Background())
	hist, _ := e.store.EnrollmentHistory(context.Background(), a.ID, camp.ID)
	if len(hist) != 1 {
		t.Errorf("A has %d enrolments; want 1", len(hist))
	}
	if enr, _ := e.store.LatestEnrollment(context.Background(), b.ID, camp.ID); enr == nil {
		t.Error("B's enrolment missing")
	}
}

package e2e

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"growthcard/models"
)

// chooseLanguage picks a language in the topbar's select as a person would: the
// change event makes app.js submit the form.
func (tb *tab) chooseLanguage(tag string) int64 {
	tb.t.Helper()
	ctx, cancel := contextFor(tb)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector("#lang-select");
		s.value = `+jsString(tag)+`;
		s.dispatchEvent(new Event("change", {bubbles: true}));
	})()`))
	if err != nil {
		tb.fail("choose "+tag, "%v", err)
	}
	tb.clean("choose " + tag)
	return resp.Status
}

// expectLang checks <html lang> and the first heading.
func (tb *tab) expectLang(step, lang, h1 string) {
	tb.t.Helper()
	if got := eval[string](tb, step, `document.documentElement.lang`); got != lang {
		tb.fail(step, "<html lang=%q>, want %q", got, lang)
	}
	if h1 != "" {
		tb.expectText(step, "h1", h1)
	}
}

// TestEnglishJourney switches to English with the visible control, signs up and
// enrols in English, and checks dates and messages come out in English.
func TestEnglishJourney(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	tb := s.newTab(t, "english", tabOptions{})

	tb.open("/")
	tb.expectLang("chinese by default", "zh-CN", "带货短视频激励计划")
	tb.expectText("chinese dates", ".hero .subtitle", "2025年11月22日 至 2025年12月31日")

	tb.open("/signup")
	if st := tb.chooseLanguage("en"); st != http.StatusOK {
		tb.fail("switch", "status %d", st)
	}
	if p := tb.path(); p != "/signup" {
		tb.fail("switch", "the switch went to %s, want back to /signup", p)
	}
	tb.expectLang("switch", "en", "Sign up and apply")
	tb.expectText("switch", `label[for="f-channel_id"]`, "Channels ID")

	// The choice is kept in a cookie, whatever the browser asks for.
	tb.open("/")
	tb.expectLang("cookie", "en", "Product Video Incentive Programme")
	tb.expectText("english dates", ".hero .subtitle", "Nov 22, 2025 to Dec 31, 2025 (40 days)")
	tb.expectText("english nav", ".nav", "Campaign rules")

	// Validation messages come back in English.
	tb.open("/signup")
	if st := tb.submit("empty sign-up", `[data-testid="signup-form"] button[type="submit"]`); st != http.StatusUnprocessableEntity {
		tb.fail("empty sign-up", "status %d, want 422", st)
	}
	tb.expectText("empty sign-up", `[data-testid="error-display_name"]`, "Enter a nickname")
	tb.expectText("empty sign-up", `[data-testid="form-errors"]`, "Please correct the following")

	tb.fill("#f-email", "ada@e2e.test")
	tb.fill("#f-password", password)
	tb.fill("#f-display_name", "Ada")
	tb.fill("#f-channel_id", "ada_picks")
	tb.fill("#f-channel_name", "Ada's picks")
	tb.fill("#f-fans", "12000")
	tb.click("#f-short_video_enabled")
	tb.submit("sign up", `[data-testid="signup-form"] button[type="submit"]`)
	tb.expectLang("dashboard", "en", "Hello, Ada")
	tb.expectText("dashboard", `[data-testid="flash"]`, "You are signed up. Welcome!")
	tb.expectText("dashboard", `[data-testid="quota"]`, "Videos left today")
	tb.expectText("dashboard", `[data-testid="quota"]`, "(0 of 5 posted today)")
	tb.expectText("dashboard", `[data-testid="tier-table"] tr.current`, "Your tier")

	tb.submit("enrol", `[data-testid="enroll-button"]`)
	tb.expectText("enrol", `[data-testid="flash"]`, "Application sent")
	// The test clock runs forward from 10:00, so read the minute the application got.
	applied := s.appliedAt(t, "ada@e2e.test")
	tb.expectText("enrol", `[data-testid="enrollment"]`, "Applied on "+applied.Format("Jan 2, 2006 15:04")+".")
	tb.expectText("enrol", `[data-testid="status-badge"]`, "Under review")

	// And back to Chinese.
	tb.chooseLanguage("zh-CN")
	tb.expectLang("back", "zh-CN", "你好,Ada")
	tb.expectText("back", `[data-testid="enrollment"]`, "已于 "+applied.Format("2006年1月2日 15:04")+" 提交报名")
}

// TestAcceptLanguage: with no cookie, a browser asking for English gets English,
// and one asking for Chinese (or anything else) gets Chinese.
func TestAcceptLanguage(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	en := s.newTab(t, "accept-en", tabOptions{Lang: "en-US,en;q=0.9"})
	en.open("/login")
	en.expectLang("accept en", "en", "Log in")
	en.expectText("accept en", `label[for="f-password"]`, "Password")
	if got := eval[string](en, "select", `document.querySelector("#lang-select").value`); got != "en" {
		en.fail("select", "the switch shows %q", got)
	}
	fr := s.newTab(t, "accept-fr", tabOptions{Lang: "fr-FR,fr;q=0.9"})
	fr.open("/login")
	fr.expectLang("accept fr", "zh-CN", "登录")
}

// TestWithoutJavaScript: with JavaScript off, the language switch works through its
// <noscript> button, videos register and heat with plain POST → 303, and a refusal
// is a full page with status 409.
func TestWithoutJavaScript(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	a := s.creator(t, "nojs@e2e.test", "不用脚本的小林", "nojs_channel", 3200)
	s.enrol(t, a, true)
	tb := s.newTab(t, "nojs", tabOptions{NoScript: true})
	tb.login("nojs@e2e.test")
	if p := tb.path(); p != "/dashboard" {
		tb.fail("log in", "at %s", p)
	}
	if eval[bool](tb, "no js", `document.documentElement.classList.contains("js")`) {
		tb.fail("no js", "app.js ran: JavaScript is not off")
	}

	// The language switch: pick, then press the button that only shows without JS.
	tb.do("pick English", chromedp.SetValue(chromedp.CSS("#lang-select"), "en"))
	if st := tb.submit("switch", `[data-testid="lang-submit"]`); st != http.StatusOK {
		tb.fail("switch", "status %d", st)
	}
	tb.expectLang("switch", "en", "Hello, 不用脚本的小林")

	stale := tb.sibling("nojs-stale", tabOptions{NoScript: true, Lang: "en"})
	stale.open("/dashboard")

	for i := 1; i <= 2; i++ {
		tb.fill("#f-title", "Video "+string(rune('0'+i)))
		tb.fill("#f-product_name", "Thermos")
		if st := tb.submit("register", "#video-submit"); st != http.StatusOK {
			tb.fail("register", "status %d", st)
		}
		tb.expectText("register", `[data-testid="flash"]`, "Video registered")
		if r, _ := tb.lastResponse("/videos"); r.Status != http.StatusSeeOther {
			tb.fail("register", "POST /videos answered %d, want 303", r.Status)
		}
	}
	tb.expectText("full", `[data-testid="quota-remaining"]`, "0")
	tb.expectText("full", `[data-testid="quota-full"]`, "Today's videos are used up")

	stale.fill("#f-title", "Video 3")
	stale.fill("#f-product_name", "Thermos")
	if st := stale.submit("third", "#video-submit"); st != http.StatusConflict {
		stale.fail("third", "status %d, want 409", st)
	}
	stale.expectText("third", `[data-testid="error-title"]`, "Today's videos are used up; the count resets at 00:00 Beijing time")
	stale.expectText("third", `[data-testid="quota-remaining"]`, "0")

	// Heating without JavaScript: POST → 303 back to the videos, and a refusal is
	// the whole page with status 409, the reason beside the form.
	s.deliver(t, webhookBody(t, []orderEvent{{EventID: "nojs-1", OrderID: "nojs-1", ChannelID: "nojs_channel",
		Source: "short_video", Amount: "2000.00", Status: "settled", SettledAt: "2025-11-25T10:00:00+08:00"}})) // 30.00 points
	tb.open("/dashboard")
	video := `[data-testid="video-row"]:first-of-type`
	tb.fill(video+` input[name="points"]`, "20")
	if st := tb.submit("heat", video+` [data-testid="heat-form"] button[type="submit"]`); st != http.StatusOK {
		tb.fail("heat", "status %d", st)
	}
	if r, _ := tb.lastResponse("/heat"); r.Status != http.StatusSeeOther {
		tb.fail("heat", "POST /heat answered %d, want 303", r.Status)
	}
	tb.expectText("heat", `[data-testid="points-balance"]`, "10.00")
	tb.expectText("heat", video+` [data-testid="video-heated"]`, "20.00")
	tb.fill(video+` input[name="points"]`, "11")
	if st := tb.submit("overspend", video+` [data-testid="heat-form"] button[type="submit"]`); st != http.StatusConflict {
		tb.fail("overspend", "status %d, want 409", st)
	}
	if !tb.has(video + ` [data-testid="heat-error"]`) {
		tb.fail("overspend", "no reason beside the heat form")
	}
	tb.expectText("overspend", `[data-testid="points-balance"]`, "10.00")
}

// appliedAt answers when the account's latest application was filed, in Beijing time.
func (s *server) appliedAt(t *testing.T, email string) time.Time {
	t.Helper()
	ctx := context.Background()
	a, err := s.Store.AccountByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	camp, err := s.Store.RunningCampaign(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.Store.LatestEnrollment(ctx, a.ID, camp.ID)
	if err != nil || e == nil {
		t.Fatalf("enrolment of %s: %v %v", email, e, err)
	}
	return e.CreatedAt.In(models.Beijing)
}

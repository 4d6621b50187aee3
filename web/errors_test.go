package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func mustParse(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestErrorPagesInChinese: unknown pages, wrong methods and CSRF failures answer the
// templ error page in Chinese, with no English status text and no internals.
func TestErrorPagesInChinese(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	creator, _ := e.creator(3200, true, false)
	visitor := e.client()
	tests := []struct {
		name   string
		r      *response
		status int
		text   string
	}{
		{"unknown page", visitor.get("/no-such-page"), 404, "页面不存在,或者你没有权限查看"},
		{"unknown page signed in", creator.get("/no/such/page"), 404, "页面不存在,或者你没有权限查看"},
		{"admin page as creator", creator.get("/admin/enrollments"), 404, "页面不存在,或者你没有权限查看"},
		{"wrong method", creator.post("/dashboard", nil), 405, "不支持这个操作"},
		{"missing token", creator.postRaw("/enrollment", url.Values{}), 403, "页面已过期或请求无效,请刷新后重试"},
		{"visitor posting", visitor.post("/videos", video("x")), 401, "请先登录"},
	}
	for _, tt := range tests {
		wantStatus(t, tt.name, tt.r, tt.status)
		doc := tt.r.doc(t)
		if doc.Find(`[data-testid="error-page"]`).Length() != 1 {
			t.Errorf("%s: not the error page:\n%.300s", tt.name, tt.r.body)
			continue
		}
		if got := strings.TrimSpace(doc.Find(`[data-testid="error-page"] h1`).Text()); got != tt.text {
			t.Errorf("%s: headline %q; want %q", tt.name, got, tt.text)
		}
		title := doc.Find("title").Text()
		if lang, _ := doc.Find("html").Attr("lang"); lang != "zh-CN" {
			t.Errorf("%s: lang %q", tt.name, lang)
		}
		for _, english := range []string{http.StatusText(tt.status), "Not Found", "Forbidden", "Method Not Allowed", "Unauthorized"} {
			if strings.Contains(title, english) || strings.Contains(doc.Find("main").Text(), english) {
				t.Errorf("%s: English %q on the page (title %q)", tt.name, english, title)
			}
		}
		if ct := tt.r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s: Content-Type %q", tt.name, ct)
		}
	}
}

// TestSecurityHeaders checks the CSP and friends on pages, error pages and JSON.
func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	c := e.client()
	for _, path := range []string{"/", "/login", "/no-such-page", "/api/v1/me", "/healthz"} {
		r := c.get(path)
		csp := r.header.Get("Content-Security-Policy")
		for _, directive := range []string{"default-src 'self'", "script-src 'self'", "object-src 'none'",
			"base-uri 'none'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, directive) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, directive)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows unsafe code: %q", path, csp)
		}
		for h, want := range map[string]string{"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
			"Referrer-Policy": "same-origin"} {
			if got := r.header.Get(h); got != want {
				t.Errorf("%s: %s = %q; want %q", path, h, got, want)
			}
		}
	}
	// No inline script on the pages, so the CSP costs nothing.
	for _, path := range []string{"/", "/signup", "/login"} {
		doc := c.get(path).doc(t)
		if n := doc.Find("script:not([src])").Length(); n != 0 {
			t.Errorf("%s: %d inline scripts", path, n)
		}
		if n := doc.Find("[onclick],[onload],[onsubmit],[onchange],[style]").Length(); n != 0 {
			t.Errorf("%s: %d inline handlers or styles", path, n)
		}
	}
}

// TestHomePage: the campaign in plain Chinese with the worked examples and days left.
func TestHomePage(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	r := e.client().get("/")
	wantStatus(t, "home", r, http.StatusOK)
	main := r.text(t, "main")
	for _, want := range []string{"2025年11月22日", "2025年12月31日", "共 40 天", "1,000", "1.5%", "150,000.00",
		"3,000.00", "1,800.00", "¥80,000.00"} {
		if !strings.Contains(main, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if got := r.text(t, `[data-testid="days-left"]`); got != "活动进行中,还剩 36 天" {
		t.Errorf("days left = %q", got)
	}
	if n := r.doc(t).Find(`[data-testid="tier-table"] tbody tr`).Length(); n != 4 {
		t.Errorf("%d tier rows; want 4", n)
	}
}

// TestLanguageSwitch: the choice is remembered, and "next" never leaves the site.
func TestLanguageSwitch(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	c := e.client()
	r := c.post("/lang", url.Values{"lang": {"en"}, "next": {"/login"}})
	wantStatus(t, "switch to English", r, http.StatusSeeOther, "/login")
	if ck := r.cookie("gc_lang"); ck == nil || ck.Value != "en" || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
		t.Errorf("language cookie = %+v", ck)
	}
	if lang, _ := c.get("/login").doc(t).Find("html").Attr("lang"); lang != "en" {
		t.Errorf("html lang = %q after choosing English", lang)
	}
	r = c.post("/lang", url.Values{"lang": {"klingon"}, "next": {"/"}})
	wantStatus(t, "unknown language", r, http.StatusSeeOther, "/")
	if ck := r.cookie("gc_lang"); ck == nil || ck.Value != "zh-CN" {
		t.Errorf("unknown language stored as %+v", ck)
	}
	for _, next := range []string{"https://evil.example/", "//evil.example/", "/\\evil.example/", "evil",
		"/\t/evil.example/", "/\r\n/evil.example/", "\t//evil.example/", ""} {
		r := c.post("/lang", url.Values{"lang": {"zh-CN"}, "next": {next}})
		wantStatus(t, "next="+next, r, http.StatusSeeOther, "/")
	}
	r = c.post("/lang", url.Values{"lang": {"zh-CN"}, "next": {"/dashboard"}})
	wantStatus(t, "next=/dashboard", r, http.StatusSeeOther, "/dashboard")
}

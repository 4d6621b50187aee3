package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"growthcard/models"
)

func TestSignupCreatesAccountAndSignsIn(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	c := e.client()
	wantStatus(t, "GET /signup", c.get("/signup"), http.StatusOK)
	r := c.signup(map[string]string{"email": "  Han.Meimei@Example.com ", "role": "merchant", "fans": "12,000",
		"self_operated": "on", "display_name": "韩梅梅"})
	wantStatus(t, "POST /signup", r, http.StatusSeeOther, "/dashboard")

	a, err := e.store.AccountByEmail(context.Background(), "han.meimei@example.com")
	if err != nil {
		t.Fatalf("account not created: %v", err)
	}
	if a.Role != models.RoleMerchant || a.Fans != 12000 || !a.SelfOperated || !a.ShortVideoEnabled || a.DisplayName != "韩梅梅" {
		t.Errorf("account = %+v", a)
	}
	if !strings.HasPrefix(a.PasswordHash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("password hash %q is not argon2id with OWASP parameters", a.PasswordHash)
	}

	// Signed in: the dashboard is theirs, with the flash shown once.
	d := c.get("/dashboard")
	wantStatus(t, "GET /dashboard after sign-up", d, http.StatusOK)
	if got := d.text(t, `[data-testid="user-name"]`); got != "韩梅梅" {
		t.Errorf("signed in as %q", got)
	}
	if got := d.text(t, `[data-testid="flash"]`); !strings.Contains(got, "注册成功") {
		t.Errorf("flash = %q", got)
	}
	if got := c.get("/dashboard").text(t, `[data-testid="flash"]`); got != "" {
		t.Errorf("flash shown twice: %q", got)
	}
	var actions []string
	e.storeRaw(t, "SELECT action FROM audit_log WHERE actor_id = ? ORDER BY id", &actions, a.ID)
	if len(actions) == 0 || actions[0] != "account.signup" {
		t.Errorf("audit = %v; want account.signup first", actions)
	}
}

// TestSignupInvalid checks each bad field answers 422 with its own Chinese message
// next to the input, keeps what was typed (but never the password), and creates nothing.
func TestSignupInvalid(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	c := e.client()
	tests := []struct {
		field, value, msg string
	}{
		{"email", "not-an-email", "邮箱格式不正确,例如 name@example.com"},
		{"email", "", "请填写邮箱"},
		{"password", "short", "密码至少 8 个字符"},
		{"password", "password", "这个密码太常见,容易被猜到,请换一个"},
		{"display_name", "", "请填写昵称"},
		{"role", "manager", "请选择身份:带货者或商家"},
		{"channel_id", "有中文", "视频号ID应为 3–64 位字母、数字或 _ - . @"},
		{"channel_id", "", "请填写视频号ID"},
		{"channel_name", "", "请填写视频号名称"},
		{"fans", "-1", "有效粉丝数须为 0 到 1000000000 之间的整数"},
		{"fans", "1000000001", "有效粉丝数须为 0 到 1000000000 之间的整数"},
		{"fans", "abc", "有效粉丝数须为 0 到 1000000000 之间的整数"},
		{"fans", "", "请填写有效粉丝数"},
	}
	for _, tt := range tests {
		form := signupForm(nil)
		if tt.value == "" {
			form.Del(tt.field)
		} else {
			form.Set(tt.field, tt.value)
		}
		form.Set("_csrf", c.token())
		r := c.postRaw("/signup", form)
		what := "sign-up with " + tt.field + "=" + tt.value
		wantStatus(t, what, r, http.StatusUnprocessableEntity)
		doc := r.doc(t)
		if tt.field == "role" {
			if got := strings.TrimSpace(doc.Find(`fieldset .field-error`).Text()); got != tt.msg {
				t.Errorf("%s: role error %q; want %q", what, got, tt.msg)
			}
		} else if got := strings.TrimSpace(doc.Find(`[data-testid="error-` + tt.field + `"]`).Text()); got != tt.msg {
			t.Errorf("%s: field error %q; want %q", what, got, tt.msg)
		}
		if n := doc.Find(`.field-error`).Length(); n != 1 {
			t.Errorf("%s: %d field errors; want 1", what, n)
		}
		if !strings.Contains(doc.Find(`[data-testid="form-errors"]`).Text(), tt.msg) {
			t.Errorf("%s: summary lacks the message", what)
		}
		if v, _ := doc.Find(`#f-password`).Attr("value"); v != "" {
			t.Errorf("%s: password echoed back", what)
		}
		if tt.field != "channel_name" {
			if v, _ := doc.Find(`#f-channel_name`).Attr("value"); v != "好物分享" {
				t.Errorf("%s: typed channel name lost: %q", what, v)
			}
		}
		if v, ok := doc.Find(`#f-` + tt.field).Attr("aria-invalid"); tt.field != "role" && (!ok || v != "true") {
			t.Errorf("%s: input not marked aria-invalid", what)
		}
	}
	if n, _ := e.store.CountAccounts(context.Background(), ""); n != 0 {
		t.Errorf("%d accounts created by invalid sign-ups", n)
	}
	wantStatus(t, "still a visitor", c.get("/dashboard"), http.StatusSeeOther, "/login")
}

func TestSignupDuplicates(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	_, a := e.creator(3200, true, false)
	c := e.client()
	r := c.signup(map[string]string{"channel_id": a.Channel()})
	wantStatus(t, "duplicate channel", r, http.StatusUnprocessableEntity)
	if got := r.text(t, `[data-testid="error-channel_id"]`); got != "这个视频号ID已被其他账号绑定" {
		t.Errorf("channel error = %q", got)
	}
	r = c.signup(map[string]string{"email": strings.ToUpper(a.Email)})
	wantStatus(t, "duplicate e-mail", r, http.StatusUnprocessableEntity)
	if got := r.text(t, `[data-testid="error-email"]`); got != "这个邮箱已经注册,请直接登录" {
		t.Errorf("e-mail error = %q", got)
	}
	if n, _ := e.store.CountAccounts(context.Background(), ""); n != 1 {
		t.Errorf("%d accounts; want 1", n)
	}
}

func TestLoginAndCookies(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	_, a := e.creator(3200, true, false)
	c := e.client()
	r := c.get("/login")
	wantStatus(t, "GET /login", r, http.StatusOK)
	if ck := r.cookie("gc_csrf"); ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
		t.Errorf("CSRF cookie = %+v", ck)
	}

	r = c.post("/login", url.Values{"email": {" " + strings.ToUpper(a.Email) + " "}, "password": {testPassword}})
	wantStatus(t, "login", r, http.StatusSeeOther, "/dashboard")
	ck := r.cookie("gc_session")
	if ck == nil {
		t.Fatal("no session cookie")
	}
	if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Secure {
		t.Errorf("session cookie flags: HttpOnly %v SameSite %v Path %q Secure %v", ck.HttpOnly, ck.SameSite, ck.Path, ck.Secure)
	}
	if ck.MaxAge <= 0 || ck.MaxAge > 30*24*3600 {
		t.Errorf("session cookie Max-Age %d", ck.MaxAge)
	}
	if strings.Contains(ck.Value, a.Email) {
		t.Error("session cookie holds the e-mail in clear")
	}
	wantStatus(t, "dashboard", c.get("/dashboard"), http.StatusOK)

	// Signing in again rotates the session: the first cookie stops working.
	old := ck.Value
	r = c.post("/login", url.Values{"email": {a.Email}, "password": {testPassword}})
	wantStatus(t, "second login", r, http.StatusSeeOther, "/dashboard")
	if nck := r.cookie("gc_session"); nck == nil || nck.Value == old {
		t.Fatal("session not rotated at log-in")
	}
	replay := e.client()
	replay.setCookie("gc_session", old)
	wantStatus(t, "old session after rotation", replay.get("/dashboard"), http.StatusSeeOther, "/login")
	wantStatus(t, "new session", c.get("/dashboard"), http.StatusOK)
}

// TestLoginFailuresAnswerAlike checks a wrong password and an unknown e-mail get the
// same status and the same words, so e-mails cannot be probed.
func TestLoginFailuresAnswerAlike(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	_, a := e.creator(3200, true, false)
	c := e.client()
	wrong := c.post("/login", url.Values{"email": {a.Email}, "password": {"wrong-password"}})
	unknown := c.post("/login", url.Values{"email": {"nobody@example.com"}, "password": {"wrong-password"}})
	empty := c.post("/login", url.Values{})
	for name, r := range map[string]*response{"wrong password": wrong, "unknown e-mail": unknown, "empty form": empty} {
		wantStatus(t, name, r, http.StatusUnauthorized)
		if got := r.text(t, `[data-testid="form-errors"]`); got != "邮箱或密码不正确" {
			t.Errorf("%s: message %q", name, got)
		}
		if r.cookie("gc_session") != nil {
			t.Errorf("%s: a session cookie was set", name)
		}
	}
	if wrong.text(t, "main") != strings.Replace(unknown.text(t, "main"), "nobody@example.com", a.Email, 1) {
		t.Error("wrong password and unknown e-mail pages differ beyond the typed e-mail")
	}
	if v, _ := wrong.doc(t).Find("#f-email").Attr("value"); v != a.Email {
		t.Errorf("typed e-mail not kept: %q", v)
	}
}

// TestLoginThrottle: the sixth failure in 15 minutes for an account answers 429 even
// with the right password, until the window has passed.
func TestLoginThrottle(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	_, a := e.creator(3200, true, false)
	c := e.client()
	for i := 1; i <= 5; i++ {
		r := c.post("/login", url.Values{"email": {a.Email}, "password": {"wrong-password"}})
		wantStatus(t, "failure", r, http.StatusUnauthorized)
	}
	for _, pw := range []string{"wrong-password", testPassword} {
		r := c.post("/login", url.Values{"email": {a.Email}, "password": {pw}})
		wantStatus(t, "sixth attempt with "+pw, r, http.StatusTooManyRequests)
		if r.header.Get("Retry-After") == "" || !strings.Contains(r.text(t, `[data-testid="form-errors"]`), "尝试次数过多") {
			t.Errorf("429 without Retry-After or message: %q", r.text(t, `[data-testid="form-errors"]`))
		}
	}
	// Another browser does not help: the limit is per account.
	wantStatus(t, "from a fresh browser", e.client().post("/login", url.Values{"email": {a.Email}, "password": {testPassword}}),
		http.StatusTooManyRequests)
	// Nor does a forged X-Forwarded-For.
	form := url.Values{"email": {a.Email}, "password": {testPassword}, "_csrf": {c.token()}}
	wantStatus(t, "forged X-Forwarded-For", c.postRaw("/login", form, "X-Forwarded-For", "203.0.113.9", "X-Real-IP", "203.0.113.9"),
		http.StatusTooManyRequests)

	e.clock.Advance(15*time.Minute + time.Second)
	wantStatus(t, "after the window", c.post("/login", url.Values{"email": {a.Email}, "password": {testPassword}}),
		http.StatusSeeOther, "/dashboard")
}

// TestLoginThrottlePerAddressIgnoresForgedHeader fills the per-address budget from
// 127.0.0.1 and then tries a fresh account with a forged X-Forwarded-For: the server
// takes the TCP peer as the client, so the header cannot reset the limit.
func TestLoginThrottlePerAddressIgnoresForgedHeader(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	_, a := e.creator(3200, true, false)
	for i := 0; i < 20; i++ {
		if err := e.store.RecordLogin(context.Background(), "someone-else@example.com", "127.0.0.1", false); err != nil {
			t.Fatal(err)
		}
	}
	c := e.client()
	for _, hdr := range [][]string{
		{"X-Forwarded-For", "198.51.100.7"},
		{"X-Real-IP", "198.51.100.7"},
		{"X-Forwarded-For", "198.51.100.7, 127.0.0.1"},
	} {
		form := url.Values{"email": {a.Email}, "password": {testPassword}, "_csrf": {c.token()}}
		wantStatus(t, "log-in with "+hdr[0]+": "+hdr[1], c.postRaw("/login", form, hdr...), http.StatusTooManyRequests)
	}
}

func TestLogoutEndsServerSession(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	c, _ := e.creator(3200, true, false)
	old := c.cookie("gc_session")
	if old == "" {
		t.Fatal("no session cookie in the jar")
	}
	r := c.post("/logout", nil)
	wantStatus(t, "logout", r, http.StatusSeeOther, "/")
	if ck := r.cookie("gc_session"); ck == nil || ck.MaxAge >= 0 {
		t.Errorf("logout did not expire the cookie: %+v", ck)
	}
	wantStatus(t, "dashboard after logout", c.get("/dashboard"), http.StatusSeeOther, "/login")

	// The old cookie, replayed, no longer opens anything: the server forgot it.
	replay := e.client()
	replay.setCookie("gc_session", old)
	wantStatus(t, "replayed cookie", replay.get("/dashboard"), http.StatusSeeOther, "/login")
	wantStatus(t, "replayed cookie on the API", replay.get("/api/v1/me"), http.StatusUnauthorized)
	var n int64
	e.storeRaw(t, "SELECT count(*) FROM sessions", &n)
	if n != 0 {
		t.Errorf("%d sessions left after logout", n)
	}
}

// TestSessionExpires: a session lasts its TTL by the program clock, then the
// dashboard sends the creator to log in again.
func TestSessionExpires(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	c, _ := e.creator(3200, true, false)
	e.clock.Advance(e.h.SessionTTL - time.Minute)
	wantStatus(t, "before expiry", c.get("/dashboard"), http.StatusOK)
	e.clock.Advance(2 * time.Minute)
	wantStatus(t, "after expiry", c.get("/dashboard"), http.StatusSeeOther, "/login")
}

// TestVisitorIsSentToLogin checks the redirect and its message.
func TestVisitorIsSentToLogin(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	c := e.client()
	wantStatus(t, "visitor dashboard", c.get("/dashboard"), http.StatusSeeOther, "/login")
	r := c.get("/login")
	if got := r.text(t, `[data-testid="flash"]`); got != "请先登录" {
		t.Errorf("flash on /login = %q", got)
	}
}

func TestManagerLogsInToAdmin(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	m, err := e.store.UpsertManager(context.Background(), "boss@example.com", "运营", testHash)
	if err != nil {
		t.Fatal(err)
	}
	c := e.client()
	r := c.post("/login", url.Values{"email": {m.Email}, "password": {testPassword}})
	wantStatus(t, "manager login", r, http.StatusSeeOther, "/admin")
	wantStatus(t, "manager queue", c.get("/admin/enrollments?status=pending"), http.StatusOK)
}

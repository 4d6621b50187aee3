package web_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gorilla/sessions"
	_ "github.com/mattn/go-sqlite3" // storeRaw reads the test database directly
	"github.com/prometheus/client_golang/prometheus"

	"growthcard/handlers"
	"growthcard/models"
	"growthcard/models/store"
	"growthcard/static"
	"growthcard/views/i18n"
	"growthcard/web"
)

// inCampaign is Wednesday 2025-11-26 10:00 Beijing, day 5 of the default campaign.
var inCampaign = time.Date(2025, 11, 26, 10, 0, 0, 0, models.Beijing)

// testPassword is every test account's password.
const testPassword = "growthcard-test-pw"

var (
	hashOnce sync.Once
	testHash string
	seq      atomic.Int64
	bundle   *i18n.Bundle
	assets   *static.Assets
)

// shared builds what every server can share: the password hash (argon2id costs tens
// of milliseconds), the i18n bundle and the embedded assets.
func shared(t testing.TB) {
	t.Helper()
	hashOnce.Do(func() {
		var err error
		if testHash, err = handlers.HashPassword(testPassword); err != nil {
			panic(err)
		}
		if bundle, err = i18n.New(); err != nil {
			panic(err)
		}
		if assets, err = static.Load(); err != nil {
			panic(err)
		}
	})
}

// env is one running server over a fresh database, with its movable clock.
type env struct {
	t     testing.TB
	srv   *httptest.Server
	store *store.Store
	clock *models.Clock
	h     *handlers.Handler
	http  http.Handler
	path  string
}

// newServer starts the real server (web.New over handlers.New) on loopback with a
// fresh SQLite database in t.TempDir() and a clock started at now.
func newServer(t testing.TB, now time.Time) *env {
	t.Helper()
	shared(t)
	clock := models.NewClock(now, nil)
	path := filepath.Join(t.TempDir(), "growthcard.db")
	st, err := store.Open(path, clock.Now)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	errs := &errorLog{}
	log := slog.New(slog.NewTextHandler(errs, &slog.HandlerOptions{Level: slog.LevelError}))
	h := handlers.New(handlers.Deps{Store: st, Now: clock.Now, Log: log, I18n: bundle, Asset: assets.URL,
		Sessions:      sessions.NewCookieStore([]byte("0123456789abcdef0123456789abcdef"), []byte("fedcba9876543210fedcba9876543210")),
		WebhookSecret: []byte("test-secret")})
	e := web.New(h, web.Options{Log: log, Static: assets, Registry: prometheus.NewRegistry()})
	srv := httptest.NewServer(e)
	t.Cleanup(func() {
		srv.Close()
		if err := st.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
		for _, line := range errs.all() {
			t.Errorf("server logged an error: %s", line)
		}
	})
	return &env{t: t, srv: srv, store: st, clock: clock, h: h, http: e, path: path}
}

// client is a browser stand-in: a cookie jar, no redirects followed, and the CSRF
// token read from the last form it saw.
type client struct {
	t    testing.TB
	env  *env
	c    *http.Client
	csrf string
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: e.t, env: e, c: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// response is an answer read whole.
type response struct {
	status int
	header http.Header
	body   string
	resp   *http.Response
}

// doc parses the body as HTML.
func (r *response) doc(t testing.TB) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatalf("parse html: %v", err)
	}
	return d
}

// text returns the trimmed text of the first element matching sel.
func (r *response) text(t testing.TB, sel string) string {
	t.Helper()
	return strings.TrimSpace(r.doc(t).Find(sel).First().Text())
}

// location is the redirect target.
func (r *response) location() string { return r.header.Get("Location") }

// cookie returns the Set-Cookie named name, or nil.
func (r *response) cookie(name string) *http.Cookie {
	for _, c := range r.resp.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func (c *client) do(req *http.Request) *response {
	c.t.Helper()
	res, err := c.c.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatalf("read body: %v", err)
	}
	r := &response{status: res.StatusCode, header: res.Header, body: string(b), resp: res}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		if tok, ok := r.doc(c.t).Find(`input[name="_csrf"]`).First().Attr("value"); ok && tok != "" {
			c.csrf = tok
		}
	}
	return r
}

// get fetches path.
func (c *client) get(path string, header ...string) *response {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.env.srv.URL+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.do(req)
}

// token returns the CSRF token of this client, fetching a form when none was seen yet.
func (c *client) token() string {
	c.t.Helper()
	if c.csrf == "" {
		c.get("/login")
		if c.csrf == "" {
			c.t.Fatal("no _csrf field on /login")
		}
	}
	return c.csrf
}

// post submits a form with the client's CSRF token added.
func (c *client) post(path string, form url.Values) *response {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["_csrf"]; !ok {
		form.Set("_csrf", c.token())
	}
	return c.postRaw(path, form)
}

// postRaw submits the form exactly as given.
func (c *client) postRaw(path string, form url.Values, header ...string) *response {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.env.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.do(req)
}

// signupForm is a valid sign-up with unique e-mail and channel; overrides replace fields
// (an empty value removes the field, as an unticked checkbox would be).
func signupForm(overrides map[string]string) url.Values {
	n := seq.Add(1)
	f := url.Values{
		"email": {fmt.Sprintf("creator%d@example.com", n)}, "password": {testPassword},
		"display_name": {fmt.Sprintf("带货者%d", n)}, "role": {"creator"},
		"channel_id": {fmt.Sprintf("sph_%d", n)}, "channel_name": {"好物分享"}, "fans": {"3200"},
		"short_video_enabled": {"on"},
	}
	for k, v := range overrides {
		if v == "" {
			f.Del(k)
		} else {
			f.Set(k, v)
		}
	}
	return f
}

// signup posts the sign-up form.
func (c *client) signup(overrides map[string]string) *response {
	c.t.Helper()
	return c.post("/signup", signupForm(overrides))
}

// login posts the log-in form and insists it works.
func (c *client) login(email string) {
	c.t.Helper()
	r := c.post("/login", url.Values{"email": {email}, "password": {testPassword}})
	if r.status != http.StatusSeeOther {
		c.t.Fatalf("login %s: %d\n%s", email, r.status, r.body)
	}
}

// creator makes a creator through the store (no hashing per account) and returns a
// client signed in as it.
func (e *env) creator(fans int64, enabled, selfOperated bool) (*client, models.Account) {
	e.t.Helper()
	n := seq.Add(1)
	ch := fmt.Sprintf("sph_%d", n)
	a := models.Account{Email: fmt.Sprintf("creator%d@example.com", n), PasswordHash: testHash,
		DisplayName: fmt.Sprintf("带货者%d", n), Role: models.RoleCreator, ChannelID: &ch,
		ChannelName: fmt.Sprintf("好物%d号", n), Fans: fans, ShortVideoEnabled: enabled, SelfOperated: selfOperated}
	if err := e.store.CreateAccount(context.Background(), &a); err != nil {
		e.t.Fatalf("create creator: %v", err)
	}
	c := e.client()
	c.login(a.Email)
	return c, a
}

// manager makes a manager with store.UpsertManager and returns a signed-in client.
func (e *env) manager() (*client, models.Account) {
	e.t.Helper()
	m, err := e.store.UpsertManager(context.Background(), fmt.Sprintf("manager%d@example.com", seq.Add(1)), "运营", testHash)
	if err != nil {
		e.t.Fatalf("create manager: %v", err)
	}
	c := e.client()
	c.login(m.Email)
	return c, m
}

// wantStatus fails unless r has status want (and, for redirects, the location).
func wantStatus(t testing.TB, what string, r *response, want int, location ...string) {
	t.Helper()
	if r.status != want {
		body := r.body
		if len(body) > 600 {
			body = body[:600] + "…"
		}
		t.Errorf("%s: status %d; want %d\n%s", what, r.status, want, body)
		return
	}
	if len(location) > 0 && r.location() != location[0] {
		t.Errorf("%s: Location %q; want %q", what, r.location(), location[0])
	}
}

// actorOf names account a for the store's audit log.
func actorOf(a models.Account) store.Actor { return store.Actor{ID: a.ID, Email: a.Email} }

// errorLog collects the server's error-level log lines: any of them fails the test, so
// a 500 or a failed error page cannot hide behind a right status code.
type errorLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *errorLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, strings.TrimSpace(string(p)))
	return len(p), nil
}

func (l *errorLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

// storeRaw runs a read-only query on the test database through its own connection
// (the store exports no SQL) and scans the rows into dest: *[]string, *int64 or *[]int64.
func (e *env) storeRaw(t testing.TB, query string, dest any, args ...any) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+e.path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	for rows.Next() {
		switch d := dest.(type) {
		case *[]string:
			var v string
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			*d = append(*d, v)
		case *[]int64:
			var v int64
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			*d = append(*d, v)
		case *int64:
			if err := rows.Scan(d); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("storeRaw: cannot scan into %T", dest)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// cookie returns the value of the client's cookie name for the server, or "".
func (c *client) cookie(name string) string {
	u, _ := url.Parse(c.env.srv.URL)
	for _, ck := range c.c.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// setCookie puts a cookie in the client's jar, as a replaying attacker would.
func (c *client) setCookie(name, value string) {
	u, _ := url.Parse(c.env.srv.URL)
	c.c.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}

package handlers_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/sessions"

	"growthcard/handlers"
	"growthcard/models"
	"growthcard/models/store"
	"growthcard/views/i18n"
	"growthcard/web"
)

// ptNow is the app clock in these tests: inside the default campaign.
var ptNow = time.Date(2025, 12, 20, 10, 0, 0, 0, models.Beijing)

// ptSecret is the webhook secret of the test server.
var ptSecret = []byte("test-webhook-secret")

// ptEnv is a real server on loopback over a fresh SQLite database.
type ptEnv struct {
	t    testing.TB
	srv  *httptest.Server
	st   *store.Store
	h    *handlers.Handler
	camp models.Campaign
	hash string // one password hash shared by every test account: argon2id is slow
	n    int
}

// ptPassword is every test account's password.
const ptPassword = "correct horse battery"

// newPtEnv starts the full stack (web.New: middleware, CSRF, routes) for one test.
func newPtEnv(t testing.TB) *ptEnv {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "gc.db"), func() time.Time { return ptNow })
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h := handlers.New(handlers.Deps{Store: st, Sessions: sessions.NewCookieStore(bytes.Repeat([]byte("k"), 32)),
		Now: func() time.Time { return ptNow }, Log: log, I18n: bundle, WebhookSecret: ptSecret})
	srv := httptest.NewServer(web.New(h, web.Options{Log: log}))
	t.Cleanup(func() {
		srv.Close()
		h.WaitImports()
		st.Close()
	})
	camp, err := st.RunningCampaign(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	hash, err := handlers.HashPassword(ptPassword)
	if err != nil {
		t.Fatal(err)
	}
	return &ptEnv{t: t, srv: srv, st: st, h: h, camp: camp, hash: hash}
}

// ptClient is a browser: a cookie jar that does not follow redirects.
type ptClient struct {
	t    testing.TB
	base string
	c    *http.Client
}

// client returns a fresh browser for the env's server.
func (e *ptEnv) client() *ptClient {
	jar, _ := cookiejar.New(nil)
	return &ptClient{t: e.t, base: e.srv.URL, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// creator creates a creator bound to channel with an enrolment in status ("" for
// none, pending or approved) and returns a logged-in browser and the account.
func (e *ptEnv) creator(channel, status string) (*ptClient, models.Account) {
	e.t.Helper()
	ctx := context.Background()
	ch := channel
	a := models.Account{Email: channel + "@example.com", PasswordHash: e.hash, DisplayName: "创作者" + channel,
		Role: models.RoleCreator, ChannelID: &ch, ChannelName: "好物" + channel, Fans: 5000, ShortVideoEnabled: true}
	if err := e.st.CreateAccount(ctx, &a); err != nil {
		e.t.Fatal(err)
	}
	if status != "" {
		en, err := e.st.Enroll(ctx, store.Actor{ID: a.ID}, a.ID, e.camp.ID)
		if err != nil {
			e.t.Fatal(err)
		}
		if status == models.EnrollApproved {
			if err := e.st.Decide(ctx, e.managerActor(), []int64{en.ID}, store.Decision{Approve: true}); err != nil {
				e.t.Fatal(err)
			}
		}
	}
	return e.login(a.Email), a
}

// managerActor creates (once) the manager account and returns it as an actor.
func (e *ptEnv) managerActor() store.Actor {
	e.t.Helper()
	m, err := e.st.UpsertManager(context.Background(), "boss@example.com", "运营", e.hash)
	if err != nil {
		e.t.Fatal(err)
	}
	return store.Actor{ID: m.ID, Email: m.Email}
}

// manager returns a logged-in manager's browser.
func (e *ptEnv) manager() *ptClient {
	e.t.Helper()
	return e.login(e.managerActor().Email)
}

// login signs email in through the real form.
func (e *ptEnv) login(email string) *ptClient {
	e.t.Helper()
	c := e.client()
	c.get("/login")
	res := c.post("/login", url.Values{"email": {email}, "password": {ptPassword}})
	if res.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login %s: %d", email, res.StatusCode)
	}
	return c
}

// video registers a product video for the account.
func (e *ptEnv) video(a models.Account, title string) models.Video {
	e.t.Helper()
	v := models.Video{AccountID: a.ID, CampaignID: e.camp.ID, Title: title, ProductName: "好物", Day: models.Day(ptNow)}
	if err := e.st.RegisterVideo(context.Background(), &v, 100); err != nil {
		e.t.Fatal(err)
	}
	return v
}

// ingest feeds settled short-video orders straight into the store.
func (e *ptEnv) ingest(events ...models.OrderEvent) {
	e.t.Helper()
	if _, err := e.st.IngestEvents(context.Background(), events, "test"); err != nil {
		e.t.Fatal(err)
	}
}

// settled is a settled short-video order event of yuan at t.
func settled(id, channel string, yuan int64, at time.Time) models.OrderEvent {
	return models.OrderEvent{EventID: id, OrderID: id, ChannelID: channel, Source: models.SourceShortVideo,
		Amount: models.Fen(yuan * 100), Status: models.StatusSettled, SettledAt: at}
}

// ptResp is a read response.
type ptResp struct {
	*http.Response
	body string
}

func (c *ptClient) do(req *http.Request) ptResp {
	c.t.Helper()
	res, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return ptResp{res, string(b)}
}

// get fetches path.
func (c *ptClient) get(path string, header ...string) ptResp {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.do(req)
}

// csrf returns the CSRF token the server gave this browser (fetching a page first).
func (c *ptClient) csrf() string {
	c.t.Helper()
	u, _ := url.Parse(c.base)
	for _, ck := range c.c.Jar.Cookies(u) {
		if ck.Name == "gc_csrf" {
			return ck.Value
		}
	}
	c.get("/")
	for _, ck := range c.c.Jar.Cookies(u) {
		if ck.Name == "gc_csrf" {
			return ck.Value
		}
	}
	c.t.Fatal("no CSRF cookie")
	return ""
}

// post submits a form with the CSRF token.
func (c *ptClient) post(path string, form url.Values) ptResp {
	c.t.Helper()
	form.Set("_csrf", c.csrf())
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// upload posts a file as multipart field "file", with the CSRF token.
func (c *ptClient) upload(path, name, content string) ptResp {
	c.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("_csrf", c.csrf())
	fw, _ := w.CreateFormFile("file", name)
	_, _ = io.WriteString(fw, content)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.do(req)
}

// signedWebhook builds a webhook request for body signed with secret at ts, as the
// platform would send it.
func signedWebhook(t testing.TB, base string, secret []byte, body string, ts time.Time) *http.Request {
	t.Helper()
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(stamp + "." + body))
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/webhooks/orders", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Growthcard-Timestamp", stamp)
	req.Header.Set("X-Growthcard-Signature", "sha256="+hex.EncodeToString(mac.Sum(nil)))
	return req
}

// itoa formats an id for a URL.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// emptyForm is a form with no fields (the CSRF token is added on post).
func emptyForm() url.Values { return url.Values{} }

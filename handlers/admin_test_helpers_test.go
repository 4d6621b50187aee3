package handlers_test

// Helpers of the manager console's handler tests, all prefixed adm: a fresh SQLite
// store per test, the real echo server from web.New over httptest, a client with a
// cookie jar that logs in through the form, and CSRF tokens read from forms.

import (
	"context"
	"crypto/sha256"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gorilla/sessions"

	"growthcard/handlers"
	"growthcard/models"
	"growthcard/models/store"
	"growthcard/views/i18n"
	"growthcard/web"
)

// admPassword is every test account's password.
const admPassword = "correct-horse-battery"

// admStart is the tests' clock: day 19 of the default campaign.
var admStart = time.Date(2025, 12, 10, 10, 0, 0, 0, models.Beijing)

// admEnv is one test's server and data.
type admEnv struct {
	t     testing.TB
	st    *store.Store
	db    string
	clock *models.Clock
	srv   *httptest.Server
	camp  models.Campaign
	hash  string
}

// admSetup opens a fresh store and serves the real application over loopback.
func admSetup(t testing.TB) *admEnv {
	t.Helper()
	dir := t.TempDir()
	clock := models.NewClock(admStart, time.Now)
	path := filepath.Join(dir, "test.db")
	st, err := store.Open(path, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	bundle, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	hk, bk := sha256.Sum256([]byte("adm-hash")), sha256.Sum256([]byte("adm-block"))
	h := handlers.New(handlers.Deps{Store: st, Sessions: sessions.NewCookieStore(hk[:], bk[:]), Now: clock.Now,
		Log: log, I18n: bundle, WebhookSecret: []byte("adm-secret")})
	srv := httptest.NewServer(web.New(h, web.Options{Log: log}))
	t.Cleanup(srv.Close)
	camp, err := st.RunningCampaign(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	hash, err := handlers.HashPassword(admPassword)
	if err != nil {
		t.Fatal(err)
	}
	return &admEnv{t: t, st: st, db: path, clock: clock, srv: srv, camp: camp, hash: hash}
}

// admManager creates a manager account.
func (env *admEnv) admManager(email string) models.Account {
	env.t.Helper()
	a, err := env.st.UpsertManager(context.Background(), email, "运营", env.hash)
	if err != nil {
		env.t.Fatal(err)
	}
	return a
}

// admCreator creates a creator with a channel named after the e-mail's local part.
func (env *admEnv) admCreator(email string, fans int64, opts ...func(*models.Account)) models.Account {
	env.t.Helper()
	ch, _, _ := strings.Cut(email, "@")
	a := models.Account{Email: email, PasswordHash: env.hash, DisplayName: "创作者" + ch, Role: models.RoleCreator,
		ChannelID: &ch, ChannelName: "频道" + ch, Fans: fans, ShortVideoEnabled: true}
	for _, o := range opts {
		o(&a)
	}
	if err := env.st.CreateAccount(context.Background(), &a); err != nil {
		env.t.Fatal(err)
	}
	return a
}

// admEnroll files a pending application of a.
func (env *admEnv) admEnroll(a models.Account) models.Enrollment {
	env.t.Helper()
	e, err := env.st.Enroll(context.Background(), store.Actor{ID: a.ID, Email: a.Email}, a.ID, env.camp.ID)
	if err != nil {
		env.t.Fatal(err)
	}
	return e
}

// admSettle stores a settled short-video order of yuan on channel at instant at.
func (env *admEnv) admSettle(orderID, channel string, yuan int64, at time.Time) {
	env.t.Helper()
	_, err := env.st.IngestEvents(context.Background(), []models.OrderEvent{{EventID: orderID + "-s",
		OrderID: orderID, ChannelID: channel, Source: models.SourceShortVideo, Amount: models.Fen(yuan * 100),
		Status: models.StatusSettled, SettledAt: at}}, "test")
	if err != nil {
		env.t.Fatal(err)
	}
}

// admClient is a browser: a cookie jar and no redirect following.
type admClient struct {
	t    testing.TB
	base string
	c    *http.Client
}

// admVisitor returns a client that is not signed in.
func (env *admEnv) admVisitor() *admClient {
	jar, _ := cookiejar.New(nil)
	return &admClient{t: env.t, base: env.srv.URL, c: &http.Client{Jar: jar, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// admLogin signs in through the log-in form and fails the test otherwise.
func (env *admEnv) admLogin(email string) *admClient {
	env.t.Helper()
	c := env.admVisitor()
	res := c.admPost("/login", "/login", url.Values{"email": {email}, "password": {admPassword}})
	if res.StatusCode != http.StatusSeeOther {
		env.t.Fatalf("log-in of %s: %d", email, res.StatusCode)
	}
	return c
}

// admGet fetches path and parses the page (a nil document for non-HTML answers).
func (c *admClient) admGet(path string) (*http.Response, *goquery.Document) {
	c.t.Helper()
	res, err := c.c.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		return res, nil
	}
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return res, doc
}

// admBody fetches path and returns the answer with its whole body.
func (c *admClient) admBody(path string) (*http.Response, []byte) {
	c.t.Helper()
	res, err := c.c.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return res, b
}

// admCSRF reads the CSRF token from the first form of the page at path.
func (c *admClient) admCSRF(path string) string {
	c.t.Helper()
	_, doc := c.admGet(path)
	if doc == nil {
		c.t.Fatalf("%s is not a page", path)
	}
	tok, ok := doc.Find(`form input[name="_csrf"]`).First().Attr("value")
	if !ok || tok == "" {
		c.t.Fatalf("no CSRF token on %s", path)
	}
	return tok
}

// admPost submits form to path with the CSRF token of the page at from, and parses
// the answer when it is a page. The body is read and closed.
func (c *admClient) admPost(from, path string, form url.Values) *http.Response {
	c.t.Helper()
	res, _ := c.admPostDoc(from, path, form)
	return res
}

// admPostDoc is admPost that also returns the parsed answer.
func (c *admClient) admPostDoc(from, path string, form url.Values) (*http.Response, *goquery.Document) {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("_csrf", c.admCSRF(from))
	res, err := c.c.PostForm(c.base+path, form)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		return res, nil
	}
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return res, doc
}

// admStatus fails the test unless res answered want.
func admStatus(t testing.TB, what string, res *http.Response, want int) {
	t.Helper()
	if res.StatusCode != want {
		t.Fatalf("%s: status %d; want %d", what, res.StatusCode, want)
	}
}

// admEnrollmentStatus reads an enrolment's status from the store.
func (env *admEnv) admEnrollmentStatus(id int64) string {
	env.t.Helper()
	e, err := env.st.Enrollment(context.Background(), id)
	if err != nil {
		env.t.Fatal(err)
	}
	return e.Status
}

// admAudit lists the audit entries of one action.
func (env *admEnv) admAudit(action string) []models.AuditRecord {
	env.t.Helper()
	rows, _, err := env.st.ListAudit(context.Background(), models.AuditFilter{Action: action, PerPage: 200})
	if err != nil {
		env.t.Fatal(err)
	}
	return rows
}

func admID(id int64) string { return strconv.FormatInt(id, 10) }

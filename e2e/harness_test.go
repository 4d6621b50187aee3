package e2e

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/sessions"

	"growthcard/handlers"
	"growthcard/models"
	"growthcard/models/store"
	"growthcard/static"
	"growthcard/views/i18n"
	"growthcard/web"
)

// campaignNow is the instant every test's clock starts at: day 5 of the first
// campaign, a Wednesday morning in Beijing.
var campaignNow = time.Date(2025, 11, 26, 10, 0, 0, 0, models.Beijing)

// webhookSecret signs the order webhook in the tests.
const webhookSecret = "e2e-webhook-secret"

// password is every test account's password.
const password = "correct-horse-42"

// passwordHash is the argon2id hash of password, computed once: every test
// account shares it (the hashing is slow on purpose, slower still under -race).
var passwordHash = sync.OnceValues(func() (string, error) { return handlers.HashPassword(password) })

// server is one growthcard instance on loopback with its own fresh database.
type server struct {
	URL   string
	Store *store.Store
	Clock *models.Clock
	logs  *lockedBuffer

	approver models.Account // the manager behind enrol's approvals
}

// newServer starts the real server in-process on 127.0.0.1:0 with a fresh SQLite
// database in t.TempDir(), the clock at campaignNow and the test webhook secret.
// It stops when t ends.
func newServer(t *testing.T) *server {
	t.Helper()
	s := startServer(t, t.TempDir(), t.Cleanup)
	t.Cleanup(func() {
		if t.Failed() && s.logs.Len() > 0 {
			t.Logf("server log:\n%s", s.logs.String())
		}
	})
	return s
}

// afterAll holds the clean-ups of what outlives a single test; TestMain runs them.
var afterAll []func()

// startServer starts a server with its database in dir; cleanup receives the func
// that stops it.
func startServer(t *testing.T, dir string, cleanup func(func())) *server {
	t.Helper()
	clock := models.NewClock(campaignNow, time.Now)
	st, err := store.Open(filepath.Join(dir, "e2e.db"), clock.Now)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	bundle, err := i18n.New()
	if err != nil {
		t.Fatalf("i18n: %v", err)
	}
	assets, err := static.Load()
	if err != nil {
		t.Fatalf("static: %v", err)
	}
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	key := sha256.Sum256([]byte("e2e-session-key:" + dir))
	h := handlers.New(handlers.Deps{Store: st, Sessions: sessions.NewCookieStore(key[:], key[:]),
		Now: clock.Now, Log: log, I18n: bundle, Asset: assets.URL, WebhookSecret: []byte(webhookSecret)})
	e := web.New(h, web.Options{Log: log, Static: assets})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		_ = st.Close()
	})
	return &server{URL: "http://" + ln.Addr().String(), Store: st, Clock: clock, logs: logs}
}

// creator creates a creator account with a channel directly in the store.
func (s *server) creator(t *testing.T, email, name, channel string, fans int64) models.Account {
	t.Helper()
	hash, err := passwordHash()
	if err != nil {
		t.Fatal(err)
	}
	a := models.Account{Email: email, PasswordHash: hash, DisplayName: name, Role: models.RoleCreator,
		ChannelID: &channel, ChannelName: name + "的视频号", Fans: fans, ShortVideoEnabled: true}
	if err := s.Store.CreateAccount(context.Background(), &a); err != nil {
		t.Fatalf("create creator: %v", err)
	}
	return a
}

// manager creates a campaign manager directly in the store, as create-manager does.
func (s *server) manager(t *testing.T, email string) models.Account {
	t.Helper()
	hash, err := passwordHash()
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Store.UpsertManager(context.Background(), email, "审核运营", hash)
	if err != nil {
		t.Fatalf("create manager: %v", err)
	}
	return a
}

// enrol files an application for the account and, when approve is set, approves it.
func (s *server) enrol(t *testing.T, a models.Account, approve bool) models.Enrollment {
	t.Helper()
	ctx := context.Background()
	camp, err := s.Store.RunningCampaign(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.Store.Enroll(ctx, store.Actor{ID: a.ID, Email: a.Email}, a.ID, camp.ID)
	if err != nil {
		t.Fatalf("enrol: %v", err)
	}
	if approve {
		if s.approver.ID == 0 {
			s.approver = s.manager(t, "approver@e2e.test")
		}
		who := store.Actor{ID: s.approver.ID, Email: s.approver.Email}
		if err := s.Store.Decide(ctx, who, []int64{e.ID}, store.Decision{Approve: true}); err != nil {
			t.Fatalf("approve: %v", err)
		}
	}
	return e
}

// video registers a product video for the account today.
func (s *server) video(t *testing.T, a models.Account, title, product string) models.Video {
	t.Helper()
	ctx := context.Background()
	camp, err := s.Store.RunningCampaign(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v := models.Video{AccountID: a.ID, CampaignID: camp.ID, Day: models.Day(s.Clock.Now()), Title: title, ProductName: product}
	if err := s.Store.RegisterVideo(ctx, &v, camp.Tiers.Limit(a.Fans)); err != nil {
		t.Fatalf("register video: %v", err)
	}
	return v
}

// orderEvent is one event of the order webhook, as SPEC defines it.
type orderEvent struct {
	EventID   string `json:"event_id"`
	OrderID   string `json:"order_id"`
	ChannelID string `json:"channel_id"`
	VideoID   string `json:"video_id"`
	Source    string `json:"source"`
	Amount    string `json:"amount"`
	Status    string `json:"status"`
	SettledAt string `json:"settled_at"`
}

// postOrders delivers events through the signed webhook: HMAC-SHA256 over
// timestamp + "." + body, the timestamp taken from the real wall clock.
func (s *server) postOrders(t *testing.T, body []byte) (int, string) {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(webhookSecret))
	mac.Write([]byte(ts + "." + string(body)))
	req, err := http.NewRequest(http.MethodPost, s.URL+"/api/v1/webhooks/orders", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Growthcard-Timestamp", ts)
	req.Header.Set("X-Growthcard-Signature", "sha256="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("webhook: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// webhookAnswer is the webhook's answer: the tallies, then each event in order.
type webhookAnswer struct {
	Applied   int `json:"applied"`
	Duplicate int `json:"duplicate"`
	Rejected  int `json:"rejected"`
	Results   []struct {
		EventID string `json:"event_id"`
		Status  string `json:"status"`
		Reason  string `json:"reason"`
	} `json:"results"`
}

// deliver posts events through the signed webhook and decodes its 200 answer; any
// other status fails the test.
func (s *server) deliver(t *testing.T, body []byte) webhookAnswer {
	t.Helper()
	code, answer := s.postOrders(t, body)
	if code != http.StatusOK {
		t.Fatalf("webhook: %d %s", code, answer)
	}
	var a webhookAnswer
	if err := json.Unmarshal([]byte(answer), &a); err != nil {
		t.Fatalf("webhook answer %s: %v", answer, err)
	}
	return a
}

// lockedBuffer is a bytes.Buffer safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Len()
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// chromiumPath finds the system Chromium; nothing here ever downloads a browser.
func chromiumPath() string {
	if p := os.Getenv("GROWTHCARD_CHROMIUM"); p != "" { // a browser of one's choice
		if _, err := os.Stat(p); err != nil {
			return ""
		}
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// requireChromium skips the test when Chromium is missing, or fails it under CI=true.
func requireChromium(t *testing.T) string {
	t.Helper()
	p := chromiumPath()
	if p == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is missing and CI=true: install it (make browser) so the browser tests run")
		}
		t.Skip("Chromium is missing: browser tests skipped (make browser installs it; CI=true makes this fail)")
	}
	return p
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// artifactDir is where a test's failure screenshots and HTML go.
func artifactDir(t *testing.T) string {
	return filepath.Join("artifacts", unsafeName.ReplaceAllString(t.Name(), "_"))
}

// short trims s for a failure message.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) > 300 {
		return string([]rune(s)[:300]) + "…"
	}
	return s
}

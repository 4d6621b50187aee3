package web_test

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/sessions"
	"github.com/prometheus/client_golang/prometheus"

	"growthcard/handlers"
	"growthcard/models"
	"growthcard/models/store"
	"growthcard/web"
)

// The load database: loadAccounts approved creators, each with loadOrdersPerAccount
// orders and loadVideosPerAccount videos. The last loadTrickle orders arrive through
// IngestEvents after the approvals, webhook-sized, so ledgers hold the entries that
// arrival writes.
const (
	loadAccounts         = 10_000
	loadOrdersPerAccount = 100 // 1,000,000 orders
	loadVideosPerAccount = 10
	loadTrickle          = 100_000
	loadFirstID          = 1000 // creators' account and enrolment ids start here
	loadSessions         = 500  // creators signed in for the benchmark, picked at random per request
	// loadSeedVersion names the seeding below in the cached file's name: change it
	// whenever the seeding changes. The schema version is in the name too.
	loadSeedVersion = 1
)

// BenchmarkLoad measures the creator's pages over a real loopback HTTP server with a
// million orders in the database: GET /points, /dashboard and /api/v1/me for random
// signed-in creators from parallel clients, with the p50 and p99 latency. Seeding takes
// a minute or so once; the file is cached in os.TempDir() and copied per run.
//
//	go test -run '^$' -bench Load -benchtime 2000x ./web/
func BenchmarkLoad(b *testing.B) {
	if testing.Short() {
		b.Skip("seeds a million orders")
	}
	e := loadServer(b, loadDB(b))
	cookies := loadCookies(b, e)
	loadCheck(b, e, cookies)
	for _, path := range []string{"/points", "/dashboard", "/api/v1/me"} {
		b.Run("GET "+path, func(b *testing.B) {
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second}
			defer client.CloseIdleConnections()
			var (
				mu  sync.Mutex
				all []time.Duration
			)
			b.SetParallelism(2) // 4 clients on 2 cores, sharing them with the server
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				rng := rand.New(rand.NewPCG(rand.Uint64(), 0))
				var took []time.Duration
				for pb.Next() {
					req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
					req.AddCookie(cookies[rng.IntN(len(cookies))])
					start := time.Now()
					res, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					took = append(took, time.Since(start))
					if err != nil || res.StatusCode != http.StatusOK {
						b.Errorf("GET %s: %d %v", path, res.StatusCode, err)
						return
					}
				}
				mu.Lock()
				all = append(all, took...)
				mu.Unlock()
			})
			b.StopTimer()
			slices.Sort(all)
			if len(all) > 0 {
				b.ReportMetric(float64(all[len(all)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
			}
		})
	}
}

// loadServer runs the real server, as newServer does, over the database at path.
func loadServer(b *testing.B, path string) *env {
	b.Helper()
	shared(b)
	clock := models.NewClock(inCampaign, nil)
	st, err := store.Open(path, clock.Now)
	if err != nil {
		b.Fatal(err)
	}
	errs := &errorLog{}
	log := slog.New(slog.NewTextHandler(errs, &slog.HandlerOptions{Level: slog.LevelError}))
	h := handlers.New(handlers.Deps{Store: st, Now: clock.Now, Log: log, I18n: bundle, Asset: assets.URL,
		Sessions:      sessions.NewCookieStore([]byte("0123456789abcdef0123456789abcdef"), []byte("fedcba9876543210fedcba9876543210")),
		WebhookSecret: []byte("test-secret")})
	e := web.New(h, web.Options{Log: log, Static: assets, Registry: prometheus.NewRegistry()})
	srv := httptest.NewServer(e)
	b.Cleanup(func() {
		srv.Close()
		if err := st.Close(); err != nil {
			b.Errorf("close store: %v", err)
		}
		for _, line := range errs.all() {
			b.Errorf("server logged an error: %s", line)
		}
	})
	return &env{t: b, srv: srv, store: st, clock: clock, h: h, http: e, path: path}
}

// loadCookies signs loadSessions random creators in through the store (no password
// hashing per account) and returns their session cookies, sealed by the handler's
// own cookie store.
func loadCookies(b *testing.B, e *env) []*http.Cookie {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]*http.Cookie, 0, loadSessions)
	for range loadSessions {
		id := int64(loadFirstID + rng.IntN(loadAccounts))
		token, err := e.store.CreateSession(context.Background(), id, time.Hour, "127.0.0.1", "load")
		if err != nil {
			b.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		sess, err := e.h.Sessions.New(req, "gc_session")
		if err != nil {
			b.Fatal(err)
		}
		sess.Values["token"] = token
		rec := httptest.NewRecorder()
		if err := sess.Save(req, rec); err != nil {
			b.Fatal(err)
		}
		out = append(out, rec.Result().Cookies()[0])
	}
	return out
}

// loadCheck makes sure the pages answer what the benchmark means to measure: a
// creator's own points, consistent with the rules, and pages of ledger.
func loadCheck(b *testing.B, e *env, cookies []*http.Cookie) {
	b.Helper()
	ctx := context.Background()
	camp, err := e.store.RunningCampaign(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var orders int64
	e.storeRaw(b, "SELECT count(*) FROM orders", &orders)
	if orders != loadAccounts*loadOrdersPerAccount {
		b.Fatalf("%d orders", orders)
	}
	for _, ck := range cookies[:20] {
		acct, err := e.store.SessionAccount(ctx, loadToken(b, e, ck))
		if err != nil {
			b.Fatal(err)
		}
		ent, err := e.store.Entitlement(ctx, acct.Channel(), camp)
		if err != nil {
			b.Fatal(err)
		}
		bal, err := e.store.Balance(ctx, acct.ID, camp.ID)
		if err != nil {
			b.Fatal(err)
		}
		var earned int64
		e.storeRaw(b, "SELECT COALESCE(SUM(delta), 0) FROM ledger_entries WHERE account_id = ? AND kind = 'earn'", &earned, acct.ID)
		if bal.Earned != ent.Points || int64(bal.Earned) != earned {
			b.Fatalf("%s: balance %+v, ledger earned %d, rules give %v", acct.Channel(), bal, earned, ent.Points)
		}
		for path, want := range map[string]string{"/points": `data-testid="ledger-row"`, "/dashboard": `data-testid="video-row"`,
			"/api/v1/me": `"earned":"` + bal.Earned.String() + `"`} {
			req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
			req.AddCookie(ck)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
				b.Fatalf("GET %s as %s: %d, want %q in\n%.800s", path, acct.Email, res.StatusCode, want, body)
			}
		}
	}
}

// loadToken reads the session token back out of a cookie.
func loadToken(b *testing.B, e *env, ck *http.Cookie) string {
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(ck)
	sess, err := e.h.Sessions.Get(req, "gc_session")
	if err != nil {
		b.Fatal(err)
	}
	token, _ := sess.Values["token"].(string)
	return token
}

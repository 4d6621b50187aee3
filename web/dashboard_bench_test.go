package web_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"growthcard/models"
)

const (
	benchAccounts        = 10_000
	benchVideosPerAcount = 10 // 100,000 videos in all
)

// seedBench fills the database behind e with benchAccounts creators, each with
// benchVideosPerAcount videos over the last ten Beijing days (one of them today) and
// every other one with a pending enrolment. It writes through its own connection in
// one transaction, as the store has no bulk insert.
func seedBench(b *testing.B, e *env) {
	b.Helper()
	db, err := sql.Open("sqlite3", "file:"+e.path+"?_busy_timeout=10000&_foreign_keys=on&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	camp, err := e.store.RunningCampaign(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	now := e.clock.Now().UTC()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	acct, _ := tx.Prepare(`INSERT INTO accounts(id, email, password_hash, display_name, role, channel_id, channel_name,
		fans, self_operated, short_video_enabled, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`)
	vid, _ := tx.Prepare(`INSERT INTO videos(account_id, campaign_id, title, product_name, video_url, day, seq, created_at)
		VALUES (?,?,?,?,?,?,?,?)`)
	enr, _ := tx.Prepare(`INSERT INTO enrollments(account_id, campaign_id, status, created_at) VALUES (?,?,?,?)`)
	for i := 1; i <= benchAccounts; i++ {
		fans := int64(i * 37 % 200000)
		if _, err := acct.Exec(i, fmt.Sprintf("bench%d@example.com", i), testHash, fmt.Sprintf("带货者%d", i), models.RoleCreator,
			fmt.Sprintf("bench_%d", i), fmt.Sprintf("好物分享%d号", i), fans, i%10 == 0, true, now, now); err != nil {
			b.Fatal(err)
		}
		for d := 0; d < benchVideosPerAcount; d++ {
			at := now.Add(-time.Duration(d) * 24 * time.Hour)
			if _, err := vid.Exec(i, camp.ID, fmt.Sprintf("第%d天的带货短视频:冬季保温杯开箱测评", d), "316不锈钢保温杯 500ml",
				"https://channels.weixin.qq.com/v/"+fmt.Sprint(i*100+d), models.Day(at), 1, at); err != nil {
				b.Fatal(err)
			}
		}
		if i%2 == 0 {
			if _, err := enr.Exec(i, camp.ID, models.EnrollPending, now); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec("ANALYZE"); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkDashboard renders the dashboard and /api/v1/me of one creator among 10,000
// accounts and 100,000 videos, through the whole middleware stack (in process, no
// network): session lookup, CSRF, queries, templ render.
func BenchmarkDashboard(b *testing.B) {
	e := newServer(b, inCampaign)
	seedBench(b, e)
	c := e.client()
	who := benchAccounts / 2 // 5000: 185,000 fans, pending, ten videos
	c.login(fmt.Sprintf("bench%d@example.com", who))
	u, _ := url.Parse(e.srv.URL)
	cookies := c.c.Jar.Cookies(u)

	var total, videos int64
	e.storeRaw(b, "SELECT count(*) FROM accounts", &total)
	e.storeRaw(b, "SELECT count(*) FROM videos", &videos)
	if total < benchAccounts || videos != benchAccounts*benchVideosPerAcount {
		b.Fatalf("seeded %d accounts and %d videos", total, videos)
	}

	for _, path := range []string{"/dashboard", "/api/v1/me"} {
		b.Run("GET "+path, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			for _, ck := range cookies {
				req.AddCookie(ck)
			}
			rec := httptest.NewRecorder()
			e.http.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK || (path == "/dashboard" && strings.Count(rec.Body.String(), `data-testid="video-row"`) != benchVideosPerAcount) {
				b.Fatalf("GET %s: %d\n%.500s", path, rec.Code, rec.Body.String())
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rec := httptest.NewRecorder()
				e.http.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s: %d", path, rec.Code)
				}
			}
		})
	}
}

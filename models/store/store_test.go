package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"growthcard/models"
)

func TestMigrationsRecordedAndIdempotent(t *testing.T) {
	s, clock, path := newTestStore(t, testStart)
	type row struct {
		Version   int
		Name      string
		AppliedAt time.Time
	}
	var rows []row
	if err := s.r.Raw("SELECT version, name, applied_at FROM schema_migrations ORDER BY version").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	all := migrations()
	if len(rows) != len(all) {
		t.Fatalf("schema_migrations has %d rows; want %d", len(rows), len(all))
	}
	for i, m := range all {
		if rows[i].Version != m.version || rows[i].Name != m.name {
			t.Errorf("row %d = %+v; want version %d %q", i, rows[i], m.version, m.name)
		}
		if d := rows[i].AppliedAt.Sub(testStart); d < 0 || d > time.Minute {
			t.Errorf("applied_at %s is not the program clock (%s)", rows[i].AppliedAt, testStart)
		}
	}
	v, err := s.SchemaVersion()
	if err != nil || v != all[len(all)-1].version {
		t.Fatalf("SchemaVersion = %d, %v", v, err)
	}

	// Data written before a restart survives it, and reopening applies nothing twice
	// and seeds no second campaign.
	a := newAccount(t, s, 1200)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		s2, err := Open(path, clock.Now)
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		var n, campaigns int64
		s2.r.Raw("SELECT COUNT(*) FROM schema_migrations").Scan(&n)
		s2.r.Raw("SELECT COUNT(*) FROM campaigns").Scan(&campaigns)
		if n != int64(len(all)) || campaigns != 1 {
			t.Errorf("after reopen %d: %d migrations, %d campaigns", i, n, campaigns)
		}
		if got, err := s2.Account(context.Background(), a.ID); err != nil || got.Email != a.Email {
			t.Errorf("account lost across reopen: %+v, %v", got, err)
		}
		if err := s2.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDefaultCampaignSeededAsData(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	c := runningCampaign(t, s)
	want := models.DefaultCampaign()
	if c.Slug != "2025-short-video" || !c.Running {
		t.Errorf("campaign = %s running %v", c.Slug, c.Running)
	}
	for _, tt := range []struct {
		name      string
		got, want time.Time
	}{
		{"starts_at", c.StartsAt, time.Date(2025, 11, 21, 16, 0, 0, 0, time.UTC)},
		{"ends_at", c.EndsAt, time.Date(2025, 12, 31, 16, 0, 0, 0, time.UTC)},
		{"baseline_start", c.BaselineStart, time.Date(2025, 7, 31, 16, 0, 0, 0, time.UTC)},
		{"baseline_end", c.BaselineEnd, time.Date(2025, 10, 31, 16, 0, 0, 0, time.UTC)},
	} {
		if !tt.got.Equal(tt.want) {
			t.Errorf("%s = %s; want %s", tt.name, tt.got, tt.want)
		}
	}
	if c.Days() != 40 || c.BaselineDays() != 92 {
		t.Errorf("days = %d, baseline days = %d", c.Days(), c.BaselineDays())
	}
	if c.MinFans != 1000 || c.RateBps != 150 || c.CapPoints != 15_000_000 {
		t.Errorf("min fans %d, rate %d bps, cap %d", c.MinFans, c.RateBps, c.CapPoints)
	}
	if c.Tiers.String() != "0:1,1000:2,10000:5,100000:10" || c.Tiers.String() != want.Tiers.String() {
		t.Errorf("tiers = %s", c.Tiers)
	}
	// The settings are rows, not constants: a changed row is what the store answers.
	if err := s.w.Exec("UPDATE campaigns SET min_fans = 5000, tiers = '0:3,500:4' WHERE id = ?", c.ID).Error; err != nil {
		t.Fatal(err)
	}
	c2 := runningCampaign(t, s)
	if c2.MinFans != 5000 || c2.Tiers.Limit(600) != 4 {
		t.Errorf("store did not read the settings from the row: %+v", c2)
	}
	if got, err := s.CampaignBySlug(context.Background(), "2025-short-video"); err != nil || got.ID != c.ID {
		t.Errorf("CampaignBySlug = %+v, %v", got, err)
	}
	if _, err := s.CampaignBySlug(context.Background(), "nope"); err != models.ErrNotFound {
		t.Errorf("unknown slug: %v; want ErrNotFound", err)
	}
}

// TestConnectionPragmas checks the house plan's SQLite settings actually reach the
// connections: WAL, foreign keys, a busy timeout, and a read-only reader pool.
func TestConnectionPragmas(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	for _, db := range []struct {
		name string
		q    func(string) string
	}{
		{"writer", func(p string) string { var v string; s.w.Raw("PRAGMA " + p).Scan(&v); return v }},
		{"reader", func(p string) string { var v string; s.r.Raw("PRAGMA " + p).Scan(&v); return v }},
	} {
		if v := db.q("journal_mode"); v != "wal" {
			t.Errorf("%s journal_mode = %q", db.name, v)
		}
		if v := db.q("foreign_keys"); v != "1" {
			t.Errorf("%s foreign_keys = %q", db.name, v)
		}
		if v := db.q("busy_timeout"); v != "10000" {
			t.Errorf("%s busy_timeout = %q", db.name, v)
		}
	}
	if err := s.r.Exec("INSERT INTO audit_log(action, at) VALUES ('x', CURRENT_TIMESTAMP)").Error; err == nil {
		t.Error("the reader pool accepted a write")
	}
	if err := s.w.Exec("INSERT INTO videos(account_id, campaign_id, title, product_name, day, seq, created_at) VALUES (999, 1, 't', 'p', '2025-11-26', 1, CURRENT_TIMESTAMP)").Error; err == nil {
		t.Error("a video for a missing account was accepted: foreign keys are off")
	}
	if err := s.Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

// TestDashboardQueriesUseIndexes asks SQLite how it runs the queries behind every
// dashboard and /api/v1/me request: none may scan a whole table.
func TestDashboardQueriesUseIndexes(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	queries := map[string]string{
		"videos today":  "SELECT count(*) FROM videos WHERE account_id = 1 AND day = '2025-11-26'",
		"video list":    "SELECT * FROM videos WHERE account_id = 1 AND deleted_at IS NULL ORDER BY id DESC LIMIT 50",
		"latest enrol":  "SELECT * FROM enrollments WHERE account_id = 1 AND campaign_id = 1 ORDER BY id DESC LIMIT 1",
		"balance":       "SELECT * FROM point_balances WHERE account_id = 1 AND campaign_id = 1 LIMIT 1",
		"session":       "SELECT accounts.* FROM accounts JOIN sessions ON sessions.account_id = accounts.id WHERE sessions.id = 'x' AND sessions.expires_at > '2025' LIMIT 1",
		"orders":        "SELECT * FROM orders WHERE channel_id = 'c'",
		"failed logins": "SELECT count(*) FROM login_attempts WHERE email = 'a' AND at > '2025' AND success = 0",
		"failed by ip":  "SELECT count(*) FROM login_attempts WHERE ip = 'a' AND at > '2025' AND success = 0",
	}
	for name, q := range queries {
		var plan []struct{ Detail string }
		if err := s.r.Raw("EXPLAIN QUERY PLAN " + q).Scan(&plan).Error; err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var details []string
		for _, p := range plan {
			details = append(details, p.Detail)
			if strings.HasPrefix(p.Detail, "SCAN ") && !strings.Contains(p.Detail, "INDEX") {
				t.Errorf("%s scans a table: %q", name, p.Detail)
			}
			if strings.Contains(p.Detail, "TEMP B-TREE") {
				t.Errorf("%s sorts in a temporary b-tree: %q", name, p.Detail)
			}
		}
		if len(details) == 0 {
			t.Errorf("%s: empty plan", name)
		}
	}
	for _, idx := range []string{"videos_account_day_seq", "videos_account_created"} {
		var n int
		s.r.Raw("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?", idx).Scan(&n)
		if n != 1 {
			t.Errorf("index %s missing", idx)
		}
	}
}

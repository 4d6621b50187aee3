package handlers_test

import (
	"database/sql"
	"io"
	"net/http"
	"testing"
)

// admSeedBulk fills the store behind env with n creators and merchants, one
// enrolment each (a quarter in each state), points for the approved ones, and
// orders orders spread over the baseline and the campaign — with bulk SQL, straight
// into the file, as a production database would look after a busy campaign.
func admSeedBulk(b *testing.B, env *admEnv, n, orders int) {
	b.Helper()
	db, err := sql.Open("sqlite3", "file:"+env.db+"?_busy_timeout=10000&_foreign_keys=on")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	stmts := []struct {
		sql  string
		args []any
	}{
		{`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		INSERT INTO accounts (email, password_hash, display_name, role, channel_id, channel_name, fans, self_operated,
			short_video_enabled, created_at, updated_at)
		SELECT 'bench' || i || '@example.com', 'x', '带货者' || i, CASE WHEN i % 5 = 0 THEN 'merchant' ELSE 'creator' END,
			'bench_' || i, '好物频道' || i, (i * 7919) % 300000, i % 9 = 0, 1,
			'2025-11-22 02:00:00+00:00', '2025-11-22 02:00:00+00:00' FROM n`, []any{n}},
		{`INSERT INTO enrollments (account_id, campaign_id, status, reason, note, created_at)
		SELECT id, ?, CASE id % 4 WHEN 0 THEN 'approved' WHEN 1 THEN 'pending' WHEN 2 THEN 'rejected' ELSE 'withdrawn' END,
			CASE id % 4 WHEN 2 THEN 'other' ELSE '' END, CASE id % 4 WHEN 2 THEN '资料不全' ELSE '' END, created_at
		FROM accounts WHERE email LIKE 'bench%'`, []any{env.camp.ID}},
		{`INSERT INTO point_balances (account_id, campaign_id, earned, spent, balance, updated_at)
		SELECT account_id, campaign_id, 150000, 20000, 130000, created_at FROM enrollments WHERE status = 'approved'`, nil},
		{`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		INSERT INTO orders (order_id, channel_id, video_id, source, amount, status, cancelled, settled_at, settled_day,
			last_event_id, updated_at)
		SELECT 'B' || i, 'bench_' || (1 + i % ?), '', CASE WHEN i % 10 = 0 THEN 'live' ELSE 'short_video' END,
			1000 + (i * 37) % 50000, 'settled', i % 50 = 0, d || ' 12:00:00+08:00', d, 'e' || i, '2025-12-10 02:00:00+00:00'
		FROM (SELECT i, CASE WHEN i % 5 = 0 THEN date('2025-08-01', '+' || (i % 92) || ' days')
			ELSE date('2025-11-22', '+' || (i % 19) || ' days') END AS d FROM n)`, []any{orders, n}},
		{`INSERT INTO ledger_entries (account_id, campaign_id, kind, delta, cause_key, cause, balance_after, created_at)
		SELECT account_id, campaign_id, 'earn', 150000, 'bench:' || account_id, 'bench', 150000,
			'2025-12-0' || (1 + account_id % 9) || ' 08:00:00+00:00' FROM enrollments WHERE status = 'approved'`, nil},
		{`ANALYZE`, nil},
	}
	for _, s := range stmts {
		if _, err := db.Exec(s.sql, s.args...); err != nil {
			b.Fatalf("seed: %v\n%s", err, s.sql)
		}
	}
}

// admBenchGet fetches path b.N times and fails on anything but 200.
func admBenchGet(b *testing.B, c *admClient, path string) {
	b.Helper()
	b.ReportAllocs()
	var size int64
	for b.Loop() {
		res, err := c.c.Get(c.base + path)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("%s: %d", path, res.StatusCode)
		}
		size = n
	}
	b.ReportMetric(float64(size), "resp-bytes")
}

// BenchmarkAdminQueue100k renders the review queue over 100,000 enrolments.
func BenchmarkAdminQueue100k(b *testing.B) {
	env := admSetup(b)
	env.admManager("boss@example.com")
	admSeedBulk(b, env, 100_000, 200_000)
	boss := env.admLogin("boss@example.com")
	for _, bc := range []struct{ name, path string }{
		{"pending", "/admin/enrollments?status=pending"},
		{"all-by-fans-page-1000", "/admin/enrollments?sort=-fans&page=1000"},
		{"newcomers-merchants", "/admin/enrollments?newcomer=yes&role=merchant"},
		{"search", "/admin/enrollments?q=bench_4242"},
	} {
		b.Run(bc.name, func(b *testing.B) { admBenchGet(b, boss, bc.path) })
	}
}

// BenchmarkAdminExport100k streams every one of 100,000 enrolments as CSV and XLSX.
func BenchmarkAdminExport100k(b *testing.B) {
	env := admSetup(b)
	env.admManager("boss@example.com")
	admSeedBulk(b, env, 100_000, 200_000)
	boss := env.admLogin("boss@example.com")
	b.Run("csv", func(b *testing.B) { admBenchGet(b, boss, "/admin/enrollments/export.csv") })
	b.Run("xlsx", func(b *testing.B) { admBenchGet(b, boss, "/admin/enrollments/export.xlsx") })
	b.Run("points-csv", func(b *testing.B) { admBenchGet(b, boss, "/admin/points/export.csv") })
}

// BenchmarkAdminOverview1M renders the overview with 100,000 accounts and a
// million orders.
func BenchmarkAdminOverview1M(b *testing.B) {
	env := admSetup(b)
	env.admManager("boss@example.com")
	admSeedBulk(b, env, 100_000, 1_000_000)
	boss := env.admLogin("boss@example.com")
	admBenchGet(b, boss, "/admin")
}

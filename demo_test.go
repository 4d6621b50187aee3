package main

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"growthcard/models"
	"growthcard/models/store"
)

// TestDemoFillsOnceAndIsIdempotent builds the demo at day 19 of the campaign, checks
// it covers every state and tier through the real ledger, then runs it again and
// finds nothing added.
func TestDemoFillsOnceAndIsIdempotent(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo replays 19 days of a campaign")
	}
	ctx := context.Background()
	start := time.Date(2025, 12, 10, 10, 0, 0, 0, models.Beijing)
	clock := models.NewClock(start, time.Now)
	path := filepath.Join(t.TempDir(), "demo.db")
	st, err := store.Open(path, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out bytes.Buffer
	if err := demo(ctx, st, clock, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), demoManager) || !strings.Contains(out.String(), demoPassword) {
		t.Errorf("log-ins not printed: %s", out.String())
	}
	if d := clock.Now().Sub(start); d < 0 || d > time.Minute {
		t.Errorf("clock left at %s", clock.Now())
	}
	camp, _ := st.RunningCampaign(ctx)
	counts, _ := st.CountEnrollments(ctx, camp.ID)
	for _, s := range []string{models.EnrollPending, models.EnrollApproved, models.EnrollRejected, models.EnrollWithdrawn} {
		if counts[s] == 0 {
			t.Errorf("no %s enrolment", s)
		}
	}
	o, err := st.Overview(ctx, camp, start)
	if err != nil {
		t.Fatal(err)
	}
	for i, tier := range o.Tiers {
		if tier.Accounts == 0 {
			t.Errorf("tier %d has no approved account", i)
		}
	}
	if o.Approved < 15 || o.Newcomers == 0 || o.Newcomers == o.Approved || o.TotalGMV == 0 || o.Earned == 0 {
		t.Errorf("overview %+v", o)
	}
	if n, _ := st.CountAccounts(ctx, ""); n < 32 {
		t.Errorf("%d accounts; want 30 creators and merchants and more", n)
	}
	if o.Capacity() < o.VideosToday() {
		t.Error("more videos today than the quotas allow")
	}
	before := demoCounts(t, path)
	if before["orders_cancelled"] == 0 || before["videos"] == 0 || before["ledger_entries"] == 0 || before["accounts"] < 32 {
		t.Errorf("counts %v", before)
	}
	out.Reset()
	if err := demo(ctx, st, clock, &out); err != nil {
		t.Fatal(err)
	}
	if after := demoCounts(t, path); !equalCounts(before, after) {
		t.Errorf("second run changed %v → %v", before, after)
	}
}

// demoCounts counts the rows of every table the demo writes, straight from the file.
func demoCounts(t *testing.T, path string) map[string]int64 {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_query_only=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]int64{}
	for _, table := range []string{"accounts", "enrollments", "videos", "orders", "order_events", "ledger_entries",
		"point_balances", "audit_log", "campaigns"} {
		var n int64
		if err := db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	var cancelled int64
	if err := db.QueryRow("SELECT COUNT(*) FROM orders WHERE cancelled = 1").Scan(&cancelled); err != nil {
		t.Fatal(err)
	}
	out["orders_cancelled"] = cancelled
	return out
}

func equalCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

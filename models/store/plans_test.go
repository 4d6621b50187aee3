package store

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"growthcard/models"
)

// TestPageQueriesUseIndexes records every statement the reader pool runs for what
// GET /points, /dashboard and /api/v1/me ask of the store, exactly as gorm writes it,
// and asks SQLite how it would run each with its arguments: none may scan a table or
// sort in a temporary b-tree, so the pages stay fast with a million orders. Plans are
// the same for any table size here: the store never runs ANALYZE.
func TestPageQueriesUseIndexes(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	ctx := context.Background()
	c := runningCampaign(t, s)
	a := newAccount(t, s, 5000)
	token, err := s.CreateSession(ctx, a.ID, time.Hour, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}

	type statement struct {
		sql  string
		vars []any
	}
	var (
		mu   sync.Mutex
		seen []statement
	)
	record := func(db *gorm.DB) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, statement{db.Statement.SQL.String(), append([]any(nil), db.Statement.Vars...)})
	}
	if err := s.r.Callback().Query().After("gorm:query").Register("test:record", record); err != nil {
		t.Fatal(err)
	}
	if err := s.r.Callback().Row().After("gorm:row").Register("test:record", record); err != nil {
		t.Fatal(err)
	}

	// What the three handlers and the session middleware call.
	if _, err := s.SessionAccount(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RunningCampaign(ctx); err != nil {
		t.Fatal(err)
	}
	calls := []error{}
	_, err = s.LatestEnrollment(ctx, a.ID, c.ID)
	calls = append(calls, err)
	_, err = s.Entitlement(ctx, a.Channel(), c)
	calls = append(calls, err)
	_, err = s.Balance(ctx, a.ID, c.ID)
	calls = append(calls, err)
	_, _, err = s.Ledger(ctx, a.ID, c.ID, 2, 30)
	calls = append(calls, err)
	_, err = s.VideosOnDay(ctx, a.ID, models.Day(testStart))
	calls = append(calls, err)
	_, err = s.Videos(ctx, a.ID, 50, 0)
	calls = append(calls, err)
	for _, err := range calls {
		if err != nil {
			t.Fatal(err)
		}
	}

	seen = append(seen, statement{countingOrdersSQL, []any{a.Channel()}}) // Entitlement's, not gorm's

	if len(seen) < 8 {
		t.Fatalf("recorded only %d statements", len(seen))
	}
	for _, st := range seen {
		var plan []struct{ Detail string }
		if err := s.r.Raw("EXPLAIN QUERY PLAN "+st.sql, st.vars...).Scan(&plan).Error; err != nil {
			t.Fatalf("%s: %v", st.sql, err)
		}
		for _, p := range plan {
			if strings.HasPrefix(p.Detail, "SCAN ") && !strings.Contains(p.Detail, "INDEX") ||
				strings.Contains(p.Detail, "TEMP B-TREE") {
				t.Errorf("%s\n  %s", st.sql, p.Detail)
			}
		}
		if len(plan) == 0 {
			t.Errorf("%s: empty plan", st.sql)
		}
	}
}

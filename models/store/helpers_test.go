package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"growthcard/models"
)

// testStart is inside the default campaign: Wednesday 2025-11-26 10:00 Beijing.
var testStart = time.Date(2025, 11, 26, 10, 0, 0, 0, models.Beijing)

// newTestStore opens a fresh SQLite database in t.TempDir() with a movable clock
// started at start, and closes it when the test ends.
func newTestStore(t testing.TB, start time.Time) (*Store, *models.Clock, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	clock := models.NewClock(start, nil)
	s, err := Open(path, clock.Now)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return s, clock, path
}

var accountSeq atomic.Int64

// newAccount creates a creator with fans and a unique e-mail and channel id; the
// hash is a placeholder (the store never checks it).
func newAccount(t testing.TB, s *Store, fans int64) models.Account {
	t.Helper()
	n := accountSeq.Add(1)
	ch := fmt.Sprintf("channel_%d", n)
	a := models.Account{Email: fmt.Sprintf("creator%d@example.com", n), PasswordHash: "x",
		DisplayName: fmt.Sprintf("带货者%d", n), Role: models.RoleCreator, ChannelID: &ch,
		ChannelName: "好物", Fans: fans, ShortVideoEnabled: true}
	if err := s.CreateAccount(context.Background(), &a); err != nil {
		t.Fatalf("create account: %v", err)
	}
	return a
}

// runningCampaign returns the seeded campaign.
func runningCampaign(t testing.TB, s *Store) models.Campaign {
	t.Helper()
	c, err := s.RunningCampaign(context.Background())
	if err != nil {
		t.Fatalf("running campaign: %v", err)
	}
	return c
}

// newManager creates a manager account.
func newManager(t testing.TB, s *Store) models.Account {
	t.Helper()
	m, err := s.UpsertManager(context.Background(), fmt.Sprintf("m%d@example.com", accountSeq.Add(1)), "运营", "x")
	if err != nil {
		t.Fatalf("manager: %v", err)
	}
	return m
}

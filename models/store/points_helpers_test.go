package store

import (
	"context"

	"path/filepath"
	"testing"
	"time"

	"growthcard/models"
)

// ptNow is inside the default campaign, in Beijing time.
var ptNow = time.Date(2025, 12, 20, 10, 0, 0, 0, models.Beijing)

// ptOpen opens a fresh store in t.TempDir() with the default campaign.
func ptOpen(t testing.TB) (*Store, models.Campaign) {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "gc.db"), func() time.Time { return ptNow })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c, err := s.RunningCampaign(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

// ptManager creates the manager who approves enrolments.
func ptManager(t testing.TB, s *Store) Actor {
	t.Helper()
	m, err := s.UpsertManager(context.Background(), "boss@example.com", "运营", "x")
	if err != nil {
		t.Fatal(err)
	}
	return Actor{ID: m.ID, Email: m.Email}
}

// ptCreator creates a creator bound to channel; status is "" (no enrolment),
// pending or approved.
func ptCreator(t testing.TB, s *Store, c models.Campaign, channel, status string) models.Account {
	t.Helper()
	ctx := context.Background()
	ch := channel
	a := models.Account{Email: channel + "@example.com", PasswordHash: "x", DisplayName: channel,
		Role: models.RoleCreator, ChannelID: &ch, Fans: 5000, ShortVideoEnabled: true}
	if err := s.CreateAccount(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if status == "" {
		return a
	}
	e, err := s.Enroll(ctx, Actor{ID: a.ID}, a.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if status == models.EnrollApproved {
		ptApprove(t, s, e.ID)
	}
	return a
}

// ptApprove approves a pending enrolment as a (created on demand) manager.
func ptApprove(t testing.TB, s *Store, enrollmentID int64) {
	t.Helper()
	if err := s.Decide(context.Background(), ptManager(t, s), []int64{enrollmentID}, Decision{Approve: true}); err != nil {
		t.Fatal(err)
	}
}

// ptEvent builds a settled short-video event of yuan on day (Beijing noon).
func ptEvent(id, order, channel string, fen models.Fen, at time.Time) models.OrderEvent {
	return models.OrderEvent{EventID: id, OrderID: order, ChannelID: channel, Source: models.SourceShortVideo,
		Amount: fen, Status: models.StatusSettled, SettledAt: at}
}

// ptCancel builds a settlement cancellation of a whole order.
func ptCancel(id, order, channel string, at time.Time) models.OrderEvent {
	return models.OrderEvent{EventID: id, OrderID: order, ChannelID: channel, Source: models.SourceShortVideo,
		Status: models.StatusCancelled, SettledAt: at}
}

// ptIngest ingests events and fails the test on error.
func ptIngest(t testing.TB, s *Store, events ...models.OrderEvent) []IngestResult {
	t.Helper()
	res, err := s.IngestEvents(context.Background(), events, "test")
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// ptCheckLedger asserts that the account's ledger sums to its cached balance, that
// each entry's balance_after is the running sum, and returns the balance.
func ptCheckLedger(t testing.TB, s *Store, accountID, campaignID int64) PointBalance {
	t.Helper()
	var entries []LedgerEntry
	if err := s.r.Where("account_id = ? AND campaign_id = ?", accountID, campaignID).Order("id").Find(&entries).Error; err != nil {
		t.Fatal(err)
	}
	var earned, spent, run models.Points
	for _, e := range entries {
		run += e.Delta
		if e.BalanceAfter != run {
			t.Fatalf("entry %d (%s): balance_after %v, running sum %v", e.ID, e.CauseKey, e.BalanceAfter, run)
		}
		if e.Kind == models.LedgerHeat {
			spent -= e.Delta
		} else {
			earned += e.Delta
		}
	}
	b, err := s.Balance(context.Background(), accountID, campaignID)
	if err != nil {
		t.Fatal(err)
	}
	if b.Earned != earned || b.Spent != spent || b.Balance != earned-spent {
		t.Fatalf("cached balance %+v, ledger says earned %v spent %v", b, earned, spent)
	}
	return b
}

// ptDay is Beijing noon on the given day of 2025.
func ptDay(month time.Month, day int) time.Time {
	return time.Date(2025, month, day, 12, 0, 0, 0, models.Beijing)
}

// ptYuan is yuan in fen.
func ptYuan(y int64) models.Fen { return models.Fen(y * 100) }

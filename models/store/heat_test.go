package store

import (
	"context"
	"errors"
	"sync"
	"testing"

	"growthcard/models"
)

// ptVideo registers a video for the account today.
func ptVideo(t testing.TB, s *Store, a models.Account, c models.Campaign, title string) models.Video {
	t.Helper()
	v := models.Video{AccountID: a.ID, CampaignID: c.ID, Title: title, ProductName: "好物", Day: models.Day(ptNow)}
	if err := s.RegisterVideo(context.Background(), &v, 100); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestHeat(t *testing.T) {
	s, c := ptOpen(t)
	ctx := context.Background()
	a := ptCreator(t, s, c, "ch1", models.EnrollApproved)
	other := ptCreator(t, s, c, "ch2", models.EnrollApproved)
	v := ptVideo(t, s, a, c, "我的视频")
	theirs := ptVideo(t, s, other, c, "别人的视频")
	ptIngest(t, s, ptEvent("e1", "o1", "ch1", ptYuan(10_000), ptDay(12, 1))) // 150.00 points
	who := Actor{ID: a.ID}

	if _, err := s.Heat(ctx, who, a.ID, theirs.ID, c.ID, 100); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("other's video: %v", err)
	}
	if _, err := s.Heat(ctx, who, a.ID, v.ID, c.ID, 15100); !errors.Is(err, models.ErrInsufficient) {
		t.Fatalf("too much: %v", err)
	}
	var fe models.FieldErrors
	if _, err := s.Heat(ctx, who, a.ID, v.ID, c.ID, 150); !errors.As(err, &fe) {
		t.Fatalf("fractional: %v", err)
	}
	e, err := s.Heat(ctx, who, a.ID, v.ID, c.ID, 15000)
	if err != nil {
		t.Fatal(err)
	}
	if e.Delta != -15000 || e.BalanceAfter != 0 || e.Kind != models.LedgerHeat || models.CauseText(e.Cause, e.CauseArgs) != "加热视频《我的视频》" {
		t.Fatalf("entry %+v", e)
	}
	if b := ptCheckLedger(t, s, a.ID, c.ID); b.Balance != 0 || b.Spent != 15000 {
		t.Fatalf("balance %+v", b)
	}
	got, _ := s.Video(ctx, a.ID, v.ID)
	if got.HeatedPoints != 15000 {
		t.Fatalf("heated %v", got.HeatedPoints)
	}
	// A cancellation now takes back points already spent: the balance goes negative.
	ptIngest(t, s, ptCancel("e2", "o1", "ch1", ptDay(12, 3)))
	if b := ptCheckLedger(t, s, a.ID, c.ID); b.Balance != -15000 {
		t.Fatalf("balance %+v", b)
	}
	ptIngest(t, s, ptEvent("e3", "o3", "ch1", ptYuan(1_000), ptDay(12, 4)))
	if _, err := s.Heat(ctx, who, a.ID, v.ID, c.ID, 100); !errors.Is(err, models.ErrNegativeBalance) {
		t.Fatalf("negative balance: %v", err)
	}
	if err := s.DeleteVideo(ctx, who, a.ID, v.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Heat(ctx, who, a.ID, v.ID, c.ID, 100); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("deleted video: %v", err)
	}
}

func TestConcurrentHeatsNeverOverspend(t *testing.T) {
	s, c := ptOpen(t)
	a := ptCreator(t, s, c, "ch1", models.EnrollApproved)
	v := ptVideo(t, s, a, c, "热门")
	ptIngest(t, s, ptEvent("e1", "o1", "ch1", ptYuan(1_000), ptDay(12, 1))) // 15.00 points
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	for range 20 {
		wg.Go(func() {
			_, err := s.Heat(context.Background(), Actor{ID: a.ID}, a.ID, v.ID, c.ID, 200)
			switch {
			case err == nil:
				mu.Lock()
				ok++
				mu.Unlock()
			case !errors.Is(err, models.ErrInsufficient):
				t.Error(err)
			}
		})
	}
	wg.Wait()
	b := ptCheckLedger(t, s, a.ID, c.ID)
	if ok != 7 || b.Spent != 1400 || b.Balance != 100 || b.Balance < 0 || b.Spent > b.Earned {
		t.Fatalf("%d heats succeeded, balance %+v", ok, b)
	}
}

package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"growthcard/models"
)

func newVideo(a models.Account, c models.Campaign, day, title string) *models.Video {
	return &models.Video{AccountID: a.ID, CampaignID: c.ID, Title: title, ProductName: "保温杯", Day: day}
}

// TestRegisterVideoRace fires 20 registrations at once for an account with a limit of
// 2: exactly 2 succeed and the other 18 are told the quota is used up (SPEC rule 2).
func TestRegisterVideoRace(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	ctx := context.Background()
	c := runningCampaign(t, s)
	a := newAccount(t, s, 3200)
	limit := c.Tiers.Limit(a.Fans)
	if limit != 2 {
		t.Fatalf("limit = %d; want 2", limit)
	}

	const n = 20
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			errs[i] = s.RegisterVideo(ctx, newVideo(a, c, "2025-11-26", fmt.Sprintf("视频 %d", i)), limit)
		}(i)
	}
	close(start)
	wg.Wait()

	ok, exhausted := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, models.ErrQuotaExhausted):
			exhausted++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 2 || exhausted != 18 {
		t.Errorf("%d succeeded and %d were refused; want 2 and 18", ok, exhausted)
	}
	used, err := s.VideosOnDay(ctx, a.ID, "2025-11-26")
	if err != nil || used != 2 {
		t.Errorf("VideosOnDay = %d, %v; want 2", used, err)
	}
	var seqs []int
	s.r.Raw("SELECT seq FROM videos WHERE account_id = ? ORDER BY seq", a.ID).Scan(&seqs)
	if len(seqs) != 2 || seqs[0] != 1 || seqs[1] != 2 {
		t.Errorf("seqs = %v; want [1 2]", seqs)
	}
}

// TestRegisterVideoRaceManyAccounts runs bursts for several accounts at once: each
// gets exactly its own limit, and nobody's burst eats another's quota.
func TestRegisterVideoRaceManyAccounts(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	ctx := context.Background()
	c := runningCampaign(t, s)
	accounts := []models.Account{newAccount(t, s, 0), newAccount(t, s, 3200), newAccount(t, s, 25000)}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, a := range accounts {
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(a models.Account) {
				defer wg.Done()
				<-start
				err := s.RegisterVideo(ctx, newVideo(a, c, "2025-11-26", "t"), c.Tiers.Limit(a.Fans))
				if err != nil && !errors.Is(err, models.ErrQuotaExhausted) {
					t.Errorf("unexpected error: %v", err)
				}
			}(a)
		}
	}
	close(start)
	wg.Wait()
	for _, a := range accounts {
		used, _ := s.VideosOnDay(ctx, a.ID, "2025-11-26")
		if want := c.Tiers.Limit(a.Fans); used != want {
			t.Errorf("account with %d fans has %d videos; want %d", a.Fans, used, want)
		}
	}
}

func TestDeletedVideoStillCountsForItsDay(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	ctx := context.Background()
	c := runningCampaign(t, s)
	a := newAccount(t, s, 500) // limit 1
	b := newAccount(t, s, 500)
	v := newVideo(a, c, "2025-11-26", "第一条")
	if err := s.RegisterVideo(ctx, v, 1); err != nil {
		t.Fatal(err)
	}
	if v.ID == 0 || v.Seq != 1 || v.CreatedAt.IsZero() {
		t.Errorf("registered video = %+v", v)
	}
	// Another account cannot see or delete it.
	if _, err := s.Video(ctx, b.ID, v.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("B reads A's video: %v", err)
	}
	if err := s.DeleteVideo(ctx, Actor{ID: b.ID}, b.ID, v.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("B deletes A's video: %v", err)
	}
	if err := s.DeleteVideo(ctx, Actor{ID: a.ID}, a.ID, v.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteVideo(ctx, Actor{ID: a.ID}, a.ID, v.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	if _, err := s.Video(ctx, a.ID, v.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("deleted video still readable: %v", err)
	}
	if used, _ := s.VideosOnDay(ctx, a.ID, "2025-11-26"); used != 1 {
		t.Errorf("VideosOnDay after delete = %d; want 1", used)
	}
	if err := s.RegisterVideo(ctx, newVideo(a, c, "2025-11-26", "第二条"), 1); !errors.Is(err, models.ErrQuotaExhausted) {
		t.Errorf("register after deleting today's only video: %v; want ErrQuotaExhausted", err)
	}
	if vs, _ := s.Videos(ctx, a.ID, 50, 0); len(vs) != 0 {
		t.Errorf("Videos lists deleted ones: %+v", vs)
	}
	if n, _ := s.CountVideos(ctx, a.ID); n != 0 {
		t.Errorf("CountVideos = %d; want 0", n)
	}
	// The next day has a fresh quota.
	if err := s.RegisterVideo(ctx, newVideo(a, c, "2025-11-27", "明天"), 1); err != nil {
		t.Errorf("next day: %v", err)
	}
}

func TestVideosListOwnNewestFirst(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	ctx := context.Background()
	c := runningCampaign(t, s)
	a := newAccount(t, s, 25000)
	b := newAccount(t, s, 25000)
	for i, day := range []string{"2025-11-24", "2025-11-25", "2025-11-25", "2025-11-26"} {
		if err := s.RegisterVideo(ctx, newVideo(a, c, day, fmt.Sprintf("A%d", i)), 5); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RegisterVideo(ctx, newVideo(b, c, "2025-11-26", "B"), 5); err != nil {
		t.Fatal(err)
	}
	vs, err := s.Videos(ctx, a.ID, 3, 0)
	if err != nil || len(vs) != 3 || vs[0].Title != "A3" || vs[2].Title != "A1" {
		t.Errorf("Videos(limit 3) = %+v, %v", vs, err)
	}
	for _, v := range vs {
		if v.AccountID != a.ID {
			t.Errorf("A's list holds %+v", v)
		}
	}
	if vs, _ := s.Videos(ctx, a.ID, 3, 3); len(vs) != 1 || vs[0].Title != "A0" {
		t.Errorf("page 2 = %+v", vs)
	}
	if used, _ := s.VideosOnDay(ctx, a.ID, "2025-11-25"); used != 2 {
		t.Errorf("VideosOnDay(25th) = %d", used)
	}
	if n, _ := s.CountVideos(ctx, b.ID); n != 1 {
		t.Errorf("CountVideos(B) = %d", n)
	}
}

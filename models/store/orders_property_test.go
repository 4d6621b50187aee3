package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"pgregory.net/rapid"

	"growthcard/models"
)

// ptInstant draws an instant near an edge of the campaign's periods, or anywhere in them.
func ptInstant(t *rapid.T, c models.Campaign) time.Time {
	if rapid.Bool().Draw(t, "near_edge") {
		edge := rapid.SampledFrom([]time.Time{c.BaselineStart, c.BaselineEnd, c.StartsAt, c.EndsAt}).Draw(t, "edge")
		off := rapid.SampledFrom([]time.Duration{-time.Second, 0, time.Second}).Draw(t, "offset")
		return edge.Add(off)
	}
	span := int64(c.EndsAt.Sub(c.BaselineStart) / time.Second)
	return c.BaselineStart.Add(time.Duration(rapid.Int64Range(0, span).Draw(t, "s")) * time.Second)
}

// TestPropertyIngestMatchesRules: for any sequence of order events delivered with
// duplicates, in any order and any batching, with the approval of one channel and
// heats happening in between, every approved account has earned exactly what the
// rules give on the final order states, and its ledger sums to its cached balance.
func TestPropertyIngestMatchesRules(t *testing.T) {
	dir := t.TempDir()
	iteration := 0
	rapid.Check(t, func(rt *rapid.T) {
		iteration++
		ctx := context.Background()
		s, err := Open(filepath.Join(dir, fmt.Sprintf("p%d.db", iteration)), func() time.Time { return ptNow })
		if err != nil {
			rt.Fatal(err)
		}
		defer s.Close()
		c, _ := s.RunningCampaign(ctx)
		c.RateBps = rapid.SampledFrom([]int64{1, 150, 10000}).Draw(rt, "rate")
		c.CapPoints = models.Points(rapid.SampledFrom([]int64{0, 5000, 15_000_000}).Draw(rt, "cap"))
		if err := s.w.Model(&c).Updates(map[string]any{"rate_bps": c.RateBps, "cap_points": c.CapPoints}).Error; err != nil {
			rt.Fatal(err)
		}
		a := ptCreator(t, s, c, "ch-a", models.EnrollApproved)
		b := ptCreator(t, s, c, "ch-b", models.EnrollPending)
		video := ptVideo(t, s, a, c, "v")

		orders := []string{"o1", "o2", "o3", "o4", "o5"}
		pool := make([]models.OrderEvent, rapid.IntRange(1, 25).Draw(rt, "events"))
		for i := range pool {
			status := rapid.SampledFrom([]string{models.StatusSettled, models.StatusSettled, models.StatusCancelled}).Draw(rt, "status")
			amount := models.Fen(rapid.Int64Range(1, 50_000_000).Draw(rt, "amount"))
			if status == models.StatusCancelled && rapid.Bool().Draw(rt, "whole") {
				amount = 0
			}
			pool[i] = models.OrderEvent{EventID: fmt.Sprintf("e%d", i), OrderID: rapid.SampledFrom(orders).Draw(rt, "order"),
				ChannelID: rapid.SampledFrom([]string{"ch-a", "ch-b", "ch-c"}).Draw(rt, "channel"),
				Source:    rapid.SampledFrom([]string{models.SourceShortVideo, models.SourceShortVideo, models.SourceLive}).Draw(rt, "source"),
				Amount:    amount, Status: status, SettledAt: ptInstant(rt, c)}
		}
		deliveries := rapid.SliceOfN(rapid.IntRange(0, len(pool)-1), 1, 60).Draw(rt, "deliveries")
		approveAt := rapid.IntRange(0, len(deliveries)).Draw(rt, "approve_at")
		delivered := map[string]bool{}
		for i := 0; i <= len(deliveries); {
			if i == approveAt {
				e, _ := s.LatestEnrollment(ctx, b.ID, c.ID)
				ptApprove(t, s, e.ID)
			}
			if i == len(deliveries) {
				break
			}
			n := rapid.IntRange(1, 8).Draw(rt, "batch")
			if i < approveAt {
				n = min(n, approveAt-i) // the approval happens between two batches
			}
			var batch []models.OrderEvent
			for ; n > 0 && i < len(deliveries); n, i = n-1, i+1 {
				batch = append(batch, pool[deliveries[i]])
			}
			res, err := s.IngestEvents(ctx, batch, "prop")
			if err != nil {
				rt.Fatal(err)
			}
			for j, r := range res {
				id := batch[j].EventID
				if want := map[bool]string{false: IngestApplied, true: IngestDuplicate}[delivered[id]]; r.Status != want {
					rt.Fatalf("%s: %s, want %s", id, r.Status, want)
				}
				delivered[id] = true
			}
			if rapid.Bool().Draw(rt, "heat") {
				pts := models.Points(100 * rapid.Int64Range(1, 3000).Draw(rt, "heat_points"))
				_, err := s.Heat(ctx, Actor{ID: a.ID}, a.ID, video.ID, c.ID, pts)
				if err != nil && !errors.Is(err, models.ErrInsufficient) && !errors.Is(err, models.ErrNegativeBalance) {
					rt.Fatal(err)
				}
			}
		}

		// The reference: fold each order's distinct delivered events, then the rules.
		final := map[string]*models.OrderState{}
		for _, e := range pool {
			if delivered[e.EventID] {
				st := models.ApplyEvent(final[e.OrderID], e)
				final[e.OrderID] = &st
			}
		}
		for _, acct := range []models.Account{a, b} {
			var mine []models.OrderState
			for _, st := range final {
				if st.ChannelID == acct.Channel() {
					mine = append(mine, *st)
				}
			}
			want := models.Entitle(c, mine).Points
			bal := ptCheckLedger(t, s, acct.ID, c.ID)
			if bal.Earned != want {
				rt.Fatalf("%s earned %v, rules give %v", acct.Channel(), bal.Earned, want)
			}
			var overdrawn int64 // a heat may never take the balance below 0
			s.r.Model(&LedgerEntry{}).Where("account_id = ? AND kind = ? AND balance_after < 0", acct.ID, models.LedgerHeat).
				Count(&overdrawn)
			if overdrawn > 0 {
				rt.Fatalf("%s: %d heats overdrew the balance", acct.Channel(), overdrawn)
			}
			for id, st := range final {
				var o orderRow
				if err := s.r.First(&o, "order_id = ?", id).Error; err != nil {
					rt.Fatal(err)
				}
				if o.LastEventID != st.EventID || o.Cancelled != st.Cancelled || o.Amount != st.Amount ||
					o.ChannelID != st.ChannelID || !o.SettledAt.Equal(st.SettledAt) {
					rt.Fatalf("order %s stored %+v, merge gives %+v", id, o, *st)
				}
			}
		}
	})
}

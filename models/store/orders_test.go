package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"growthcard/models"
)

func TestIngestAppliesAndDuplicates(t *testing.T) {
	s, c := ptOpen(t)
	a := ptCreator(t, s, c, "ch1", models.EnrollApproved)
	e := ptEvent("e1", "o1", "ch1", ptYuan(200_000), ptDay(12, 1))
	res := ptIngest(t, s, e, e, ptEvent("e2", "o2", "ch1", ptYuan(100), ptDay(12, 2)))
	want := []string{IngestApplied, IngestDuplicate, IngestApplied}
	for i, r := range res {
		if r.Status != want[i] {
			t.Fatalf("result %d = %+v, want %s", i, r, want[i])
		}
	}
	if got := ptIngest(t, s, e)[0].Status; got != IngestDuplicate {
		t.Fatalf("redelivery = %s", got)
	}
	b := ptCheckLedger(t, s, a.ID, c.ID)
	// newcomer: (200,000 + 100) × 1.5% = 3,001.50 points
	if b.Earned != 300150 {
		t.Fatalf("earned %v, want 3001.50", b.Earned)
	}
	var entries []LedgerEntry
	s.r.Where("account_id = ?", a.ID).Order("id").Find(&entries)
	if len(entries) != 1 || entries[0].CauseKey != fmt.Sprintf("event:e2:a%d:c%d", a.ID, c.ID) ||
		models.CauseText(entries[0].Cause, entries[0].CauseArgs) != "订单 o2 结算 ¥100.00 等 2 个订单事件" || entries[0].OrderID != "o2" {
		t.Fatalf("entries %+v", entries)
	}
}

func TestIngestOrderRowKeepsWinner(t *testing.T) {
	s, _ := ptOpen(t)
	late := ptEvent("b", "o1", "ch1", ptYuan(50), ptDay(12, 3))
	early := ptEvent("a", "o1", "ch1", ptYuan(70), ptDay(12, 1))
	ptIngest(t, s, late)
	ptIngest(t, s, early)
	ptIngest(t, s, ptCancel("c", "o1", "ch1", ptDay(12, 5)))
	var o orderRow
	if err := s.r.First(&o, "order_id = ?", "o1").Error; err != nil {
		t.Fatal(err)
	}
	if o.LastEventID != "b" || o.Amount != ptYuan(50) || o.Status != models.StatusSettled || !o.Cancelled ||
		o.SettledDay != "2025-12-03" {
		t.Fatalf("order %+v", o)
	}
	var n int64
	s.r.Model(&struct{ EventID string }{}).Table("order_events").Count(&n)
	if n != 3 {
		t.Fatalf("%d events kept", n)
	}
}

func TestCancellationRemovesPoints(t *testing.T) {
	s, c := ptOpen(t)
	a := ptCreator(t, s, c, "ch1", models.EnrollApproved)
	ptIngest(t, s, ptEvent("e1", "o1", "ch1", ptYuan(10_000), ptDay(12, 1)),
		ptEvent("e2", "o2", "ch1", ptYuan(20_000), ptDay(12, 1)))
	if b := ptCheckLedger(t, s, a.ID, c.ID); b.Earned != 45000 {
		t.Fatalf("earned %v", b.Earned)
	}
	ptIngest(t, s, ptCancel("e3", "o2", "ch1", ptDay(12, 9)))
	b := ptCheckLedger(t, s, a.ID, c.ID)
	if b.Earned != 15000 {
		t.Fatalf("after cancel earned %v, want 150.00", b.Earned)
	}
	var last LedgerEntry
	s.r.Where("account_id = ?", a.ID).Order("id DESC").First(&last)
	if last.Delta != -30000 || models.CauseText(last.Cause, last.CauseArgs) != "订单 o2 取消结算" {
		t.Fatalf("last entry %+v", last)
	}
}

func TestOrdersBeforeSignupCountOnceApproved(t *testing.T) {
	s, c := ptOpen(t)
	ptIngest(t, s, ptEvent("e1", "o1", "late", ptYuan(200_000), ptDay(11, 25)),
		ptEvent("e2", "o2", "late", ptYuan(5_000), ptDay(11, 30)))
	a := ptCreator(t, s, c, "late", models.EnrollPending)
	if b := ptCheckLedger(t, s, a.ID, c.ID); b.Earned != 0 {
		t.Fatalf("pending earned %v", b.Earned)
	}
	ptIngest(t, s, ptEvent("e3", "o3", "late", ptYuan(1_000), ptDay(12, 1)))
	if b := ptCheckLedger(t, s, a.ID, c.ID); b.Earned != 0 {
		t.Fatalf("pending earned %v after a new order", b.Earned)
	}
	e, err := s.LatestEnrollment(context.Background(), a.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	ptApprove(t, s, e.ID)
	if b := ptCheckLedger(t, s, a.ID, c.ID); b.Earned != 309000 { // 206,000 × 1.5%
		t.Fatalf("approved earned %v", b.Earned)
	}
	ptIngest(t, s, ptEvent("e1", "o1", "late", ptYuan(200_000), ptDay(11, 25))) // a retry
	if b := ptCheckLedger(t, s, a.ID, c.ID); b.Earned != 309000 {
		t.Fatalf("retry changed earned to %v", b.Earned)
	}
}

func TestIngestSpecExamplesAndLive(t *testing.T) {
	s, c := ptOpen(t)
	n := ptCreator(t, s, c, "newbie", models.EnrollApproved)
	v := ptCreator(t, s, c, "vet", models.EnrollApproved)
	live := ptEvent("l1", "l1", "newbie", ptYuan(999_999), ptDay(12, 1))
	live.Source = models.SourceLive
	ptIngest(t, s, ptEvent("n1", "n1", "newbie", ptYuan(200_000), ptDay(12, 1)), live,
		ptEvent("v0", "v0", "vet", ptYuan(184_000), time.Date(2025, 9, 1, 9, 0, 0, 0, models.Beijing)),
		ptEvent("v1", "v1", "vet", ptYuan(200_000), ptDay(12, 2)))
	if b := ptCheckLedger(t, s, n.ID, c.ID); b.Earned != 300000 {
		t.Fatalf("newcomer earned %v, want 3000.00", b.Earned)
	}
	if b := ptCheckLedger(t, s, v.ID, c.ID); b.Earned != 180000 {
		t.Fatalf("veteran earned %v, want 1800.00", b.Earned)
	}
}

func TestIngestRejectsIncompleteEvents(t *testing.T) {
	s, _ := ptOpen(t)
	res := ptIngest(t, s, models.OrderEvent{OrderID: "o", ChannelID: "c", Status: models.StatusSettled, SettledAt: ptNow},
		ptEvent("ok", "o", "c", 100, ptNow))
	if res[0].Status != IngestRejected || res[0].Reason == "" || res[1].Status != IngestApplied {
		t.Fatalf("results %+v", res)
	}
}

func TestConcurrentDeliveriesCreditOnce(t *testing.T) {
	s, c := ptOpen(t)
	a := ptCreator(t, s, c, "ch1", models.EnrollApproved)
	e := ptEvent("same", "o1", "ch1", ptYuan(1_000), ptDay(12, 1))
	var wg sync.WaitGroup
	results := make(chan string, 10)
	for range 10 {
		wg.Go(func() {
			res, err := s.IngestEvents(context.Background(), []models.OrderEvent{e}, "webhook")
			if err != nil {
				t.Error(err)
				return
			}
			results <- res[0].Status
		})
	}
	wg.Wait()
	close(results)
	applied := 0
	for r := range results {
		if r == IngestApplied {
			applied++
		}
	}
	if applied != 1 {
		t.Fatalf("%d deliveries applied", applied)
	}
	if b := ptCheckLedger(t, s, a.ID, c.ID); b.Earned != 1500 {
		t.Fatalf("earned %v, want 15.00", b.Earned)
	}
}

func TestOrderMovingChannelRecomputesBoth(t *testing.T) {
	s, c := ptOpen(t)
	a := ptCreator(t, s, c, "cha", models.EnrollApproved)
	b := ptCreator(t, s, c, "chb", models.EnrollApproved)
	ptIngest(t, s, ptEvent("e1", "o1", "cha", ptYuan(1_000), ptDay(12, 1)))
	// A later settlement of the same order names another channel: it wins the merge.
	ptIngest(t, s, ptEvent("e2", "o1", "chb", ptYuan(1_000), ptDay(12, 2)))
	if got := ptCheckLedger(t, s, a.ID, c.ID).Earned; got != 0 {
		t.Fatalf("old channel keeps %v", got)
	}
	if got := ptCheckLedger(t, s, b.ID, c.ID).Earned; got != 1500 {
		t.Fatalf("new channel has %v", got)
	}
}

func TestLedgerPages(t *testing.T) {
	s, c := ptOpen(t)
	a := ptCreator(t, s, c, "ch1", models.EnrollApproved)
	for i := range 35 {
		ptIngest(t, s, ptEvent(fmt.Sprint("e", i), fmt.Sprint("o", i), "ch1", ptYuan(100), ptDay(12, 1)))
	}
	page, total, err := s.Ledger(context.Background(), a.ID, c.ID, 2, 30)
	if err != nil {
		t.Fatal(err)
	}
	if total != 35 || len(page) != 5 || page[0].CauseKey != fmt.Sprintf("event:e4:a%d:c%d", a.ID, c.ID) {
		t.Fatalf("total %d, page %+v", total, page)
	}
}

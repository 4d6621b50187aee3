package store

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"growthcard/models"
)

const ptCSV = "order_id,channel_id,video_id,source,amount,status,settled_at\n" +
	"o1,ch1,v1,short_video,100000.00,settled,2025-12-01 10:00:00\n" +
	"o2,ch1,v1,short_video,100000.00,settled,2025-12-02 10:00:00\n" +
	"o3,ch9,,live,5.00,settled,2025-12-02 10:00:00\n" +
	"o2,ch1,v1,short_video,,cancelled,2025-12-03 10:00:00\n"

func TestRunImportAppliesThenAllDuplicate(t *testing.T) {
	s, c := ptOpen(t)
	ctx := context.Background()
	a := ptCreator(t, s, c, "ch1", models.EnrollApproved)
	for round, want := range []ImportJob{{Applied: 4}, {Duplicates: 4}} {
		job, err := s.StartImport(ctx, Actor{}, "orders.csv", 4)
		if err != nil {
			t.Fatal(err)
		}
		job, err = s.RunImport(ctx, job.ID, strings.NewReader(ptCSV))
		if err != nil {
			t.Fatal(err)
		}
		if job.Status != models.ImportDone || job.DoneRows != 4 || job.Applied != want.Applied ||
			job.Duplicates != want.Duplicates || job.FinishedAt == nil {
			t.Fatalf("round %d: %+v", round, job)
		}
		if b := ptCheckLedger(t, s, a.ID, c.ID); b.Earned != 150000 {
			t.Fatalf("round %d: earned %v", round, b.Earned)
		}
	}
	jobs, err := s.ImportJobs(ctx, 10)
	if err != nil || len(jobs) != 2 {
		t.Fatalf("jobs %v %v", jobs, err)
	}
}

func TestRunImportFailsWhenFileChanged(t *testing.T) {
	s, _ := ptOpen(t)
	ctx := context.Background()
	job, _ := s.StartImport(ctx, Actor{}, "x.csv", 1)
	job, err := s.RunImport(ctx, job.ID, strings.NewReader("order_id,channel_id,source,amount,status,settled_at\no1,c,tv,1,settled,x\n"))
	if err == nil || job.Status != models.ImportFailed || job.Errors == "" {
		t.Fatalf("job %+v err %v", job, err)
	}
}

func TestRecordInvalidImport(t *testing.T) {
	s, _ := ptOpen(t)
	job, err := s.RecordInvalidImport(context.Background(), Actor{}, "bad.csv", 3, "line,column,reason\n2,amount,坏\n")
	if err != nil || job.Status != models.ImportInvalid {
		t.Fatalf("%+v %v", job, err)
	}
	got, err := s.ImportJob(context.Background(), job.ID)
	if err != nil || got.Errors != job.Errors {
		t.Fatalf("%+v %v", got, err)
	}
}

func TestAbandonImports(t *testing.T) {
	s, _ := ptOpen(t)
	ctx := context.Background()
	job, _ := s.StartImport(ctx, Actor{}, "cut.csv", 10)
	if n, err := s.AbandonImports(ctx); err != nil || n != 1 {
		t.Fatalf("%d %v", n, err)
	}
	got, _ := s.ImportJob(ctx, job.ID)
	if got.Status != models.ImportFailed || got.Errors == "" || got.FinishedAt == nil {
		t.Fatalf("%+v", got)
	}
}

// TestBulkSettingsLastWhileImportsRun: the writer has the bulk settings from the
// first running import until the last one ends, then its usual ones again.
func TestBulkSettingsLastWhileImportsRun(t *testing.T) {
	s, _ := ptOpen(t)
	settings := func() (cache, checkpoint int64) {
		t.Helper()
		if err := s.w.Raw("PRAGMA cache_size").Scan(&cache).Error; err != nil {
			t.Fatal(err)
		}
		if err := s.w.Raw("PRAGMA wal_autocheckpoint").Scan(&checkpoint).Error; err != nil {
			t.Fatal(err)
		}
		return
	}
	if c, k := settings(); c != -20000 || k != 1000 {
		t.Fatalf("before: cache %d, checkpoint %d", c, k)
	}
	first, err := s.bulk()
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.bulk()
	if err != nil {
		t.Fatal(err)
	}
	first()
	if c, k := settings(); c != -65536 || k != 10000 {
		t.Fatalf("while one import still runs: cache %d, checkpoint %d", c, k)
	}
	second()
	if c, k := settings(); c != -20000 || k != 1000 {
		t.Fatalf("after: cache %d, checkpoint %d", c, k)
	}
}

// TestRunImportStopsOnWriteError: when a batch cannot be written, the import stops,
// the reader a batch ahead stops too, and the job fails with nothing counted.
func TestRunImportStopsOnWriteError(t *testing.T) {
	s, _ := ptOpen(t)
	var csv strings.Builder
	csv.WriteString("order_id,channel_id,source,amount,status,settled_at\n")
	for i := range 3*importBatchSize + 5 {
		fmt.Fprintf(&csv, "o%d,ch%d,short_video,1.00,settled,2025-12-01 10:00:00\n", i, i%50)
	}
	job, err := s.StartImport(context.Background(), Actor{}, "big.csv", 3*importBatchSize+5)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	before := runtime.NumGoroutine()
	job, err = s.RunImport(ctx, job.ID, strings.NewReader(csv.String()))
	if !errors.Is(err, context.Canceled) || job.Status != models.ImportFailed || job.DoneRows != 0 {
		t.Fatalf("job %+v err %v", job, err)
	}
	for range 100 { // the reader goroutine is gone once RunImport returns, give or take scheduling
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines, %d before", runtime.NumGoroutine(), before)
}

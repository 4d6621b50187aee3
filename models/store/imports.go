package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"gorm.io/gorm"

	"growthcard/models"
)

// ImportJob is one orders CSV import and its progress (see models.ImportJob).
type ImportJob = models.ImportJob

// StartImport records a validated file of total rows as a running import job.
func (s *Store) StartImport(ctx context.Context, who Actor, filename string, total int64) (ImportJob, error) {
	job := ImportJob{Filename: filename, Status: models.ImportRunning, TotalRows: total, CreatedBy: actorID(who),
		CreatedAt: s.now()}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&job).Error; err != nil {
			return err
		}
		return s.audit(tx, who, "orders.import", "import_job", job.ID, nil,
			map[string]string{"filename": filename, "rows": strconv.FormatInt(total, 10)})
	})
	return job, err
}

// RecordInvalidImport keeps a rejected file's report: rows read and every bad row as
// CSV text. Nothing of the file is applied.
func (s *Store) RecordInvalidImport(ctx context.Context, who Actor, filename string, rows int64, report string) (ImportJob, error) {
	now := s.now()
	job := ImportJob{Filename: filename, Status: models.ImportInvalid, TotalRows: rows, Errors: report,
		CreatedBy: actorID(who), CreatedAt: now, FinishedAt: &now}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&job).Error; err != nil {
			return err
		}
		return s.audit(tx, who, "orders.import_rejected", "import_job", job.ID, nil,
			map[string]string{"filename": filename, "rows": strconv.FormatInt(rows, 10)})
	})
	return job, err
}

// importBatchSize is how many rows of an orders CSV one write transaction applies:
// ten webhook batches. A batch rewrites every page of the orders_channel index it
// touches (orders come in time order, channels at random), commits its pages to the
// WAL once and recomputes each account it touches once, so bigger batches do less of
// all three per row. At this size a batch holds the writer for a fraction of a
// second, so webhook deliveries and heats still get their turn between batches.
const importBatchSize = 10_000

// RunImport is the apply pass of an import: it streams the (already validated) CSV
// in r again and ingests it in batches of importBatchSize, each batch and the job's
// progress in one transaction, so done_rows always matches what is applied. Parsing
// runs on its own goroutine, a batch ahead of the writes. A row that no longer
// validates stops the import and fails the job; because events are idempotent,
// importing the file again after a failure is safe.
func (s *Store) RunImport(ctx context.Context, jobID int64, r io.Reader) (ImportJob, error) {
	restore, err := s.bulk()
	if err != nil {
		return s.finishImport(jobID, err)
	}
	defer restore()
	via := "import:" + strconv.FormatInt(jobID, 10)
	stop := make(chan struct{})
	batches, scanned := readBatches(r, importBatchSize, stop)
	for batch := range batches {
		if err = s.applyImportBatch(ctx, jobID, via, batch); err != nil {
			break
		}
	}
	close(stop)
	for range batches { // the reader stops at its next batch
	}
	if serr := <-scanned; err == nil && !errors.Is(serr, errStopped) {
		err = serr
	}
	return s.finishImport(jobID, err)
}

// applyImportBatch ingests one batch of an import and counts it in the job's
// progress, in one transaction.
func (s *Store) applyImportBatch(ctx context.Context, jobID int64, via string, batch []models.OrderEvent) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res, err := s.ingestBatch(tx, batch, via)
		if err != nil {
			return err
		}
		n := Count(res)
		if n.Rejected > 0 {
			return fmt.Errorf("有 %d 行在写入时被拒绝", n.Rejected)
		}
		return tx.Model(&ImportJob{}).Where("id = ?", jobID).Updates(map[string]any{
			"done_rows":  gorm.Expr("done_rows + ?", len(batch)),
			"applied":    gorm.Expr("applied + ?", n.Applied),
			"duplicates": gorm.Expr("duplicates + ?", n.Duplicates)}).Error
	})
}

// errStopped is how readBatches ends when told to stop.
var errStopped = errors.New("import stopped")

// readBatches parses the orders CSV in r on a goroutine of its own and sends its
// events in batches of size, so that parsing overlaps the writes: one batch waits in
// the channel while the next is read, so memory stays bounded whatever the file's
// size. It ends early when stop is closed. The error, sent once the channel is
// closed, is an I/O error, the first row that no longer validates, or errStopped.
func readBatches(r io.Reader, size int, stop <-chan struct{}) (<-chan []models.OrderEvent, <-chan error) {
	out := make(chan []models.OrderEvent, 1)
	done := make(chan error, 1)
	go func() {
		defer close(out)
		batch := make([]models.OrderEvent, 0, size)
		send := func() error {
			select {
			case out <- batch:
				batch = make([]models.OrderEvent, 0, size)
				return nil
			case <-stop:
				return errStopped
			}
		}
		var changed error
		_, err := models.ScanOrdersCSV(r, func(_ int, e models.OrderEvent) error {
			if changed != nil {
				return changed
			}
			batch = append(batch, e)
			if len(batch) == size {
				return send()
			}
			return nil
		}, func(e models.RowError) {
			if changed == nil {
				changed = fmt.Errorf("第 %d 行在校验之后发生了变化:%s", e.Line, e.Text())
			}
		})
		if err == nil {
			err = changed
		}
		if err == nil && len(batch) > 0 {
			err = send()
		}
		done <- err
	}()
	return out, done
}

// The writer connection's settings while imports run, and otherwise (see bulk).
var (
	bulkPragmas = []string{
		"PRAGMA cache_size = -65536",        // 64 MiB: the index pages a batch rewrites stay cached
		"PRAGMA wal_autocheckpoint = 10000", // a page rewritten by several batches is copied back once
	}
	normalPragmas = []string{
		"PRAGMA cache_size = " + cacheSize, // as dsn sets it
		"PRAGMA wal_autocheckpoint = 1000", // SQLite's default
	}
)

// bulk gives the writer connection a bigger page cache and rarer WAL checkpoints
// while at least one import runs, and returns the function that puts them back when
// the last one ends. The writer is a single connection, so the settings hold for
// every write in between, which only gains from them.
func (s *Store) bulk() (restore func(), err error) {
	s.bulkMu.Lock()
	defer s.bulkMu.Unlock()
	if s.bulkers == 0 {
		if err := s.pragmas(bulkPragmas); err != nil {
			return nil, err
		}
	}
	s.bulkers++
	return func() {
		s.bulkMu.Lock()
		defer s.bulkMu.Unlock()
		if s.bulkers--; s.bulkers == 0 {
			_ = s.pragmas(normalPragmas) // the connection is then failing anyway
		}
	}, nil
}

// pragmas runs settings on the writer connection.
func (s *Store) pragmas(list []string) error {
	db, err := s.w.DB()
	if err != nil {
		return err
	}
	for _, p := range list {
		if _, err := db.Exec(p); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}

// finishImport marks the job done, or failed with err, and returns it. It uses a
// fresh context: a job cut short by a cancelled request still records why.
func (s *Store) finishImport(jobID int64, cause error) (ImportJob, error) {
	ctx := context.Background()
	updates := map[string]any{"status": models.ImportDone, "finished_at": s.now()}
	if cause != nil {
		updates["status"], updates["errors"] = models.ImportFailed, cause.Error()
	}
	if err := s.tx(ctx, func(tx *gorm.DB) error {
		return tx.Model(&ImportJob{}).Where("id = ?", jobID).Updates(updates).Error
	}); err != nil && cause == nil {
		cause = err
	}
	job, err := s.ImportJob(ctx, jobID)
	if err != nil && cause == nil {
		cause = err
	}
	return job, cause
}

// AbandonImports marks jobs still running as failed: called when the server starts,
// since an import runs inside the process that started it. Re-importing the file is
// safe. It returns how many jobs it marked.
func (s *Store) AbandonImports(ctx context.Context) (int64, error) {
	var n int64
	err := s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&ImportJob{}).Where("status = ?", models.ImportRunning).Updates(map[string]any{
			"status": models.ImportFailed, "finished_at": s.now(),
			"errors": "服务在导入过程中重启,导入中断"})
		n = res.RowsAffected
		return res.Error
	})
	return n, err
}

// ImportJob returns one import job.
func (s *Store) ImportJob(ctx context.Context, id int64) (ImportJob, error) {
	var job ImportJob
	err := s.read(ctx).First(&job, id).Error
	return job, notFound(err)
}

// ImportJobs lists the latest import jobs, newest first, without their error reports.
func (s *Store) ImportJobs(ctx context.Context, limit int) ([]ImportJob, error) {
	var jobs []ImportJob
	err := s.read(ctx).Omit("errors").Order("id DESC").Limit(limit).Find(&jobs).Error
	return jobs, err
}

// actorID is who's account id for a nullable column (nil for the command line).
func actorID(who Actor) *int64 {
	if who.ID == 0 {
		return nil
	}
	id := who.ID
	return &id
}

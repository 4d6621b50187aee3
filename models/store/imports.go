package store

import (
	"context"
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

// RunImport is the apply pass of an import: it streams the (already validated) CSV
// in r again and ingests it in batches of IngestBatchSize, each batch and the job's
// progress in one transaction, so done_rows always matches what is applied. A row
// that no longer validates fails the job; because events are idempotent, importing
// the file again after a failure is safe.
func (s *Store) RunImport(ctx context.Context, jobID int64, r io.Reader) (ImportJob, error) {
	via := "import:" + strconv.FormatInt(jobID, 10)
	batch := make([]models.OrderEvent, 0, IngestBatchSize)
	var changed error
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := s.tx(ctx, func(tx *gorm.DB) error {
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
		batch = batch[:0]
		return err
	}
	_, err := models.ScanOrdersCSV(r, func(_ int, e models.OrderEvent) error {
		batch = append(batch, e)
		if len(batch) == IngestBatchSize {
			return flush()
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
	if err == nil {
		err = flush()
	}
	return s.finishImport(jobID, err)
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

package store

import (
	"context"
	"strings"

	"growthcard/models"
)

// ListAudit returns one page of the audit log matching f, newest first, and the
// number of matches. The log is append-only: there is no code path that changes or
// deletes an entry, and triggers refuse it in the database.
func (s *Store) ListAudit(ctx context.Context, f models.AuditFilter) ([]models.AuditRecord, int64, error) {
	q := s.read(ctx).Table(auditTable)
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if a := strings.TrimSpace(f.Actor); a != "" {
		q = q.Where(`lower(actor_email) LIKE ? ESCAPE '\'`, likePattern(a))
	}
	kind, id := f.TargetParts()
	if kind != "" {
		q = q.Where("target_type = ?", kind)
	}
	if id != "" {
		q = q.Where("target_id = ?", id)
	}
	if from, err := models.ParseDay(f.From); err == nil && f.From != "" {
		q = q.Where("at >= ?", from.UTC())
	}
	if to, err := models.ParseDay(f.To); err == nil && f.To != "" {
		q = q.Where("at < ?", to.AddDate(0, 0, 1).UTC())
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	f.Page, f.PerPage = pageOf(f.Page, f.PerPage, 50)
	var out []models.AuditRecord
	err := q.Order("id DESC").Limit(f.PerPage).Offset((f.Page - 1) * f.PerPage).Find(&out).Error
	return out, total, err
}

// AuditActions lists the actions present in the log, for the filter's choices.
func (s *Store) AuditActions(ctx context.Context) ([]string, error) {
	var actions []string
	err := s.read(ctx).Table(auditTable).Distinct("action").Order("action").Pluck("action", &actions).Error
	return actions, err
}

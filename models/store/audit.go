package store

import (
	"context"
	"encoding/json"
	"strconv"

	"gorm.io/gorm"

	"growthcard/models"
)

// AuditEntry is one append-only record of who did what to which record, and when;
// it is stored in the audit_log table (triggers refuse updates and deletes).
type AuditEntry = models.AuditRecord

// auditTable is where AuditEntry rows live.
const auditTable = "audit_log"

// Actor identifies who performs an action, for the audit log.
type Actor struct {
	ID    int64
	Email string
	IP    string
}

// jsonText encodes v for the before/after columns ("" for nil).
func jsonText(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// audit appends an entry inside tx.
func (s *Store) audit(tx *gorm.DB, who Actor, action, targetType string, targetID int64, before, after any) error {
	_, err := s.auditID(tx, who, action, targetType, targetID, before, after)
	return err
}

// auditID appends an entry inside tx and returns its id, for ledger causes that name
// the decision they follow from.
func (s *Store) auditID(tx *gorm.DB, who Actor, action, targetType string, targetID int64, before, after any) (int64, error) {
	var actorID *int64
	if who.ID != 0 {
		id := who.ID
		actorID = &id
	}
	target := ""
	if targetID != 0 {
		target = strconv.FormatInt(targetID, 10)
	}
	e := AuditEntry{ActorID: actorID, ActorEmail: who.Email, Action: action,
		TargetType: targetType, TargetID: target, Before: jsonText(before), After: jsonText(after),
		IP: who.IP, At: s.now()}
	err := tx.Table(auditTable).Create(&e).Error
	return e.ID, err
}

// Audit appends an entry in its own transaction.
func (s *Store) Audit(ctx context.Context, who Actor, action, targetType string, targetID int64, before, after any) error {
	return s.tx(ctx, func(tx *gorm.DB) error { return s.audit(tx, who, action, targetType, targetID, before, after) })
}

package store

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// AuditEntry is one append-only record of who did what to which record, and when.
type AuditEntry struct {
	ID         int64
	ActorID    *int64
	ActorEmail string
	Action     string
	TargetType string
	TargetID   string
	Before     string
	After      string
	IP         string
	At         time.Time
}

// TableName keeps the audit table's singular name.
func (AuditEntry) TableName() string { return "audit_log" }

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
	var actorID *int64
	if who.ID != 0 {
		id := who.ID
		actorID = &id
	}
	target := ""
	if targetID != 0 {
		target = strconv.FormatInt(targetID, 10)
	}
	return tx.Create(&AuditEntry{ActorID: actorID, ActorEmail: who.Email, Action: action,
		TargetType: targetType, TargetID: target, Before: jsonText(before), After: jsonText(after),
		IP: who.IP, At: s.now()}).Error
}

// Audit appends an entry in its own transaction.
func (s *Store) Audit(ctx context.Context, who Actor, action, targetType string, targetID int64, before, after any) error {
	return s.tx(ctx, func(tx *gorm.DB) error { return s.audit(tx, who, action, targetType, targetID, before, after) })
}

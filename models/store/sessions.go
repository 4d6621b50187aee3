package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"gorm.io/gorm"

	"growthcard/models"
)

// Session is a server-side record of a signed-in browser; the cookie holds only a
// random token whose hash is the id, so log-out and expiry really end the session.
type Session struct {
	ID         string
	AccountID  int64
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastSeenAt time.Time
	IP         string
	UserAgent  string
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession starts a session for accountID lasting ttl and returns its token.
func (s *Store) CreateSession(ctx context.Context, accountID int64, ttl time.Duration, ip, ua string) (string, error) {
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", err
	}
	token := hex.EncodeToString(raw[:])
	now := s.now()
	if len(ua) > 200 {
		ua = ua[:200]
	}
	sess := Session{ID: hashToken(token), AccountID: accountID, CreatedAt: now,
		ExpiresAt: now.Add(ttl), LastSeenAt: now, IP: ip, UserAgent: ua}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("expires_at < ?", now).Delete(&Session{}).Error; err != nil {
			return err
		}
		return tx.Create(&sess).Error
	})
	return token, err
}

// SessionAccount returns the account of a live session token.
func (s *Store) SessionAccount(ctx context.Context, token string) (models.Account, error) {
	var a models.Account
	if token == "" {
		return a, models.ErrNotFound
	}
	err := s.read(ctx).Joins("JOIN sessions ON sessions.account_id = accounts.id").
		Where("sessions.id = ? AND sessions.expires_at > ?", hashToken(token), s.now()).
		Take(&a).Error // one session at most: no ORDER BY, which SQLite would sort for

	return a, notFound(err)
}

// DeleteSession ends the session with this token.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		return tx.Where("id = ?", hashToken(token)).Delete(&Session{}).Error
	})
}

// LoginAttempt records one sign-in try, for throttling and the audit trail.
type LoginAttempt struct {
	ID      int64
	Email   string
	IP      string
	Success bool
	At      time.Time
}

// RecordLogin stores one sign-in attempt.
func (s *Store) RecordLogin(ctx context.Context, email, ip string, success bool) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		return tx.Create(&LoginAttempt{Email: models.NormalizeEmail(email), IP: ip, Success: success, At: s.now()}).Error
	})
}

// FailedLogins counts failed attempts since `since` for the e-mail and for the address.
func (s *Store) FailedLogins(ctx context.Context, email, ip string, since time.Time) (byEmail, byIP int64, err error) {
	q := s.read(ctx).Model(&LoginAttempt{})
	if err = q.Where("email = ? AND at > ? AND success = ?", models.NormalizeEmail(email), since.UTC(), false).Count(&byEmail).Error; err != nil {
		return
	}
	err = s.read(ctx).Model(&LoginAttempt{}).Where("ip = ? AND at > ? AND success = ?", ip, since.UTC(), false).Count(&byIP).Error
	return
}

package store

import (
	"context"
	"errors"
	"strings"

	"gorm.io/gorm"

	"growthcard/models"
)

// CreateAccount inserts an account. A taken e-mail or channel id answers a
// models.FieldErrors naming the field.
func (s *Store) CreateAccount(ctx context.Context, a *models.Account) error {
	err := s.tx(ctx, func(tx *gorm.DB) error { return createAccount(tx, a) })
	return err
}

func createAccount(tx *gorm.DB, a *models.Account) error {
	var n int64
	if err := tx.Model(&models.Account{}).Where("email = ?", a.Email).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return models.FieldErrors{{Field: "email", Message: "这个邮箱已经注册,请直接登录"}}
	}
	if a.ChannelID != nil {
		if err := tx.Model(&models.Account{}).Where("channel_id = ?", *a.ChannelID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return models.FieldErrors{{Field: "channel_id", Message: "这个视频号ID已被其他账号绑定"}}
		}
	}
	err := tx.Create(a).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		if strings.Contains(err.Error(), "channel_id") {
			return models.FieldErrors{{Field: "channel_id", Message: "这个视频号ID已被其他账号绑定"}}
		}
		return models.FieldErrors{{Field: "email", Message: "这个邮箱已经注册,请直接登录"}}
	}
	return err
}

// Account returns one account by id.
func (s *Store) Account(ctx context.Context, id int64) (models.Account, error) {
	var a models.Account
	err := s.read(ctx).First(&a, id).Error
	return a, notFound(err)
}

// AccountByEmail returns the account with this (normalised) e-mail.
func (s *Store) AccountByEmail(ctx context.Context, email string) (models.Account, error) {
	var a models.Account
	err := s.read(ctx).Where("email = ?", models.NormalizeEmail(email)).First(&a).Error
	return a, notFound(err)
}

// AccountByChannel returns the account bound to a channel id.
func (s *Store) AccountByChannel(ctx context.Context, channelID string) (models.Account, error) {
	var a models.Account
	err := s.read(ctx).Where("channel_id = ?", channelID).First(&a).Error
	return a, notFound(err)
}

// UpsertManager creates a manager or resets an existing manager's password.
func (s *Store) UpsertManager(ctx context.Context, email, name, hash string) (models.Account, error) {
	email = models.NormalizeEmail(email)
	var a models.Account
	err := s.tx(ctx, func(tx *gorm.DB) error {
		err := tx.Where("email = ?", email).First(&a).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			a = models.Account{Email: email, DisplayName: name, Role: models.RoleManager, PasswordHash: hash}
			return tx.Create(&a).Error
		}
		if err != nil {
			return err
		}
		if a.Role != models.RoleManager {
			return models.FieldErrors{{Field: "email", Message: "这个邮箱属于带货者或商家账号,不能设为运营"}}
		}
		a.PasswordHash = hash
		return tx.Model(&a).Update("password_hash", hash).Error
	})
	return a, err
}

// CountAccounts counts accounts with the given role ("" for all).
func (s *Store) CountAccounts(ctx context.Context, role string) (int64, error) {
	q := s.read(ctx).Model(&models.Account{})
	if role != "" {
		q = q.Where("role = ?", role)
	}
	var n int64
	err := q.Count(&n).Error
	return n, err
}

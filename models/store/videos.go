package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"growthcard/models"
)

// RegisterVideo adds a product video for v.AccountID on day v.Day unless the account
// has already registered limit videos that day (deleted ones included). The count and
// insert share one IMMEDIATE transaction, and the unique (account, day, seq) index
// backs it up, so a burst of requests never exceeds the limit.
func (s *Store) RegisterVideo(ctx context.Context, v *models.Video, limit int) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var used int64
		if err := tx.Model(&models.Video{}).Where("account_id = ? AND day = ?", v.AccountID, v.Day).
			Count(&used).Error; err != nil {
			return err
		}
		if int(used) >= limit {
			return models.ErrQuotaExhausted
		}
		v.Seq = int(used) + 1
		err := tx.Create(v).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return models.ErrQuotaExhausted
		}
		return err
	})
}

// VideosOnDay counts the videos the account registered on day, deleted ones included.
func (s *Store) VideosOnDay(ctx context.Context, accountID int64, day string) (int, error) {
	var n int64
	err := s.read(ctx).Model(&models.Video{}).Where("account_id = ? AND day = ?", accountID, day).Count(&n).Error
	return int(n), err
}

// Videos lists the account's videos that are not deleted, newest first.
func (s *Store) Videos(ctx context.Context, accountID int64, limit, offset int) ([]models.Video, error) {
	var vs []models.Video
	err := s.read(ctx).Where("account_id = ? AND deleted_at IS NULL", accountID).
		Order("id DESC").Limit(limit).Offset(offset).Find(&vs).Error
	return vs, err
}

// CountVideos counts the account's videos that are not deleted.
func (s *Store) CountVideos(ctx context.Context, accountID int64) (int64, error) {
	var n int64
	err := s.read(ctx).Model(&models.Video{}).Where("account_id = ? AND deleted_at IS NULL", accountID).Count(&n).Error
	return n, err
}

// Video returns one of the account's own videos; another's answers ErrNotFound.
func (s *Store) Video(ctx context.Context, accountID, id int64) (models.Video, error) {
	var v models.Video
	err := s.read(ctx).Where("id = ? AND account_id = ? AND deleted_at IS NULL", id, accountID).First(&v).Error
	return v, notFound(err)
}

// DeleteVideo hides one of the account's videos; it still counts for its day.
func (s *Store) DeleteVideo(ctx context.Context, who Actor, accountID, id int64) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&models.Video{}).Where("id = ? AND account_id = ? AND deleted_at IS NULL", id, accountID).
			Update("deleted_at", s.now())
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("video %d: %w", id, models.ErrNotFound)
		}
		return s.audit(tx, who, "video.delete", "video", id, nil, nil)
	})
}

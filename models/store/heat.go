package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"

	"gorm.io/gorm"

	"growthcard/models"
)

// Heat spends points on heating one of the account's own videos (SPEC rule 9): a
// whole number of points, at least 1, at most the balance. Another's video, or a
// deleted one, is ErrNotFound; a negative balance is ErrNegativeBalance; too few
// points is ErrInsufficient. The balance is taken by a conditional UPDATE inside the
// IMMEDIATE transaction, so racing heats can never overspend.
func (s *Store) Heat(ctx context.Context, who Actor, accountID, videoID, campaignID int64, points models.Points) (LedgerEntry, error) {
	var entry LedgerEntry
	if points < 100 || points%100 != 0 {
		return entry, models.FieldErrors{{Field: "points", Message: "加热点数须为不小于 1 的整数"}}
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var v models.Video
		err := tx.Where("id = ? AND account_id = ? AND deleted_at IS NULL", videoID, accountID).First(&v).Error
		if err != nil {
			return notFound(err)
		}
		var b PointBalance
		err = tx.Where("account_id = ? AND campaign_id = ?", accountID, campaignID).First(&b).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return models.ErrInsufficient
		}
		if err != nil {
			return err
		}
		if b.Balance < 0 {
			return models.ErrNegativeBalance
		}
		res := tx.Model(&PointBalance{}).
			Where("account_id = ? AND campaign_id = ? AND balance >= ?", accountID, campaignID, points).
			Updates(map[string]any{"spent": gorm.Expr("spent + ?", points), "balance": gorm.Expr("balance - ?", points),
				"updated_at": s.now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return models.ErrInsufficient
		}
		id := v.ID
		entry = LedgerEntry{AccountID: accountID, CampaignID: campaignID, Kind: models.LedgerHeat, Delta: -points,
			CauseKey: "heat:" + randomKey(), Cause: "加热视频《%s》", CauseArgs: models.CauseArgs{v.Title}, VideoID: &id,
			BalanceAfter: b.Balance - points, CreatedAt: s.now()}
		if err := tx.Create(&entry).Error; err != nil {
			return err
		}
		if err := tx.Model(&models.Video{}).Where("id = ?", v.ID).
			Update("heated_points", gorm.Expr("heated_points + ?", points)).Error; err != nil {
			return err
		}
		return s.audit(tx, who, "video.heat", "video", v.ID, nil,
			map[string]string{"points": points.String(), "balance_after": entry.BalanceAfter.String()})
	})
	return entry, err
}

// randomKey returns 16 random bytes in hex, for cause keys that name one action.
func randomKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

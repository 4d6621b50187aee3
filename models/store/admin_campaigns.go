package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"growthcard/models"
)

// errSlugTaken is the form answer for a slug another campaign already uses.
var errSlugTaken = models.FieldErrors{{Field: "slug", Message: "这个活动标识已被其他活动使用"}}

// UpdateCampaign saves a campaign's settings, audited with before and after, in one
// transaction. When a reward setting changed (a period, the rate or the cap) it
// recomputes the points of every approved account through the ledger, each entry
// under the cause key "settings:<campaign>:<audit id>:<account>"; it returns how many
// accounts were recomputed. The running campaign stays running: another campaign
// takes over only by being made the running one.
func (s *Store) UpdateCampaign(ctx context.Context, who Actor, c models.Campaign) (recomputed int, err error) {
	err = s.tx(ctx, func(tx *gorm.DB) error {
		recomputed = 0
		var before models.Campaign
		if err := tx.First(&before, c.ID).Error; err != nil {
			return notFound(err)
		}
		c.Running = c.Running || before.Running
		if err := slugFree(tx, c.Slug, c.ID); err != nil {
			return err
		}
		if c.Running && !before.Running {
			if err := tx.Model(&models.Campaign{}).Where("running = ?", true).Update("running", false).Error; err != nil {
				return err
			}
		}
		err := tx.Model(&models.Campaign{}).Where("id = ?", c.ID).Updates(map[string]any{
			"slug": c.Slug, "name": c.Name, "starts_at": c.StartsAt, "ends_at": c.EndsAt,
			"baseline_start": c.BaselineStart, "baseline_end": c.BaselineEnd, "min_fans": c.MinFans,
			"rate_bps": c.RateBps, "cap_points": c.CapPoints, "tiers": c.Tiers, "running": c.Running,
			"updated_at": s.now()}).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return errSlugTaken
		}
		if err != nil {
			return err
		}
		auditID, err := s.auditID(tx, who, "campaign.update", "campaign", c.ID,
			models.CampaignSettings(before), models.CampaignSettings(c))
		if err != nil || !models.RewardChanged(before, c) {
			return err
		}
		recomputed, err = s.recomputeCampaign(tx, c.ID, "settings:"+strconv.FormatInt(c.ID, 10)+":"+strconv.FormatInt(auditID, 10))
		return err
	})
	return recomputed, err
}

// recomputeCampaign recomputes every approved account of the campaign, each under
// causePrefix + ":" + account id, and returns how many accounts it visited.
func (s *Store) recomputeCampaign(tx *gorm.DB, campaignID int64, causePrefix string) (int, error) {
	var ids []int64
	if err := tx.Model(&models.Enrollment{}).Where("campaign_id = ? AND status = ?", campaignID, models.EnrollApproved).
		Order("account_id").Pluck("account_id", &ids).Error; err != nil {
		return 0, err
	}
	for _, id := range ids {
		key := causePrefix + ":" + strconv.FormatInt(id, 10)
		if err := s.recomputeEntitlement(tx, id, campaignID, key, "活动设置变更,按新设置重新计算"); err != nil {
			return 0, fmt.Errorf("recompute account %d: %w", id, err)
		}
	}
	return len(ids), nil
}

// NewCampaign creates a campaign, audited; when it is to run, the running one stops
// in the same transaction (one campaign runs at a time).
func (s *Store) NewCampaign(ctx context.Context, who Actor, c *models.Campaign) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := slugFree(tx, c.Slug, 0); err != nil {
			return err
		}
		var replaced string
		if c.Running {
			var old models.Campaign
			if err := tx.Where("running = ?", true).First(&old).Error; err == nil {
				replaced = old.Slug
			}
			if err := tx.Model(&models.Campaign{}).Where("running = ?", true).Update("running", false).Error; err != nil {
				return err
			}
		}
		c.ID = 0
		err := tx.Create(c).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return errSlugTaken
		}
		if err != nil {
			return err
		}
		after := models.CampaignSettings(*c)
		if replaced != "" {
			after["replaces_running"] = replaced
		}
		_, err = s.auditID(tx, who, "campaign.create", "campaign", c.ID, nil, after)
		return err
	})
}

// slugFree answers errSlugTaken when another campaign than id uses slug.
func slugFree(tx *gorm.DB, slug string, id int64) error {
	var n int64
	if err := tx.Model(&models.Campaign{}).Where("slug = ? AND id <> ?", slug, id).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return errSlugTaken
	}
	return nil
}

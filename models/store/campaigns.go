package store

import (
	"context"
	"fmt"

	"growthcard/models"
)

// seed inserts the default campaign into an empty database.
func (s *Store) seed() error {
	var n int64
	if err := s.w.Model(&models.Campaign{}).Count(&n).Error; err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if n > 0 {
		return nil
	}
	c := models.DefaultCampaign()
	if err := s.w.Create(&c).Error; err != nil {
		return fmt.Errorf("seed campaign: %w", err)
	}
	return nil
}

// RunningCampaign returns the campaign marked running.
func (s *Store) RunningCampaign(ctx context.Context) (models.Campaign, error) {
	var c models.Campaign
	err := s.read(ctx).Where("running = ?", true).First(&c).Error
	return c, notFound(err)
}

// Campaign returns one campaign by id.
func (s *Store) Campaign(ctx context.Context, id int64) (models.Campaign, error) {
	var c models.Campaign
	err := s.read(ctx).First(&c, id).Error
	return c, notFound(err)
}

// CampaignBySlug returns one campaign by slug.
func (s *Store) CampaignBySlug(ctx context.Context, slug string) (models.Campaign, error) {
	var c models.Campaign
	err := s.read(ctx).Where("slug = ?", slug).First(&c).Error
	return c, notFound(err)
}

// Campaigns lists every campaign, newest first.
func (s *Store) Campaigns(ctx context.Context) ([]models.Campaign, error) {
	var cs []models.Campaign
	err := s.read(ctx).Order("starts_at DESC, id DESC").Find(&cs).Error
	return cs, err
}

package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"growthcard/models"
)

// LatestEnrollment returns the account's most recent enrolment in the campaign, or nil.
func (s *Store) LatestEnrollment(ctx context.Context, accountID, campaignID int64) (*models.Enrollment, error) {
	var e models.Enrollment
	err := s.read(ctx).Where("account_id = ? AND campaign_id = ?", accountID, campaignID).
		Order("id DESC").First(&e).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// EnrollmentHistory lists the account's enrolments in the campaign, newest first.
func (s *Store) EnrollmentHistory(ctx context.Context, accountID, campaignID int64) ([]models.Enrollment, error) {
	var es []models.Enrollment
	q := s.read(ctx).Where("account_id = ?", accountID)
	if campaignID != 0 {
		q = q.Where("campaign_id = ?", campaignID)
	}
	err := q.Order("id DESC").Find(&es).Error
	return es, err
}

// Enrollment returns one enrolment by id.
func (s *Store) Enrollment(ctx context.Context, id int64) (models.Enrollment, error) {
	var e models.Enrollment
	err := s.read(ctx).First(&e, id).Error
	return e, notFound(err)
}

// Enroll files a pending application; an active one already on file is ErrConflict.
func (s *Store) Enroll(ctx context.Context, who Actor, accountID, campaignID int64) (models.Enrollment, error) {
	e := models.Enrollment{AccountID: accountID, CampaignID: campaignID, Status: models.EnrollPending}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		err := tx.Create(&e).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return fmt.Errorf("enrol: %w", models.ErrConflict)
		}
		if err != nil {
			return err
		}
		return s.audit(tx, who, "enrollment.apply", "enrollment", e.ID, nil, e)
	})
	return e, err
}

// Withdraw turns the account's pending application into withdrawn.
func (s *Store) Withdraw(ctx context.Context, who Actor, accountID, campaignID int64) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var e models.Enrollment
		err := tx.Where("account_id = ? AND campaign_id = ? AND status = ?", accountID, campaignID, models.EnrollPending).
			First(&e).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("withdraw: %w", models.ErrInvalidState)
		}
		if err != nil {
			return err
		}
		now := s.now()
		if err := tx.Model(&e).Updates(map[string]any{"status": models.EnrollWithdrawn, "decided_at": now}).Error; err != nil {
			return err
		}
		return s.audit(tx, who, "enrollment.withdraw", "enrollment", e.ID,
			map[string]string{"status": models.EnrollPending}, map[string]string{"status": models.EnrollWithdrawn})
	})
}

// Decision is a manager's verdict on pending applications.
type Decision struct {
	Approve bool
	Reason  string
	Note    string
}

// Decide approves or rejects pending enrolments by id, all or nothing. Approval
// computes the channel's entitlement from every order already known.
func (s *Store) Decide(ctx context.Context, who Actor, ids []int64, d Decision) error {
	if len(ids) == 0 {
		return models.FieldErrors{{Field: "ids", Message: "请至少选择一条报名"}}
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		for _, id := range ids {
			if err := s.decideOne(tx, who, id, d); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) decideOne(tx *gorm.DB, who Actor, id int64, d Decision) error {
	var e models.Enrollment
	if err := tx.First(&e, id).Error; err != nil {
		return notFound(err)
	}
	if e.Status != models.EnrollPending {
		return fmt.Errorf("enrolment %d is %s: %w", id, e.Status, models.ErrInvalidState)
	}
	before := map[string]string{"status": e.Status}
	now := s.now()
	status, action := models.EnrollApproved, "enrollment.approve"
	if !d.Approve {
		status, action = models.EnrollRejected, "enrollment.reject"
	}
	updates := map[string]any{"status": status, "reason": d.Reason, "note": strings.TrimSpace(d.Note),
		"decided_at": now, "decided_by": who.ID}
	res := tx.Model(&models.Enrollment{}).Where("id = ? AND status = ?", id, models.EnrollPending).Updates(updates)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return fmt.Errorf("enrolment %d: %w", id, models.ErrInvalidState)
	}
	after := map[string]string{"status": status, "reason": d.Reason, "note": strings.TrimSpace(d.Note)}
	if err := s.audit(tx, who, action, "enrollment", id, before, after); err != nil {
		return err
	}
	if !d.Approve {
		return nil
	}
	return s.recomputeEntitlement(tx, e.AccountID, e.CampaignID,
		fmt.Sprintf("approve:%d", e.ID), "报名审核通过,按已知订单计算")
}

// CountEnrollments counts the campaign's enrolments by status.
func (s *Store) CountEnrollments(ctx context.Context, campaignID int64) (map[string]int64, error) {
	var rows []struct {
		Status string
		N      int64
	}
	err := s.read(ctx).Table("enrollments").Select("status, COUNT(*) AS n").
		Where("campaign_id = ?", campaignID).Group("status").Scan(&rows).Error
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, err
}

package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"growthcard/models"
)

// Page sizes of the account page's lists.
const (
	accountOrdersPerPage = models.AccountOrdersPerPage
	accountVideosShown   = 50
	accountLedgerShown   = 200
)

// ListAccounts returns one page of accounts matching f, newest first, each with its
// latest enrolment status and earned points in the campaign, and the number of matches.
func (s *Store) ListAccounts(ctx context.Context, f models.AccountFilter, campaignID int64) ([]models.AccountListRow, int64, error) {
	q := s.read(ctx).Table("accounts")
	if f.Role != "" {
		q = q.Where("accounts.role = ?", f.Role)
	}
	q = searchAccounts(q, f.Query)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	f.Page, f.PerPage = pageOf(f.Page, f.PerPage, 50)
	var rows []struct {
		models.Account
		Status string
		Earned int64
	}
	err := q.Select("accounts.*, "+
		"COALESCE((SELECT e.status FROM enrollments e WHERE e.account_id = accounts.id AND e.campaign_id = ? ORDER BY e.id DESC LIMIT 1), ?) AS status, "+
		"COALESCE((SELECT pb.earned FROM point_balances pb WHERE pb.account_id = accounts.id AND pb.campaign_id = ?), 0) AS earned",
		campaignID, models.EnrollNone, campaignID).
		Order("accounts.id DESC").Limit(f.PerPage).Offset((f.Page - 1) * f.PerPage).Scan(&rows).Error
	out := make([]models.AccountListRow, len(rows))
	for i, r := range rows {
		out[i] = models.AccountListRow{Account: r.Account, Status: r.Status, Earned: models.Points(r.Earned)}
	}
	return out, total, err
}

// AccountDetail loads what the manager's account page shows: the account, its
// enrolments in every campaign, videos, one page of its channel's orders, its ledger
// and its entitlement in campaign c computed by the rules from every known order.
func (s *Store) AccountDetail(ctx context.Context, id int64, c models.Campaign, ordersPage int) (models.AccountDetail, error) {
	d := models.AccountDetail{Campaign: c, OrdersPage: max(ordersPage, 1)}
	var err error
	if d.Account, err = s.Account(ctx, id); err != nil {
		return d, err
	}
	if d.Enrollments, err = s.EnrollmentHistory(ctx, id, 0); err != nil {
		return d, err
	}
	if d.Deciders, err = s.deciders(ctx, d.Enrollments); err != nil {
		return d, err
	}
	if d.Videos, err = s.Videos(ctx, id, accountVideosShown, 0); err != nil {
		return d, err
	}
	if d.VideosTotal, err = s.CountVideos(ctx, id); err != nil {
		return d, err
	}
	if err = s.accountOrders(ctx, &d); err != nil {
		return d, err
	}
	var entries []LedgerEntry
	err = s.read(ctx).Where("account_id = ? AND campaign_id = ?", id, c.ID).Order("id DESC").
		Limit(accountLedgerShown).Find(&entries).Error
	if err != nil {
		return d, err
	}
	for _, e := range entries {
		d.Ledger = append(d.Ledger, models.LedgerLine{ID: e.ID, Kind: e.Kind, Delta: e.Delta, Cause: e.Cause, CauseArgs: e.CauseArgs,
			CauseKey: e.CauseKey, OrderID: e.OrderID, BalanceAfter: e.BalanceAfter, CreatedAt: e.CreatedAt})
	}
	b, err := s.Balance(ctx, id, c.ID)
	if err != nil {
		return d, err
	}
	d.Points = models.PointTotals{Earned: b.Earned, Spent: b.Spent, Balance: b.Balance}
	d.Entitlement, err = s.Entitlement(ctx, d.Account.Channel(), c)
	return d, err
}

// deciders maps the managers who decided the enrolments to their e-mails.
func (s *Store) deciders(ctx context.Context, es []models.Enrollment) (map[int64]string, error) {
	out := map[int64]string{}
	var ids []int64
	for _, e := range es {
		if e.DecidedBy != nil {
			ids = append(ids, *e.DecidedBy)
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []models.Account
	err := s.read(ctx).Select("id, email").Where("id IN ?", ids).Find(&rows).Error
	for _, a := range rows {
		out[a.ID] = a.Email
	}
	return out, err
}

// accountOrders loads one page of the channel's orders, latest settlement first.
func (s *Store) accountOrders(ctx context.Context, d *models.AccountDetail) error {
	ch := d.Account.Channel()
	if ch == "" {
		return nil
	}
	q := s.read(ctx).Model(&orderRow{}).Where("channel_id = ?", ch)
	if err := q.Count(&d.OrdersTotal).Error; err != nil {
		return err
	}
	var rows []orderRow
	err := s.read(ctx).Where("channel_id = ?", ch).Order("settled_at DESC, order_id DESC").
		Limit(accountOrdersPerPage).Offset((d.OrdersPage - 1) * accountOrdersPerPage).Find(&rows).Error
	for _, r := range rows {
		d.Orders = append(d.Orders, r.state())
	}
	return err
}

// CorrectFans sets a creator's or merchant's declared fans, audited with before and
// after. Quota and eligibility are computed from fans, so they follow by themselves.
func (s *Store) CorrectFans(ctx context.Context, who Actor, accountID, fans int64, note string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var a models.Account
		if err := tx.First(&a, accountID).Error; err != nil {
			return notFound(err)
		}
		if a.IsManager() {
			return fmt.Errorf("account %d is a manager: %w", accountID, models.ErrNotFound)
		}
		if a.Fans == fans {
			return nil
		}
		res := tx.Model(&models.Account{}).Where("id = ? AND fans = ?", accountID, a.Fans).
			Updates(map[string]any{"fans": fans, "updated_at": s.now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("fans of account %d changed underneath: %w", accountID, models.ErrConflict)
		}
		return s.audit(tx, who, "account.fans_correct", "account", accountID,
			map[string]any{"fans": a.Fans}, map[string]any{"fans": fans, "note": strings.TrimSpace(note)})
	})
}

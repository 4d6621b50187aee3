package store

import (
	"context"
	"database/sql"

	"growthcard/models"
)

// StreamEnrollments calls fn for every enrolment matching f (paging ignored), in the
// queue's order, reading row by row from one cursor so that 100,000 rows need no
// large memory. Each row carries the newcomer flag, the settled campaign GMV (summed
// per Beijing settlement day from the covering index) and the account's points.
func (s *Store) StreamEnrollments(ctx context.Context, f models.EnrollmentFilter, fn func(models.ExportRow) error) error {
	c, err := s.Campaign(ctx, f.CampaignID)
	if err != nil {
		return err
	}
	bFirst, bLast := models.PeriodDays(c.BaselineStart, c.BaselineEnd)
	cFirst, cLast := models.PeriodDays(c.StartsAt, c.EndsAt)
	args := append(periodArgs(bFirst, bLast), periodArgs(cFirst, cLast)...)
	rows, err := filteredEnrollments(s.read(ctx), f, c).
		Joins("LEFT JOIN point_balances pb ON pb.account_id = enrollments.account_id AND pb.campaign_id = enrollments.campaign_id").
		Select("enrollments.id, enrollments.account_id, enrollments.status, enrollments.reason, enrollments.note, "+
			"enrollments.created_at, enrollments.decided_at, accounts.email, accounts.display_name, accounts.role, "+
			"COALESCE(accounts.channel_id, ''), accounts.channel_name, accounts.fans, accounts.self_operated, "+
			hasGMVSubquery("accounts.channel_id")+", "+gmvSubquery("accounts.channel_id")+", "+
			"COALESCE(pb.earned, 0), COALESCE(pb.spent, 0), COALESCE(pb.balance, 0)", args...).
		Order(queueOrder(f.Sort)).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r models.ExportRow
		var decided sql.NullTime
		var veteran bool
		if err := rows.Scan(&r.ID, &r.AccountID, &r.Status, &r.Reason, &r.Note, &r.CreatedAt, &decided,
			&r.Email, &r.DisplayName, &r.Role, &r.ChannelID, &r.ChannelName, &r.Fans, &r.SelfOperated,
			&veteran, &r.CampaignGMV, &r.Points.Earned, &r.Points.Spent, &r.Points.Balance); err != nil {
			return err
		}
		r.CampaignID = c.ID
		if decided.Valid {
			t := decided.Time
			r.DecidedAt = &t
		}
		r.Newcomer = !veteran
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// StreamPoints calls fn for every creator or merchant who holds points in the
// campaign or is approved in it, by account id, row by row from one cursor. Each
// row has the GMV totals, the entitlement the rules give and the ledger's totals, so
// finance can reconcile one against the other.
func (s *Store) StreamPoints(ctx context.Context, c models.Campaign, fn func(models.PointsRow) error) error {
	bFirst, bLast := models.PeriodDays(c.BaselineStart, c.BaselineEnd)
	cFirst, cLast := models.PeriodDays(c.StartsAt, c.EndsAt)
	args := []any{c.ID, models.EnrollNone}
	args = append(args, periodArgs(bFirst, bLast)...)
	args = append(args, periodArgs(cFirst, cLast)...)
	args = append(args, c.ID, models.RoleCreator, models.RoleMerchant, c.ID, models.EnrollApproved)
	rows, err := s.read(ctx).Raw("SELECT a.id, a.email, a.display_name, a.role, COALESCE(a.channel_id, ''), a.channel_name, "+
		"COALESCE((SELECT e.status FROM enrollments e WHERE e.account_id = a.id AND e.campaign_id = ? ORDER BY e.id DESC LIMIT 1), ?), "+
		gmvSubquery("a.channel_id")+", "+gmvSubquery("a.channel_id")+", "+
		"COALESCE(pb.earned, 0), COALESCE(pb.spent, 0), COALESCE(pb.balance, 0) "+
		"FROM accounts a LEFT JOIN point_balances pb ON pb.account_id = a.id AND pb.campaign_id = ? "+
		"WHERE a.role IN (?, ?) AND (pb.account_id IS NOT NULL OR EXISTS "+
		"(SELECT 1 FROM enrollments e WHERE e.account_id = a.id AND e.campaign_id = ? AND e.status = ?)) "+
		"ORDER BY a.id", args...).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r models.PointsRow
		var baseline, campaign models.Fen
		if err := rows.Scan(&r.AccountID, &r.Email, &r.DisplayName, &r.Role, &r.ChannelID, &r.ChannelName, &r.Status,
			&baseline, &campaign, &r.Points.Earned, &r.Points.Spent, &r.Points.Balance); err != nil {
			return err
		}
		r.Entitlement = models.EntitleTotals(c, baseline, campaign)
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

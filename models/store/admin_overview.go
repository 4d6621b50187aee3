package store

import (
	"context"
	"strconv"
	"time"

	"growthcard/models"
)

// topCreators is how many accounts the overview ranks by GMV.
const topCreators = 10

// Overview aggregates the campaign for the manager's home page at instant now. Every
// sum groups on a precomputed Beijing-day column (orders.settled_day, videos.day) or
// reads an index range (the ledger per day), never a SQL date function, so it stays
// fast with a million orders. GMV counts the orders of approved accounts' channels.
func (s *Store) Overview(ctx context.Context, c models.Campaign, now time.Time) (models.Overview, error) {
	o := models.Overview{Campaign: c, Today: models.Day(now)}
	var err error
	if o.Counts, err = s.CountEnrollments(ctx, c.ID); err != nil {
		return o, err
	}
	o.Approved = o.Counts[models.EnrollApproved]
	end := now
	if end.After(c.EndsAt) {
		end = c.EndsAt.Add(-time.Nanosecond)
	}
	o.Days = models.DayRange(c.StartsAt, end)
	steps := []func(context.Context, *models.Overview) error{
		s.overviewAccounts, s.overviewVideos, s.overviewGMV, s.overviewPoints, s.overviewTop,
	}
	for _, step := range steps {
		if err := step(ctx, &o); err != nil {
			return o, err
		}
	}
	return o, nil
}

// approvedAccounts is the FROM of queries over the campaign's approved accounts (a).
func approvedAccounts() string {
	return "enrollments e JOIN accounts a ON a.id = e.account_id"
}

// overviewAccounts counts approved accounts per posting tier (by declared fans) and
// those whose channel had no baseline GMV, in one pass over the approved accounts.
func (s *Store) overviewAccounts(ctx context.Context, o *models.Overview) error {
	tiers := o.Campaign.Tiers
	tierExpr, args := "CASE", []any{}
	for i := len(tiers) - 1; i > 0; i-- {
		tierExpr += " WHEN a.fans >= ? THEN " + strconv.Itoa(i)
		args = append(args, tiers[i].MinFans)
	}
	tierExpr += " ELSE 0 END"
	first, last := models.PeriodDays(o.Campaign.BaselineStart, o.Campaign.BaselineEnd)
	args = append(args, periodArgs(first, last)...)
	var rows []struct {
		Tier     int
		Newcomer bool
		N        int64
	}
	err := s.read(ctx).Table(approvedAccounts()).
		Select(tierExpr+" AS tier, NOT "+hasGMVSubquery("a.channel_id")+" AS newcomer, COUNT(*) AS n", args...).
		Where("e.campaign_id = ? AND e.status = ?", o.Campaign.ID, models.EnrollApproved).
		Group("tier, newcomer").Scan(&rows).Error
	o.Tiers = make([]models.TierUsage, len(tiers))
	for i, t := range tiers {
		o.Tiers[i].Tier = t
		if i+1 < len(tiers) {
			o.Tiers[i].MaxFans = tiers[i+1].MinFans
		}
	}
	for _, r := range rows {
		if r.Tier >= 0 && r.Tier < len(o.Tiers) {
			o.Tiers[r.Tier].Accounts += r.N
		}
		if r.Newcomer {
			o.Newcomers += r.N
		}
	}
	return err
}

// overviewVideos counts product videos registered per day.
func (s *Store) overviewVideos(ctx context.Context, o *models.Overview) error {
	var rows []struct {
		Day string
		N   int64
	}
	if len(o.Days) == 0 {
		return nil
	}
	err := s.read(ctx).Table("videos").Select("day, COUNT(*) AS n").
		Where("campaign_id = ? AND day BETWEEN ? AND ?", o.Campaign.ID, o.Days[0], o.Days[len(o.Days)-1]).
		Group("day").Scan(&rows).Error
	byDay := map[string]int64{}
	for _, r := range rows {
		byDay[r.Day] = r.N
	}
	o.Videos = make([]int64, len(o.Days))
	for i, d := range o.Days {
		o.Videos[i] = byDay[d]
	}
	return err
}

// overviewGMV sums approved channels' settled GMV per settlement day.
func (s *Store) overviewGMV(ctx context.Context, o *models.Overview) error {
	o.GMV = make([]models.Fen, len(o.Days))
	if len(o.Days) == 0 {
		return nil
	}
	var rows []struct {
		Day string
		GMV int64
	}
	err := s.read(ctx).Table(approvedAccounts()+" JOIN "+ordersByChannelDay+" ON o.channel_id = a.channel_id").
		Select("o.settled_day AS day, SUM(o.amount) AS gmv").
		Where("e.campaign_id = ? AND e.status = ?", o.Campaign.ID, models.EnrollApproved).
		Where("o.settled_day BETWEEN ? AND ? AND "+countingOrder,
			append([]any{o.Days[0], o.Days[len(o.Days)-1]}, countingArgs()...)...).
		Group("o.settled_day").Scan(&rows).Error
	byDay := map[string]models.Fen{}
	for _, r := range rows {
		byDay[r.Day] = models.Fen(r.GMV)
	}
	for i, d := range o.Days {
		o.GMV[i] = byDay[d]
		o.TotalGMV += o.GMV[i]
	}
	return err
}

// overviewPoints sums the points earned (net of claw-backs) per day, from the
// ledger's (campaign, kind, created_at) index one day range at a time, plus the
// campaign's point totals.
func (s *Store) overviewPoints(ctx context.Context, o *models.Overview) error {
	o.Points = make([]models.Points, len(o.Days))
	for i, d := range o.Days {
		from, err := models.ParseDay(d)
		if err != nil {
			return err
		}
		var sum int64
		err = s.read(ctx).Table("ledger_entries").Select("COALESCE(SUM(delta), 0)").
			Where("campaign_id = ? AND kind = ? AND created_at >= ? AND created_at < ?",
				o.Campaign.ID, "earn", from.UTC(), from.AddDate(0, 0, 1).UTC()).
			Scan(&sum).Error
		if err != nil {
			return err
		}
		o.Points[i] = models.Points(sum)
	}
	var t struct{ Earned, Spent, Balance int64 }
	err := s.read(ctx).Table("point_balances").
		Select("COALESCE(SUM(earned), 0) AS earned, COALESCE(SUM(spent), 0) AS spent, COALESCE(SUM(balance), 0) AS balance").
		Where("campaign_id = ?", o.Campaign.ID).Scan(&t).Error
	o.Earned, o.Spent, o.Balance = models.Points(t.Earned), models.Points(t.Spent), models.Points(t.Balance)
	return err
}

// overviewTop ranks approved accounts by settled campaign GMV.
func (s *Store) overviewTop(ctx context.Context, o *models.Overview) error {
	first, last := models.PeriodDays(o.Campaign.StartsAt, o.Campaign.EndsAt)
	return s.read(ctx).Table(approvedAccounts()+" JOIN "+ordersByChannelDay+" ON o.channel_id = a.channel_id"+
		" LEFT JOIN point_balances pb ON pb.account_id = a.id AND pb.campaign_id = e.campaign_id").
		Select("a.id AS account_id, a.display_name, a.role, a.channel_id, a.channel_name, SUM(o.amount) AS gmv, "+
			"COALESCE(MAX(pb.earned), 0) AS earned").
		Where("e.campaign_id = ? AND e.status = ?", o.Campaign.ID, models.EnrollApproved).
		Where("o.settled_day BETWEEN ? AND ? AND "+countingOrder, periodArgs(first, last)...).
		Group("a.id").Order("gmv DESC, a.id ASC").Limit(topCreators).Scan(&o.Top).Error
}

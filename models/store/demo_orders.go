package store

import (
	"context"
	"errors"
	"sort"
	"strconv"

	"gorm.io/gorm"

	"growthcard/models"
)

// DemoApplyOrders stores order events the way ingestion does — the event once by its
// id, the order's merged state with its Beijing settlement day — then recomputes,
// through the ledger, the points of every approved account whose channel they touch,
// each under the cause key "demo:<batch>:<account>". Delivering a batch again changes
// nothing.
//
// It exists for the demo data only, while order ingestion is built on another branch;
// once that lands, the demo should call the real ingestion instead and this file goes.
func (s *Store) DemoApplyOrders(ctx context.Context, batch string, events []models.OrderEvent) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		touched := map[string]bool{}
		for _, e := range events {
			res := tx.Exec("INSERT OR IGNORE INTO order_events (event_id, order_id, channel_id, video_id, source, amount, "+
				"status, settled_at, via, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				e.EventID, e.OrderID, e.ChannelID, e.VideoID, e.Source, e.Amount, e.Status, e.SettledAt.In(models.Beijing),
				"demo", s.now())
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				continue
			}
			var prev orderRow
			var prevState *models.OrderState
			err := tx.Where("order_id = ?", e.OrderID).First(&prev).Error
			switch {
			case err == nil:
				st := prev.state()
				prevState = &st
			case !errors.Is(err, gorm.ErrRecordNotFound):
				return err
			}
			st := models.ApplyEvent(prevState, e)
			row := orderRow{OrderID: st.OrderID, ChannelID: st.ChannelID, VideoID: st.VideoID, Source: st.Source,
				Amount: st.Amount, Status: st.Status, Cancelled: st.Cancelled, SettledAt: st.SettledAt,
				SettledDay: models.Day(st.SettledAt), LastEventID: st.EventID, UpdatedAt: s.now()}
			if err := tx.Save(&row).Error; err != nil {
				return err
			}
			touched[st.ChannelID] = true
		}
		channels := make([]string, 0, len(touched))
		for ch := range touched {
			channels = append(channels, ch)
		}
		sort.Strings(channels)
		for _, ch := range channels {
			var approved []models.Enrollment
			err := tx.Joins("JOIN accounts ON accounts.id = enrollments.account_id").
				Where("accounts.channel_id = ? AND enrollments.status = ?", ch, models.EnrollApproved).Find(&approved).Error
			if err != nil {
				return err
			}
			for _, e := range approved {
				key := "demo:" + batch + ":" + strconv.FormatInt(e.AccountID, 10) + ":" + strconv.FormatInt(e.CampaignID, 10)
				if err := s.recomputeEntitlement(tx, e.AccountID, e.CampaignID, key, "订单结算变动(演示数据)"); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

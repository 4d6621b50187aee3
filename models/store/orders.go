package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"growthcard/models"
)

// What became of one order event.
const (
	IngestApplied   = "applied"   // recorded and folded into its order
	IngestDuplicate = "duplicate" // this event id was already known: nothing changed
	IngestRejected  = "rejected"  // not recorded; Reason says why
)

// IngestBatchSize is the most events folded in one write transaction. A batch
// recomputes each account it touches once, so bigger batches are faster but name
// their causes more coarsely.
const IngestBatchSize = 1000

// sqlChunk is how many rows one multi-row statement carries. Every statement is
// padded to exactly this many rows, so the prepared-statement cache holds one entry
// per statement however batches are cut.
const sqlChunk = 100

// IngestResult is what became of one order event.
type IngestResult struct {
	EventID string
	Status  string
	Reason  string
}

// IngestCounts adds up a run of results.
type IngestCounts struct {
	Applied    int64
	Duplicates int64
	Rejected   int64
}

// Count tallies results.
func Count(results []IngestResult) IngestCounts {
	var n IngestCounts
	for _, r := range results {
		switch r.Status {
		case IngestApplied:
			n.Applied++
		case IngestDuplicate:
			n.Duplicates++
		default:
			n.Rejected++
		}
	}
	return n
}

// IngestEvents records validated order events and folds them into their orders, in
// write transactions of up to IngestBatchSize events. The results are in the order
// of events.
//
// Every event is kept once under its event_id: a known id is a duplicate and changes
// nothing, which also makes racing deliveries of one event credit once (the writer is
// one connection running IMMEDIATE transactions). Each order's state is the
// order-independent merge models.ApplyEvent gives. Then every account whose channel
// a batch touched is recomputed, once per batch, in every campaign it is approved
// in: the ledger entry's cause key names the batch's last event of that channel, and
// its text names that order (and how many events the batch held for the channel).
// A webhook call is one batch, so a single delivered event gets an entry of its own.
func (s *Store) IngestEvents(ctx context.Context, events []models.OrderEvent, via string) ([]IngestResult, error) {
	out := make([]IngestResult, 0, len(events))
	for start := 0; start < len(events); start += IngestBatchSize {
		batch := events[start:min(start+IngestBatchSize, len(events))]
		var res []IngestResult
		err := s.tx(ctx, func(tx *gorm.DB) error {
			var err error
			res, err = s.ingestBatch(tx, batch, via)
			return err
		})
		if err != nil {
			return out, fmt.Errorf("ingest order events: %w", err)
		}
		out = append(out, res...)
	}
	return out, nil
}

// channelTouch remembers, for one channel, the last event of a batch and how many.
type channelTouch struct {
	last   models.OrderEvent
	events int
}

// ingestBatch does IngestEvents' work for one batch inside tx.
func (s *Store) ingestBatch(tx *gorm.DB, events []models.OrderEvent, via string) ([]IngestResult, error) {
	results := make([]IngestResult, len(events))
	var fresh []models.OrderEvent
	for i, e := range events {
		results[i].EventID = e.EventID
		if reason := ingestable(e); reason != "" {
			results[i].Status, results[i].Reason = IngestRejected, reason
			continue
		}
		fresh = append(fresh, e)
	}
	inserted, err := s.insertEvents(tx, fresh, via)
	if err != nil {
		return nil, err
	}
	var applied []models.OrderEvent
	for i, e := range events {
		if results[i].Status != "" {
			continue
		}
		if inserted[e.EventID] {
			delete(inserted, e.EventID) // a second copy in this batch is a duplicate
			results[i].Status = IngestApplied
			applied = append(applied, e)
		} else {
			results[i].Status = IngestDuplicate
		}
	}
	if len(applied) == 0 {
		return results, nil
	}

	ids := make([]string, 0, len(applied))
	for _, e := range applied {
		ids = append(ids, e.OrderID)
	}
	states, err := s.loadOrders(tx, ids)
	if err != nil {
		return nil, err
	}
	touched := map[string]*channelTouch{}
	touch := func(ch string, e models.OrderEvent) {
		t := touched[ch]
		if t == nil {
			t = &channelTouch{}
			touched[ch] = t
		}
		t.last, t.events = e, t.events+1
	}
	dirty := map[string]bool{}
	for _, e := range applied {
		prev := states[e.OrderID]
		if prev != nil && prev.ChannelID != e.ChannelID {
			touch(prev.ChannelID, e) // the order may move away from its old channel
		}
		next := models.ApplyEvent(prev, e)
		states[e.OrderID] = &next
		dirty[e.OrderID] = true
		touch(e.ChannelID, e)
	}
	if err := s.upsertOrders(tx, states, dirty); err != nil {
		return nil, err
	}
	return results, s.recomputeTouched(tx, touched)
}

// ingestable returns why a validated event still cannot be stored, or "".
func ingestable(e models.OrderEvent) string {
	switch {
	case e.EventID == "":
		return "缺少事件ID(event_id)"
	case e.OrderID == "" || e.ChannelID == "":
		return "缺少订单号或视频号ID"
	case e.Status != models.StatusSettled && e.Status != models.StatusCancelled:
		return "订单状态应为 settled 或 cancelled"
	case e.SettledAt.IsZero():
		return "缺少结算时间"
	}
	return ""
}

// The bulk statements, each carrying exactly sqlChunk rows (see sqlChunk).
var (
	insertEventsSQL = "INSERT INTO order_events (event_id, order_id, channel_id, video_id, source, amount, status, settled_at, via, received_at) VALUES " +
		placeholders(sqlChunk, 10) + " ON CONFLICT(event_id) DO NOTHING RETURNING event_id"
	loadOrdersSQL = "SELECT order_id, channel_id, video_id, source, amount, status, cancelled, settled_at, last_event_id FROM orders WHERE order_id IN " +
		placeholders(1, sqlChunk)
	upsertOrdersSQL = "INSERT INTO orders (order_id, channel_id, video_id, source, amount, status, cancelled, settled_at, settled_day, last_event_id, updated_at) VALUES " +
		placeholders(sqlChunk, 11) + ` ON CONFLICT(order_id) DO UPDATE SET channel_id = excluded.channel_id,
		video_id = excluded.video_id, source = excluded.source, amount = excluded.amount, status = excluded.status,
		cancelled = excluded.cancelled, settled_at = excluded.settled_at, settled_day = excluded.settled_day,
		last_event_id = excluded.last_event_id, updated_at = excluded.updated_at`
	approvedOfSQL = `SELECT DISTINCT enrollments.account_id, enrollments.campaign_id, accounts.channel_id
		FROM enrollments JOIN accounts ON accounts.id = enrollments.account_id
		WHERE enrollments.status = 'approved' AND accounts.channel_id IN ` + placeholders(1, sqlChunk) + `
		ORDER BY enrollments.account_id, enrollments.campaign_id`
)

// insertEvents appends events to order_events, skipping known ids, and returns the
// ids it inserted.
func (s *Store) insertEvents(tx *gorm.DB, events []models.OrderEvent, via string) (map[string]bool, error) {
	inserted := make(map[string]bool, len(events))
	if len(events) == 0 {
		return inserted, nil
	}
	st, err := bind(tx, s.hot.insertEvents)
	if err != nil {
		return nil, err
	}
	now := s.now()
	args := make([]any, 0, sqlChunk*10)
	for start := 0; start < len(events); start += sqlChunk {
		part := events[start:min(start+sqlChunk, len(events))]
		args = args[:0]
		for i := range sqlChunk {
			e := part[min(i, len(part)-1)] // pad with the last row: its copy conflicts and is skipped
			args = append(args, e.EventID, e.OrderID, e.ChannelID, e.VideoID, e.Source, int64(e.Amount), e.Status,
				e.SettledAt.UTC(), via, now)
		}
		rows, err := st.Query(args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			inserted[id] = true
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return inserted, nil
}

// loadOrders reads the current state of the named orders (absent ones are missing).
func (s *Store) loadOrders(tx *gorm.DB, ids []string) (map[string]*models.OrderState, error) {
	states := make(map[string]*models.OrderState, len(ids))
	st, err := bind(tx, s.hot.loadOrders)
	if err != nil {
		return nil, err
	}
	for start := 0; start < len(ids); start += sqlChunk {
		rows, err := st.Query(padded(ids[start:min(start+sqlChunk, len(ids))])...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var o models.OrderState
			if err := rows.Scan(&o.OrderID, &o.ChannelID, &o.VideoID, &o.Source, &o.Amount, &o.Status, &o.Cancelled,
				&o.SettledAt, &o.EventID); err != nil {
				rows.Close()
				return nil, err
			}
			states[o.OrderID] = &o
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return states, nil
}

// upsertOrders writes the dirty orders' states. last_event_id is the winning event's
// id as ApplyEvent chose it; status and cancelled are kept apart as ApplyEvent does.
func (s *Store) upsertOrders(tx *gorm.DB, states map[string]*models.OrderState, dirty map[string]bool) error {
	ids := make([]string, 0, len(dirty))
	for id := range dirty {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	st, err := bind(tx, s.hot.upsertOrders)
	if err != nil {
		return err
	}
	now := s.now()
	args := make([]any, 0, sqlChunk*11)
	for start := 0; start < len(ids); start += sqlChunk {
		part := ids[start:min(start+sqlChunk, len(ids))]
		args = args[:0]
		for i := range sqlChunk {
			o := states[part[min(i, len(part)-1)]] // padding repeats the last row: same values
			args = append(args, o.OrderID, o.ChannelID, o.VideoID, o.Source, int64(o.Amount), o.Status, o.Cancelled,
				o.SettledAt.UTC(), models.Day(o.SettledAt), o.EventID, now)
		}
		if _, err := st.Exec(args...); err != nil {
			return err
		}
	}
	return nil
}

// recomputeTouched recomputes every account bound to a touched channel, in every
// campaign it is approved in, once, naming the channel's last event as the cause.
func (s *Store) recomputeTouched(tx *gorm.DB, touched map[string]*channelTouch) error {
	channels := make([]string, 0, len(touched))
	for ch := range touched {
		channels = append(channels, ch)
	}
	sort.Strings(channels)
	st, err := bind(tx, s.hot.approvedOf)
	if err != nil {
		return err
	}
	type target struct {
		accountID, campaignID int64
		channelID             string
	}
	var targets []target
	for start := 0; start < len(channels); start += sqlChunk {
		rows, err := st.Query(padded(channels[start:min(start+sqlChunk, len(channels))])...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var t target
			if err := rows.Scan(&t.accountID, &t.campaignID, &t.channelID); err != nil {
				rows.Close()
				return err
			}
			targets = append(targets, t)
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	for _, t := range targets {
		touch := touched[t.channelID]
		key := fmt.Sprintf("event:%s:a%d:c%d", touch.last.EventID, t.accountID, t.campaignID)
		if err := s.recompute(tx, t.accountID, t.campaignID, key, eventCause(touch), touch.last.OrderID); err != nil {
			return err
		}
	}
	return nil
}

// eventCause is the Chinese ledger text for a channel's events in one batch, each
// form a whole sentence.
func eventCause(t *channelTouch) string {
	e := t.last
	switch {
	case e.Status == models.StatusCancelled && t.events > 1:
		return fmt.Sprintf("订单 %s 取消结算 等 %d 个订单事件", e.OrderID, t.events)
	case e.Status == models.StatusCancelled:
		return fmt.Sprintf("订单 %s 取消结算", e.OrderID)
	case t.events > 1:
		return fmt.Sprintf("订单 %s 结算 %s 等 %d 个订单事件", e.OrderID, e.Amount.Display(), t.events)
	}
	return fmt.Sprintf("订单 %s 结算 %s", e.OrderID, e.Amount.Display())
}

// placeholders returns "(?,…,?),(?,…,?)…": rows groups of cols marks.
func placeholders(rows, cols int) string {
	group := "(" + strings.Repeat("?,", cols-1) + "?)"
	return strings.Repeat(group+",", rows-1) + group
}

// padded returns ids as exactly sqlChunk arguments, repeating the last one: an IN
// list does not mind repeats, and a fixed shape keeps one prepared statement.
func padded(ids []string) []any {
	args := make([]any, sqlChunk)
	for i := range args {
		args[i] = ids[min(i, len(ids)-1)]
	}
	return args
}

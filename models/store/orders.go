package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"

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
	fresh := make([]models.OrderEvent, 0, len(events)) // the first copy of each storable id
	seen := make(map[string]struct{}, len(events))
	for i, e := range events {
		results[i].EventID = e.EventID
		if reason := ingestable(e); reason != "" {
			results[i].Status, results[i].Reason = IngestRejected, reason
			continue
		}
		if _, again := seen[e.EventID]; again {
			results[i].Status = IngestDuplicate // a second copy in this batch
			continue
		}
		seen[e.EventID] = struct{}{}
		fresh = append(fresh, e)
	}
	known, err := s.insertEvents(tx, fresh, via)
	if err != nil {
		return nil, err
	}
	applied := make([]models.OrderEvent, 0, len(fresh))
	for i, e := range events {
		if results[i].Status != "" {
			continue
		}
		if known[e.EventID] {
			results[i].Status = IngestDuplicate
			continue
		}
		results[i].Status = IngestApplied
		applied = append(applied, e)
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
	dirty := make(map[string]bool, len(applied))
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

// The multi-row statements, as functions of how many rows they carry. Values shared by
// every row (the event's channel of arrival, the clock) are bound once as ?1 and ?2.
func insertEventsSQL(rows int) string {
	return "INSERT INTO order_events (event_id, order_id, channel_id, video_id, source, amount, status, settled_at, via, received_at) VALUES " +
		numbered(rows, 8, 3, "?1", "?2") + " ON CONFLICT(event_id) DO NOTHING"
}

func knownEventsSQL(rows int) string {
	return "SELECT event_id FROM order_events WHERE event_id IN " + inList(rows)
}

func loadOrdersSQL(rows int) string {
	return "SELECT order_id, channel_id, video_id, source, amount, status, cancelled, settled_at, last_event_id FROM orders WHERE order_id IN " +
		inList(rows)
}

func upsertOrdersSQL(rows int) string {
	return "INSERT INTO orders (order_id, channel_id, video_id, source, amount, status, cancelled, settled_at, settled_day, last_event_id, updated_at) VALUES " +
		numbered(rows, 10, 2, "?1") + ` ON CONFLICT(order_id) DO UPDATE SET channel_id = excluded.channel_id,
		video_id = excluded.video_id, source = excluded.source, amount = excluded.amount, status = excluded.status,
		cancelled = excluded.cancelled, settled_at = excluded.settled_at, settled_day = excluded.settled_day,
		last_event_id = excluded.last_event_id, updated_at = excluded.updated_at`
}

func approvedOfSQL(rows int) string {
	return `SELECT DISTINCT enrollments.account_id, enrollments.campaign_id, accounts.channel_id
		FROM enrollments JOIN accounts ON accounts.id = enrollments.account_id
		WHERE enrollments.status = 'approved' AND accounts.channel_id IN ` + inList(rows) + `
		ORDER BY enrollments.account_id, enrollments.campaign_id`
}

// insertEvents appends events (whose ids are distinct) to order_events and returns the
// ids that were already there, which it leaves alone. It first inserts them all,
// skipping conflicts, and counts the rows written: in the usual case, every event is
// new and that is all. When some were known, it rolls the inserts back, asks which ids
// are known and inserts the others. The writer is one connection inside an IMMEDIATE
// transaction, so nothing else writes in between.
func (s *Store) insertEvents(tx *gorm.DB, events []models.OrderEvent, via string) (map[string]bool, error) {
	known := map[string]bool{}
	if len(events) == 0 {
		return known, nil
	}
	const sp = "ingest_events"
	if err := tx.SavePoint(sp).Error; err != nil {
		return nil, err
	}
	n, err := s.writeEvents(tx, events, via)
	if err != nil {
		return nil, err
	}
	if n != int64(len(events)) {
		if err := tx.RollbackTo(sp).Error; err != nil {
			return nil, err
		}
		ids := make([]string, len(events))
		for i, e := range events {
			ids[i] = e.EventID
		}
		if known, err = s.knownEvents(tx, ids); err != nil {
			return nil, err
		}
		rest := make([]models.OrderEvent, 0, len(events)-len(known))
		for _, e := range events {
			if !known[e.EventID] {
				rest = append(rest, e)
			}
		}
		if n, err = s.writeEvents(tx, rest, via); err != nil {
			return nil, err
		}
		if n != int64(len(rest)) {
			return nil, fmt.Errorf("order events: wrote %d of %d new events", n, len(rest))
		}
	}
	return known, tx.Exec("RELEASE SAVEPOINT " + sp).Error
}

// writeEvents inserts events, skipping known ids, and returns how many it wrote.
func (s *Store) writeEvents(tx *gorm.DB, events []models.OrderEvent, via string) (int64, error) {
	var written int64
	args := make([]any, 0, 2+bigChunk*8)
	now := s.now()
	err := s.hot.insertEvents.each(tx, len(events), func(st *sql.Stmt, from, to, size int) error {
		args = append(args[:0], via, now)
		for i := range size {
			e := &events[min(from+i, to-1)] // padding repeats the last row: its copy conflicts and is skipped
			args = append(args, e.EventID, e.OrderID, e.ChannelID, e.VideoID, e.Source, int64(e.Amount), e.Status,
				e.SettledAt.UTC())
		}
		res, err := st.Exec(args...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		written += n
		return err
	})
	return written, err
}

// knownEvents returns which of ids are in order_events.
func (s *Store) knownEvents(tx *gorm.DB, ids []string) (map[string]bool, error) {
	known := map[string]bool{}
	err := s.hot.knownEvents.each(tx, len(ids), func(st *sql.Stmt, from, to, size int) error {
		rows, err := st.Query(padded(ids[from:to], size)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			known[id] = true
		}
		return rows.Err()
	})
	return known, err
}

// loadOrders reads the current state of the named orders (absent ones are missing).
func (s *Store) loadOrders(tx *gorm.DB, ids []string) (map[string]*models.OrderState, error) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	states := make(map[string]*models.OrderState, len(ids))
	err := s.hot.loadOrders.each(tx, len(ids), func(st *sql.Stmt, from, to, size int) error {
		rows, err := st.Query(padded(ids[from:to], size)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o models.OrderState
			if err := rows.Scan(&o.OrderID, &o.ChannelID, &o.VideoID, &o.Source, &o.Amount, &o.Status, &o.Cancelled,
				&o.SettledAt, &o.EventID); err != nil {
				return err
			}
			states[o.OrderID] = &o
		}
		return rows.Err()
	})
	return states, err
}

// upsertOrders writes the dirty orders' states. last_event_id is the winning event's
// id as ApplyEvent chose it; status and cancelled are kept apart as ApplyEvent does.
func (s *Store) upsertOrders(tx *gorm.DB, states map[string]*models.OrderState, dirty map[string]bool) error {
	ids := make([]string, 0, len(dirty))
	for id := range dirty {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	args := make([]any, 0, 1+bigChunk*10)
	now := s.now()
	return s.hot.upsertOrders.each(tx, len(ids), func(st *sql.Stmt, from, to, size int) error {
		args = append(args[:0], now)
		for i := range size {
			o := states[ids[min(from+i, to-1)]] // padding repeats the last row: same values
			args = append(args, o.OrderID, o.ChannelID, o.VideoID, o.Source, int64(o.Amount), o.Status, o.Cancelled,
				o.SettledAt.UTC(), models.Day(o.SettledAt), o.EventID)
		}
		_, err := st.Exec(args...)
		return err
	})
}

// recomputeTouched recomputes every account bound to a touched channel, in every
// campaign it is approved in, once, naming the channel's last event as the cause.
func (s *Store) recomputeTouched(tx *gorm.DB, touched map[string]*channelTouch) error {
	channels := make([]string, 0, len(touched))
	for ch := range touched {
		channels = append(channels, ch)
	}
	slices.Sort(channels)
	type target struct {
		accountID, campaignID int64
		channelID             string
	}
	var targets []target
	err := s.hot.approvedOf.each(tx, len(channels), func(st *sql.Stmt, from, to, size int) error {
		rows, err := st.Query(padded(channels[from:to], size)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t target
			if err := rows.Scan(&t.accountID, &t.campaignID, &t.channelID); err != nil {
				return err
			}
			targets = append(targets, t)
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	campaigns := map[int64]models.Campaign{}
	for _, t := range targets {
		c, ok := campaigns[t.campaignID]
		if !ok {
			if err := tx.First(&c, t.campaignID).Error; err != nil {
				return notFound(err)
			}
			campaigns[t.campaignID] = c
		}
		touch := touched[t.channelID]
		key := fmt.Sprintf("event:%s:a%d:c%d", touch.last.EventID, t.accountID, t.campaignID)
		if err := s.settle(tx, c, t.accountID, t.channelID, key, eventCause(touch), touch.last.OrderID); err != nil {
			return err
		}
	}
	return nil
}

// eventCause is the ledger cause for a channel's events in one batch: a whole
// Chinese sentence per shape, filled with the order, its amount and the count.
func eventCause(t *channelTouch) ledgerCause {
	e := t.last
	n := strconv.Itoa(t.events)
	switch {
	case e.Status == models.StatusCancelled && t.events > 1:
		return ledgerCause{"订单 %s 取消结算 等 %s 个订单事件", models.CauseArgs{e.OrderID, n}}
	case e.Status == models.StatusCancelled:
		return ledgerCause{"订单 %s 取消结算", models.CauseArgs{e.OrderID}}
	case t.events > 1:
		return ledgerCause{"订单 %s 结算 %s 等 %s 个订单事件", models.CauseArgs{e.OrderID, e.Amount.Display(), n}}
	}
	return ledgerCause{"订单 %s 结算 %s", models.CauseArgs{e.OrderID, e.Amount.Display()}}
}

// padded returns ids as exactly size arguments, repeating the last one: an IN list
// does not mind repeats, and a fixed shape keeps one prepared statement.
func padded(ids []string, size int) []any {
	args := make([]any, size)
	for i := range args {
		args[i] = ids[min(i, len(ids)-1)]
	}
	return args
}

package models

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// SourceShortVideo marks an order placed through a product short video; only these count.
const SourceShortVideo = "short_video"

// SourceLive marks an order placed in a live stream; it never counts towards GMV.
const SourceLive = "live"

// SourceOther marks an order from any other channel (shop page, mini program, …).
const SourceOther = "other"

// StatusSettled marks an order whose money has been released to the seller.
const StatusSettled = "settled"

// StatusCancelled marks a settlement cancellation: the whole order stops counting.
const StatusCancelled = "cancelled"

// Length limits for identifiers, in characters; the idRule messages below repeat them.
const (
	maxIDLen      = 64
	maxEventIDLen = 128
)

// idRule is how one identifier is checked, with a whole Chinese message for each
// problem: whole so that each translates as it stands (a label glued to a phrase
// cannot be). missing is "" for an optional identifier.
type idRule struct {
	max                                 int
	missing, encoding, tooLong, control string
}

// The identifiers of an order event.
var (
	eventIDRule = idRule{max: maxEventIDLen,
		encoding: "事件ID包含无效的字符编码,请使用 UTF-8",
		tooLong:  "事件ID不能超过 128 个字符",
		control:  "事件ID不能包含换行、制表符等控制字符"}
	orderIDRule = idRule{max: maxIDLen,
		missing:  "请填写订单号",
		encoding: "订单号包含无效的字符编码,请使用 UTF-8",
		tooLong:  "订单号不能超过 64 个字符",
		control:  "订单号不能包含换行、制表符等控制字符"}
	channelIDRule = idRule{max: maxIDLen,
		missing:  "请填写视频号ID",
		encoding: "视频号ID包含无效的字符编码,请使用 UTF-8",
		tooLong:  "视频号ID不能超过 64 个字符",
		control:  "视频号ID不能包含换行、制表符等控制字符"}
	videoIDRule = idRule{max: maxIDLen,
		encoding: "视频ID包含无效的字符编码,请使用 UTF-8",
		tooLong:  "视频ID不能超过 64 个字符",
		control:  "视频ID不能包含换行、制表符等控制字符"}
)

// settledAtLayouts are the zone-less forms of settled_at, read as Beijing time.
// RFC 3339 (with its own offset) is tried first; Go accepts fractional seconds in all.
var settledAtLayouts = []string{
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02T15:04:05",
	"2006/1/2 15:04:05",
	"2006/1/2 15:04",
}

// RawOrderEvent is one order event exactly as received, from the webhook JSON or a CSV row.
type RawOrderEvent struct {
	EventID   string `json:"event_id"`
	OrderID   string `json:"order_id"`
	ChannelID string `json:"channel_id"`
	VideoID   string `json:"video_id"`
	Source    string `json:"source"`
	Amount    string `json:"amount"`
	Status    string `json:"status"`
	SettledAt string `json:"settled_at"`
}

// OrderEvent is a validated order event: a settlement or a settlement cancellation.
type OrderEvent struct {
	EventID   string
	OrderID   string
	ChannelID string
	VideoID   string
	Source    string
	Amount    Fen // > 0 when settled; a cancellation may carry 0, meaning the whole order
	Status    string
	SettledAt time.Time
}

// ParseOrderEvent trims and validates r and reports every failing field, with the
// column name as Field and a Chinese reason as Message. The event is only meaningful
// when no errors are returned. EventID is optional: CSV rows get one from CSVEventID.
func ParseOrderEvent(r RawOrderEvent) (OrderEvent, []FieldError) {
	var errs []FieldError
	fail := func(field, msg string) { errs = append(errs, FieldError{Field: field, Message: msg}) }

	e := OrderEvent{
		EventID:   strings.TrimSpace(r.EventID),
		OrderID:   strings.TrimSpace(r.OrderID),
		ChannelID: strings.TrimSpace(r.ChannelID),
		VideoID:   strings.TrimSpace(r.VideoID),
		Source:    strings.ToLower(strings.TrimSpace(r.Source)),
		Status:    strings.ToLower(strings.TrimSpace(r.Status)),
	}

	if msg := eventIDRule.check(e.EventID); msg != "" {
		fail("event_id", msg)
	}
	if msg := orderIDRule.check(e.OrderID); msg != "" {
		fail("order_id", msg)
	}
	if msg := channelIDRule.check(e.ChannelID); msg != "" {
		fail("channel_id", msg)
	}
	if msg := videoIDRule.check(e.VideoID); msg != "" {
		fail("video_id", msg)
	}

	switch e.Source {
	case SourceShortVideo, SourceLive, SourceOther:
	case "":
		fail("source", "请填写订单来源:short_video(短视频)、live(直播)或 other(其他)")
	default:
		fail("source", "订单来源应为 short_video(短视频)、live(直播)或 other(其他)")
	}

	amount := strings.TrimSpace(r.Amount)
	switch {
	case amount == "" && e.Status == StatusCancelled:
		// A cancellation without an amount cancels the whole order.
	case amount == "":
		fail("amount", "请填写金额(元),如 199.00")
	case strings.HasPrefix(amount, "-"):
		fail("amount", "金额不能为负数")
	default:
		fen, err := ParseYuan(amount)
		switch {
		case err != nil:
			fail("amount", "金额格式不正确,应为最多两位小数的元金额,如 199.00")
		case fen == 0 && e.Status == StatusSettled:
			fail("amount", "已结算订单的金额必须大于 0")
		default:
			e.Amount = fen
		}
	}

	switch e.Status {
	case StatusSettled, StatusCancelled:
	case "":
		fail("status", "请填写订单状态:settled(已结算)或 cancelled(已取消结算)")
	default:
		fail("status", "订单状态应为 settled(已结算)或 cancelled(已取消结算)")
	}

	if at := strings.TrimSpace(r.SettledAt); at == "" {
		fail("settled_at", "请填写结算时间,如 2025-11-23 14:05:00(北京时间)")
	} else if t, ok := parseSettledAt(at); ok {
		e.SettledAt = t
	} else {
		fail("settled_at", "结算时间格式不正确,应为 RFC 3339(如 2025-11-23T14:05:00+08:00)或北京时间 2025-11-23 14:05:00")
	}

	if len(errs) > 0 {
		return OrderEvent{}, errs
	}
	return e, nil
}

// check validates one identifier and returns its Chinese message, or "" when it is fine.
func (r idRule) check(s string) string {
	switch {
	case s == "" && r.missing != "":
		return r.missing
	case !utf8.ValidString(s):
		return r.encoding
	case utf8.RuneCountInString(s) > r.max:
		return r.tooLong
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return r.control
	}
	return ""
}

// parseSettledAt reads RFC 3339 or one of the zone-less layouts in Beijing time.
func parseSettledAt(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(Beijing), true
	}
	for _, layout := range settledAtLayouts {
		if t, err := time.ParseInLocation(layout, s, Beijing); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// CSVEventID derives a stable event id for a CSV row that has none, so that importing
// the same file again yields the same ids and therefore changes nothing.
func CSVEventID(e OrderEvent) string {
	return "csv:" + e.OrderID + ":" + e.Status + ":" + e.SettledAt.UTC().Format(time.RFC3339)
}

// OrderState is what is known about one order after merging all its events.
//
// Status is the status of the event the other fields were taken from: settled as soon
// as any settlement is known, even when the order has since been cancelled. Cancelled
// is the terminal flag. An order counts towards GMV only when Status is settled and
// Cancelled is false (see Counts); EffectiveStatus is what pages should show.
type OrderState struct {
	OrderID   string
	ChannelID string
	VideoID   string
	Source    string
	Amount    Fen
	Status    string
	SettledAt time.Time
	Cancelled bool
	// EventID is the id of the event the fields were taken from. Keep it with the
	// state: it breaks ties between settlements with the same settled_at.
	EventID string
}

// Counts reports whether the order's amount counts as settled GMV (source aside).
func (s OrderState) Counts() bool { return s.Status == StatusSettled && !s.Cancelled }

// EffectiveStatus is the order's status as users see it: cancelled once any
// cancellation is known, settled otherwise.
func (s OrderState) EffectiveStatus() string {
	if s.Cancelled {
		return StatusCancelled
	}
	return s.Status
}

// ApplyEvent merges e into prev (nil for a new order) and returns the new state.
//
// The merge is a deterministic "maximum" over the set of events, so the result does
// not depend on delivery order and a duplicate changes nothing:
//
//   - Cancelled is true once any cancellation has been seen; a settlement delivered
//     later never resurrects the order (cancellation is terminal and whole-order).
//   - The descriptive fields (amount, source, channel, video, settled_at, event id)
//     come from the winning event: any settlement beats any cancellation, so a
//     cancellation seen first is later filled in by the settlement's data (and stays
//     cancelled); among events of the same status the one with the latest SettledAt
//     wins, ties broken by the larger EventID, then by the remaining fields so that
//     even conflicting events under one id resolve the same way.
//
// SettledAt is normalised to Beijing time.
func ApplyEvent(prev *OrderState, e OrderEvent) OrderState {
	next := OrderState{
		OrderID:   e.OrderID,
		ChannelID: e.ChannelID,
		VideoID:   e.VideoID,
		Source:    e.Source,
		Amount:    e.Amount,
		Status:    e.Status,
		SettledAt: e.SettledAt.In(Beijing),
		Cancelled: e.Status == StatusCancelled,
		EventID:   e.EventID,
	}
	if prev == nil {
		return next
	}
	cancelled := prev.Cancelled || next.Cancelled
	winner := *prev
	if beats(next, *prev) {
		winner = next
	}
	winner.SettledAt = winner.SettledAt.In(Beijing)
	winner.Cancelled = cancelled
	return winner
}

// beats reports whether a's fields win over b's in ApplyEvent: a total order on the
// descriptive fields, settlements first.
func beats(a, b OrderState) bool {
	as, bs := a.Status == StatusSettled, b.Status == StatusSettled
	if as != bs {
		return as
	}
	if !a.SettledAt.Equal(b.SettledAt) {
		return a.SettledAt.After(b.SettledAt)
	}
	if c := compareStrings(a.EventID, b.EventID, a.Status, b.Status, a.Source, b.Source,
		a.ChannelID, b.ChannelID, a.VideoID, b.VideoID, a.OrderID, b.OrderID); c != 0 {
		return c > 0
	}
	return a.Amount > b.Amount
}

// compareStrings compares pairs (a1, b1, a2, b2, …) lexicographically, first difference wins.
func compareStrings(pairs ...string) int {
	for i := 0; i+1 < len(pairs); i += 2 {
		if c := strings.Compare(pairs[i], pairs[i+1]); c != 0 {
			return c
		}
	}
	return 0
}

package models

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

func validRawOrderEvent() RawOrderEvent {
	return RawOrderEvent{
		EventID:   "evt-1",
		OrderID:   "O-1001",
		ChannelID: "sph_abc",
		VideoID:   "v-9",
		Source:    "short_video",
		Amount:    "199.00",
		Status:    "settled",
		SettledAt: "2025-11-23T14:05:00+08:00",
	}
}

func TestParseOrderEventValid(t *testing.T) {
	want := OrderEvent{
		EventID:   "evt-1",
		OrderID:   "O-1001",
		ChannelID: "sph_abc",
		VideoID:   "v-9",
		Source:    SourceShortVideo,
		Amount:    19900,
		Status:    StatusSettled,
		SettledAt: time.Date(2025, 11, 23, 14, 5, 0, 0, Beijing),
	}
	tests := []struct {
		name string
		edit func(r *RawOrderEvent)
		want func(e *OrderEvent)
	}{
		{"as is", func(r *RawOrderEvent) {}, func(e *OrderEvent) {}},
		{"trimmed", func(r *RawOrderEvent) {
			r.OrderID, r.ChannelID, r.Amount, r.Status, r.SettledAt = " O-1001 ", "\tsph_abc ", " 199 ", " settled", " 2025-11-23T14:05:00+08:00 "
		}, func(e *OrderEvent) {}},
		{"upper case enums", func(r *RawOrderEvent) { r.Source, r.Status = "SHORT_VIDEO", "Settled" }, func(e *OrderEvent) {}},
		{"UTC instant", func(r *RawOrderEvent) { r.SettledAt = "2025-11-23T06:05:00Z" }, func(e *OrderEvent) {}},
		{"beijing seconds", func(r *RawOrderEvent) { r.SettledAt = "2025-11-23 14:05:00" }, func(e *OrderEvent) {}},
		{"beijing minutes", func(r *RawOrderEvent) { r.SettledAt = "2025-11-23 14:05" }, func(e *OrderEvent) {}},
		{"beijing T", func(r *RawOrderEvent) { r.SettledAt = "2025-11-23T14:05:00" }, func(e *OrderEvent) {}},
		{"excel slashes", func(r *RawOrderEvent) { r.SettledAt = "2025/11/23 14:05" }, func(e *OrderEvent) {}},
		{"fraction", func(r *RawOrderEvent) { r.SettledAt = "2025-11-23T14:05:00.5+08:00" },
			func(e *OrderEvent) { e.SettledAt = e.SettledAt.Add(500 * time.Millisecond) }},
		{"no event id, no video", func(r *RawOrderEvent) { r.EventID, r.VideoID = "", "" },
			func(e *OrderEvent) { e.EventID, e.VideoID = "", "" }},
		{"live", func(r *RawOrderEvent) { r.Source = "live" }, func(e *OrderEvent) { e.Source = SourceLive }},
		{"other", func(r *RawOrderEvent) { r.Source = "other" }, func(e *OrderEvent) { e.Source = SourceOther }},
		{"yuan sign and comma", func(r *RawOrderEvent) { r.Amount = "¥1,234.5" }, func(e *OrderEvent) { e.Amount = 123450 }},
		{"cancel with amount", func(r *RawOrderEvent) { r.Status = "cancelled" }, func(e *OrderEvent) { e.Status = StatusCancelled }},
		{"cancel whole order, empty", func(r *RawOrderEvent) { r.Status, r.Amount = "cancelled", "" },
			func(e *OrderEvent) { e.Status, e.Amount = StatusCancelled, 0 }},
		{"cancel whole order, zero", func(r *RawOrderEvent) { r.Status, r.Amount = "cancelled", "0" },
			func(e *OrderEvent) { e.Status, e.Amount = StatusCancelled, 0 }},
		{"64 chinese characters", func(r *RawOrderEvent) { r.OrderID = strings.Repeat("单", 64) },
			func(e *OrderEvent) { e.OrderID = strings.Repeat("单", 64) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRawOrderEvent()
			tt.edit(&r)
			w := want
			tt.want(&w)
			got, errs := ParseOrderEvent(r)
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			if !got.SettledAt.Equal(w.SettledAt) {
				t.Errorf("SettledAt = %s; want %s", got.SettledAt, w.SettledAt)
			}
			got.SettledAt, w.SettledAt = time.Time{}, time.Time{}
			if got != w {
				t.Errorf("got %+v\nwant %+v", got, w)
			}
		})
	}
}

func TestParseOrderEventErrors(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(r *RawOrderEvent)
		fields []string
	}{
		{"missing ids", func(r *RawOrderEvent) { r.OrderID, r.ChannelID = " ", "" }, []string{"order_id", "channel_id"}},
		{"too long", func(r *RawOrderEvent) {
			r.OrderID, r.ChannelID, r.VideoID = strings.Repeat("x", 65), strings.Repeat("频", 65), strings.Repeat("v", 65)
		}, []string{"order_id", "channel_id", "video_id"}},
		{"event id too long", func(r *RawOrderEvent) { r.EventID = strings.Repeat("e", 129) }, []string{"event_id"}},
		{"control chars", func(r *RawOrderEvent) { r.OrderID, r.ChannelID = "a\nb", "c\x00d" }, []string{"order_id", "channel_id"}},
		{"bad utf-8", func(r *RawOrderEvent) { r.VideoID = "v\xff" }, []string{"video_id"}},
		{"bad source", func(r *RawOrderEvent) { r.Source = "tv" }, []string{"source"}},
		{"no source", func(r *RawOrderEvent) { r.Source = "" }, []string{"source"}},
		{"three decimals", func(r *RawOrderEvent) { r.Amount = "1.234" }, []string{"amount"}},
		{"negative", func(r *RawOrderEvent) { r.Amount = "-1" }, []string{"amount"}},
		{"exponent", func(r *RawOrderEvent) { r.Amount = "1e5" }, []string{"amount"}},
		{"words", func(r *RawOrderEvent) { r.Amount = "abc" }, []string{"amount"}},
		{"settled empty amount", func(r *RawOrderEvent) { r.Amount = "" }, []string{"amount"}},
		{"settled zero amount", func(r *RawOrderEvent) { r.Amount = "0.00" }, []string{"amount"}},
		{"cancel bad amount", func(r *RawOrderEvent) { r.Status, r.Amount = "cancelled", "x" }, []string{"amount"}},
		{"bad status", func(r *RawOrderEvent) { r.Status = "refunded" }, []string{"status"}},
		{"no status", func(r *RawOrderEvent) { r.Status = "" }, []string{"status"}},
		{"no time", func(r *RawOrderEvent) { r.SettledAt = "" }, []string{"settled_at"}},
		{"bad time", func(r *RawOrderEvent) { r.SettledAt = "2025-11-31 10:00:00" }, []string{"settled_at"}},
		{"unix time", func(r *RawOrderEvent) { r.SettledAt = "1763877900" }, []string{"settled_at"}},
		{"everything", func(r *RawOrderEvent) { *r = RawOrderEvent{Source: "x", Amount: "x", Status: "x", SettledAt: "x"} },
			[]string{"order_id", "channel_id", "source", "amount", "status", "settled_at"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRawOrderEvent()
			tt.edit(&r)
			got, errs := ParseOrderEvent(r)
			var fields []string
			for _, e := range errs {
				fields = append(fields, e.Field)
				if e.Message == "" {
					t.Errorf("field %s has no message", e.Field)
				}
			}
			if !reflect.DeepEqual(fields, tt.fields) {
				t.Errorf("failed fields = %v; want %v (%v)", fields, tt.fields, errs)
			}
			if got != (OrderEvent{}) {
				t.Errorf("event not zero on error: %+v", got)
			}
		})
	}
}

func TestParseOrderEventMessages(t *testing.T) {
	r := validRawOrderEvent()
	r.Amount = "1.234"
	_, errs := ParseOrderEvent(r)
	if got := FieldErrors(errs).For("amount"); got != "金额格式不正确,应为最多两位小数的元金额,如 199.00" {
		t.Errorf("amount message = %q", got)
	}
	r = validRawOrderEvent()
	r.OrderID = ""
	_, errs = ParseOrderEvent(r)
	if got := FieldErrors(errs).For("order_id"); got != "请填写订单号" {
		t.Errorf("order_id message = %q", got)
	}
}

func TestCSVEventID(t *testing.T) {
	r := validRawOrderEvent()
	r.EventID = ""
	a, _ := ParseOrderEvent(r)
	r.SettledAt = "2025-11-23 14:05:00" // the same instant written differently
	b, _ := ParseOrderEvent(r)
	if CSVEventID(a) != CSVEventID(b) {
		t.Errorf("ids differ: %s vs %s", CSVEventID(a), CSVEventID(b))
	}
	if got, want := CSVEventID(a), "csv:O-1001:settled:2025-11-23T06:05:00Z"; got != want {
		t.Errorf("CSVEventID = %q; want %q", got, want)
	}
	r.Status, r.Amount = "cancelled", ""
	c, _ := ParseOrderEvent(r)
	if CSVEventID(c) == CSVEventID(a) {
		t.Error("a cancellation got the settlement's id")
	}
	if _, errs := ParseOrderEvent(RawOrderEvent{EventID: CSVEventID(a), OrderID: "x", ChannelID: "y",
		Source: "live", Amount: "1", Status: "settled", SettledAt: "2025-11-23 14:05"}); len(errs) != 0 {
		t.Errorf("derived id is not a valid event_id: %v", errs)
	}
}

// orderEv builds a parsed event for merge tests.
func orderEv(id, status string, amount Fen, at string) OrderEvent {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		panic(err)
	}
	return OrderEvent{EventID: id, OrderID: "O-1", ChannelID: "ch-" + id, VideoID: "v-" + id,
		Source: SourceShortVideo, Amount: amount, Status: status, SettledAt: t}
}

func foldOrderEvents(events ...OrderEvent) OrderState {
	var s *OrderState
	for _, e := range events {
		next := ApplyEvent(s, e)
		s = &next
	}
	return *s
}

func TestApplyEvent(t *testing.T) {
	s1 := orderEv("e1", StatusSettled, 10000, "2025-11-23T10:00:00+08:00")
	s2 := orderEv("e2", StatusSettled, 25000, "2025-11-24T10:00:00+08:00")
	s2tie := orderEv("e3", StatusSettled, 5000, "2025-11-24T02:00:00Z") // same instant as s2, larger id
	c1 := orderEv("c1", StatusCancelled, 0, "2025-11-25T10:00:00+08:00")
	c2 := orderEv("c2", StatusCancelled, 10000, "2025-11-26T10:00:00+08:00")

	tests := []struct {
		name      string
		events    []OrderEvent
		from      string // event whose fields win
		status    string
		cancelled bool
	}{
		{"single settlement", []OrderEvent{s1}, "e1", StatusSettled, false},
		{"duplicate", []OrderEvent{s1, s1, s1}, "e1", StatusSettled, false},
		{"later settlement wins", []OrderEvent{s1, s2}, "e2", StatusSettled, false},
		{"later settlement wins, delivered first", []OrderEvent{s2, s1}, "e2", StatusSettled, false},
		{"tie broken by larger id", []OrderEvent{s2, s2tie}, "e3", StatusSettled, false},
		{"tie broken by larger id, reversed", []OrderEvent{s2tie, s2}, "e3", StatusSettled, false},
		{"cancel after settle", []OrderEvent{s1, c1}, "e1", StatusSettled, true},
		{"cancel is terminal", []OrderEvent{s1, c1, s2}, "e2", StatusSettled, true},
		{"cancel first, settlement fills in", []OrderEvent{c1, s1}, "e1", StatusSettled, true},
		{"cancel only", []OrderEvent{c1}, "c1", StatusCancelled, true},
		{"two cancels", []OrderEvent{c2, c1}, "c2", StatusCancelled, true},
		{"everything shuffled", []OrderEvent{c2, s1, c1, s2tie, s1, s2, c2}, "e3", StatusSettled, true},
	}
	byID := map[string]OrderEvent{"e1": s1, "e2": s2, "e3": s2tie, "c1": c1, "c2": c2}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := foldOrderEvents(tt.events...)
			src := byID[tt.from]
			want := OrderState{OrderID: "O-1", ChannelID: src.ChannelID, VideoID: src.VideoID, Source: src.Source,
				Amount: src.Amount, Status: tt.status, SettledAt: src.SettledAt.In(Beijing),
				Cancelled: tt.cancelled, EventID: src.EventID}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
			if got.Counts() == tt.cancelled {
				t.Errorf("Counts() = %v with cancelled %v", got.Counts(), tt.cancelled)
			}
			wantEff := StatusSettled
			if tt.cancelled {
				wantEff = StatusCancelled
			}
			if got.EffectiveStatus() != wantEff {
				t.Errorf("EffectiveStatus() = %s; want %s", got.EffectiveStatus(), wantEff)
			}
		})
	}
}

func TestApplyEventDoesNotModifyPrev(t *testing.T) {
	prev := foldOrderEvents(orderEv("e1", StatusSettled, 100, "2025-11-23T10:00:00+08:00"))
	before := prev
	_ = ApplyEvent(&prev, orderEv("c1", StatusCancelled, 0, "2025-11-25T10:00:00+08:00"))
	if !reflect.DeepEqual(prev, before) {
		t.Errorf("prev changed: %+v", prev)
	}
}

// TestIDMessages: each identifier's problems come back as whole messages, and the
// length messages state the limit that is enforced.
func TestIDMessages(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n+1) }
	tests := []struct {
		field string
		edit  func(r *RawOrderEvent, v string)
		max   int
		want  map[string]string // value → message
	}{
		{"event_id", func(r *RawOrderEvent, v string) { r.EventID = v }, maxEventIDLen, map[string]string{
			"\xff":                   "事件ID包含无效的字符编码,请使用 UTF-8",
			long(maxEventIDLen):      "事件ID不能超过 128 个字符",
			"e\t1":                   "事件ID不能包含换行、制表符等控制字符",
			strings.Repeat("é", 128): "",
		}},
		{"order_id", func(r *RawOrderEvent, v string) { r.OrderID = v }, maxIDLen, map[string]string{
			"":             "请填写订单号",
			"\xff":         "订单号包含无效的字符编码,请使用 UTF-8",
			long(maxIDLen): "订单号不能超过 64 个字符",
			"O-1\n2":       "订单号不能包含换行、制表符等控制字符",
		}},
		{"channel_id", func(r *RawOrderEvent, v string) { r.ChannelID = v }, maxIDLen, map[string]string{
			"":             "请填写视频号ID",
			"\xff":         "视频号ID包含无效的字符编码,请使用 UTF-8",
			long(maxIDLen): "视频号ID不能超过 64 个字符",
			"ch\x00":       "视频号ID不能包含换行、制表符等控制字符",
		}},
		{"video_id", func(r *RawOrderEvent, v string) { r.VideoID = v }, maxIDLen, map[string]string{
			"":             "",
			"\xff":         "视频ID包含无效的字符编码,请使用 UTF-8",
			long(maxIDLen): "视频ID不能超过 64 个字符",
			"v\r9":         "视频ID不能包含换行、制表符等控制字符",
		}},
	}
	for _, tt := range tests {
		for v, want := range tt.want {
			r := validRawOrderEvent()
			tt.edit(&r, v)
			_, errs := ParseOrderEvent(r)
			if got := FieldErrors(errs).For(tt.field); got != want {
				t.Errorf("%s = %q: message %q, want %q", tt.field, v, got, want)
			}
			if want != "" && strings.Contains(want, "不能超过") && !strings.Contains(want, " "+strconv.Itoa(tt.max)+" ") {
				t.Errorf("%s: %q does not state the limit %d", tt.field, want, tt.max)
			}
		}
	}
}

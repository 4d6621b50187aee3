package models

import (
	"fmt"
	"math/big"
	"reflect"
	"sort"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// propZones are the zones generated instants are written in; the result must not care.
var propZones = []*time.Location{time.UTC, Beijing, time.FixedZone("PST", -8*60*60)}

// propInstant draws an instant near one of the campaign's period edges, or anywhere
// from shortly before the baseline to shortly after the campaign.
func propInstant(t *rapid.T, c Campaign) time.Time {
	edges := []time.Time{c.BaselineStart, c.BaselineEnd, c.StartsAt, c.EndsAt}
	var at time.Time
	if rapid.Bool().Draw(t, "near_edge") {
		offsets := []time.Duration{-time.Hour, -time.Second, -time.Nanosecond, 0, time.Nanosecond, time.Second, time.Hour}
		at = rapid.SampledFrom(edges).Draw(t, "edge").Add(rapid.SampledFrom(offsets).Draw(t, "offset"))
	} else {
		from := c.BaselineStart.Add(-48 * time.Hour)
		span := int64(c.EndsAt.Add(48*time.Hour).Sub(from) / time.Second)
		at = from.Add(time.Duration(rapid.Int64Range(0, span).Draw(t, "seconds")) * time.Second)
	}
	return at.In(rapid.SampledFrom(propZones).Draw(t, "zone"))
}

// propEvent draws one order event; ids come from a small pool so that ties happen.
func propEvent(t *rapid.T, c Campaign, orderIDs []string, eventIDs int) OrderEvent {
	status := rapid.SampledFrom([]string{StatusSettled, StatusSettled, StatusCancelled}).Draw(t, "status")
	amount := Fen(rapid.OneOf(
		rapid.Int64Range(1, 100),
		rapid.Int64Range(1, 100_000_000),
		rapid.Int64Range(MaxYuan*100-1000, MaxYuan*100+99),
	).Draw(t, "amount"))
	if status == StatusCancelled && rapid.Bool().Draw(t, "whole_order") {
		amount = 0
	}
	return OrderEvent{
		EventID:   fmt.Sprintf("e%d", rapid.IntRange(0, eventIDs-1).Draw(t, "event_id")),
		OrderID:   rapid.SampledFrom(orderIDs).Draw(t, "order_id"),
		ChannelID: rapid.SampledFrom([]string{"ch-a", "ch-b"}).Draw(t, "channel_id"),
		VideoID:   rapid.SampledFrom([]string{"", "v1", "v2"}).Draw(t, "video_id"),
		Source:    rapid.SampledFrom([]string{SourceShortVideo, SourceShortVideo, SourceLive, SourceOther}).Draw(t, "source"),
		Amount:    amount,
		Status:    status,
		SettledAt: propInstant(t, c),
	}
}

// propCampaign is the default campaign with a random rate and cap.
func propCampaign(t *rapid.T) Campaign {
	c := DefaultCampaign()
	c.RateBps = rapid.SampledFrom([]int64{0, 1, 7, 150, 9999, 10000}).Draw(t, "rate")
	c.CapPoints = Points(rapid.OneOf(rapid.Int64Range(0, 1000), rapid.Just(int64(15_000_000)),
		rapid.Int64Range(0, 1<<62)).Draw(t, "cap"))
	return c
}

// propShuffledWithDuplicates returns a permutation of events with some of them repeated.
func propShuffledWithDuplicates(t *rapid.T, events []OrderEvent) []OrderEvent {
	out := append([]OrderEvent(nil), events...)
	for _, i := range rapid.SliceOfN(rapid.IntRange(0, len(events)-1), 0, len(events)).Draw(t, "duplicates") {
		dup := events[i]
		// A redelivery may come back in another zone; it is still the same event.
		dup.SettledAt = dup.SettledAt.In(rapid.SampledFrom(propZones).Draw(t, "dup_zone"))
		out = append(out, dup)
	}
	return rapid.Permutation(out).Draw(t, "permutation")
}

// propFoldByOrder merges events into one state per order id.
func propFoldByOrder(events []OrderEvent) map[string]OrderState {
	states := map[string]OrderState{}
	for _, e := range events {
		var prev *OrderState
		if s, ok := states[e.OrderID]; ok {
			prev = &s
		}
		states[e.OrderID] = ApplyEvent(prev, e)
	}
	return states
}

// propByChannel groups final states by channel, each group sorted by order id.
func propByChannel(states map[string]OrderState) map[string][]OrderState {
	out := map[string][]OrderState{}
	for _, s := range states {
		out[s.ChannelID] = append(out[s.ChannelID], s)
	}
	for _, list := range out {
		sort.Slice(list, func(i, j int) bool { return list[i].OrderID < list[j].OrderID })
	}
	return out
}

func propEntitleAll(c Campaign, states map[string]OrderState) map[string]Entitlement {
	out := map[string]Entitlement{}
	for ch, list := range propByChannel(states) {
		out[ch] = Entitle(c, list)
	}
	return out
}

// TestApplyEventOrderIndependent: any delivery order, with duplicates, even with
// conflicting events under one id, gives the same states and the same entitlements.
func TestApplyEventOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := propCampaign(t)
		orderIDs := []string{"o1", "o2", "o3"}[:rapid.IntRange(1, 3).Draw(t, "orders")]
		n := rapid.IntRange(1, 12).Draw(t, "events")
		events := make([]OrderEvent, n)
		for i := range events {
			events[i] = propEvent(t, c, orderIDs, 4)
		}
		want := propFoldByOrder(events)
		got := propFoldByOrder(propShuffledWithDuplicates(t, events))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("states differ:\n got  %+v\n want %+v", got, want)
		}
		if a, b := propEntitleAll(c, got), propEntitleAll(c, want); !reflect.DeepEqual(a, b) {
			t.Fatalf("entitlements differ:\n got  %+v\n want %+v", a, b)
		}
	})
}

// TestEntitleMatchesReference: with unique event ids, the folded states equal the
// states the rule describes, and Entitle equals a math/big computation on them.
func TestEntitleMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := propCampaign(t)
		orderIDs := []string{"o1", "o2", "o3", "o4"}[:rapid.IntRange(1, 4).Draw(t, "orders")]
		n := rapid.IntRange(1, 16).Draw(t, "events")
		events := make([]OrderEvent, n)
		for i := range events {
			events[i] = propEvent(t, c, orderIDs, 1)
			events[i].EventID = fmt.Sprintf("e%02d", i) // unique: one id, one event
		}
		got := propFoldByOrder(propShuffledWithDuplicates(t, events))

		want := propReferenceStates(events)
		if len(got) != len(want) {
			t.Fatalf("got %d orders; want %d", len(got), len(want))
		}
		for id, w := range want {
			g := got[id]
			if g.Cancelled != w.Cancelled || g.Status != w.Status || g.EventID != w.EventID ||
				g.Amount != w.Amount || g.Source != w.Source || g.ChannelID != w.ChannelID ||
				g.VideoID != w.VideoID || !g.SettledAt.Equal(w.SettledAt) {
				t.Fatalf("order %s:\n got  %+v\n want %+v", id, g, w)
			}
		}
		for ch, list := range propByChannel(got) {
			if e, w := Entitle(c, list), propReferenceEntitlement(c, list); e != w {
				t.Fatalf("channel %s: Entitle = %+v\n reference %+v", ch, e, w)
			}
		}
	})
}

// propReferenceStates applies the merge rule directly to the set of events: cancelled if
// any event cancels; fields from the latest settlement (ties: larger id), or, with no
// settlement at all, from the latest cancellation.
func propReferenceStates(events []OrderEvent) map[string]OrderState {
	out := map[string]OrderState{}
	for _, id := range propOrderIDsOf(events) {
		var settled, cancels []OrderEvent
		for _, e := range events {
			if e.OrderID != id {
				continue
			}
			if e.Status == StatusSettled {
				settled = append(settled, e)
			} else {
				cancels = append(cancels, e)
			}
		}
		pick := settled
		if len(pick) == 0 {
			pick = cancels
		}
		sort.Slice(pick, func(i, j int) bool {
			if !pick[i].SettledAt.Equal(pick[j].SettledAt) {
				return pick[i].SettledAt.Before(pick[j].SettledAt)
			}
			return pick[i].EventID < pick[j].EventID
		})
		w := pick[len(pick)-1]
		out[id] = OrderState{OrderID: id, ChannelID: w.ChannelID, VideoID: w.VideoID, Source: w.Source,
			Amount: w.Amount, Status: w.Status, SettledAt: w.SettledAt, Cancelled: len(cancels) > 0, EventID: w.EventID}
	}
	return out
}

func propOrderIDsOf(events []OrderEvent) []string {
	seen := map[string]bool{}
	var ids []string
	for _, e := range events {
		if !seen[e.OrderID] {
			seen[e.OrderID] = true
			ids = append(ids, e.OrderID)
		}
	}
	return ids
}

// propReferenceEntitlement is SPEC rules 3–6 written out with math/big and Unix seconds.
func propReferenceEntitlement(c Campaign, orders []OrderState) Entitlement {
	const day = 24 * 60 * 60
	days := big.NewInt((c.EndsAt.Unix() - c.StartsAt.Unix()) / day)
	baseDays := big.NewInt((c.BaselineEnd.Unix() - c.BaselineStart.Unix()) / day)
	in := func(t, from, to time.Time) bool {
		return t.UnixNano() >= from.UnixNano() && t.UnixNano() < to.UnixNano()
	}
	baseline, campaign := new(big.Int), new(big.Int)
	for _, o := range orders {
		if o.Source != SourceShortVideo || o.Status != StatusSettled || o.Cancelled {
			continue
		}
		if in(o.SettledAt, c.BaselineStart, c.BaselineEnd) {
			baseline.Add(baseline, big.NewInt(int64(o.Amount)))
		}
		if in(o.SettledAt, c.StartsAt, c.EndsAt) {
			campaign.Add(campaign, big.NewInt(int64(o.Amount)))
		}
	}
	threshold, rewardBase := new(big.Int), new(big.Int).Set(campaign)
	newcomer := baseline.Sign() == 0
	if !newcomer {
		threshold.Mul(baseline, days).Quo(threshold, baseDays)
		rewardBase.Sub(campaign, threshold)
		if rewardBase.Sign() < 0 {
			rewardBase.SetInt64(0)
		}
	}
	raw := new(big.Int).Mul(rewardBase, big.NewInt(c.RateBps))
	raw.Quo(raw, big.NewInt(10000))
	limit := big.NewInt(int64(c.CapPoints))
	points := raw
	if raw.Cmp(limit) >= 0 {
		points = limit
	}
	return Entitlement{
		GMV: GMV{Baseline: Fen(baseline.Int64()), Campaign: Fen(campaign.Int64()), Threshold: Fen(threshold.Int64()),
			RewardBase: Fen(rewardBase.Int64()), Newcomer: newcomer},
		Points: Points(points.Int64()),
		Capped: raw.Cmp(limit) >= 0,
	}
}

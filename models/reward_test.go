package models

import (
	"math"
	"math/big"
	"strconv"
	"testing"
	"time"
)

// rwOrder builds a counted-or-not order state for reward tests; amount is in yuan.
func rwOrder(t testing.TB, source, yuan, at string) OrderState {
	t.Helper()
	amount, err := ParseYuan(yuan)
	if err != nil {
		t.Fatalf("bad amount %q", yuan)
	}
	return OrderState{OrderID: "O-" + at + "-" + yuan, ChannelID: "ch", Source: source, Amount: amount,
		Status: StatusSettled, SettledAt: mustTimeRFC3339(t, at)}
}

func rwCancelled(o OrderState) OrderState {
	o.Cancelled = true
	return o
}

func TestEntitleSpecExamples(t *testing.T) {
	c := DefaultCampaign()
	tests := []struct {
		name   string
		orders []OrderState
		want   Entitlement
		points string
	}{
		{
			name: "newcomer ¥200,000.00",
			orders: []OrderState{
				rwOrder(t, SourceShortVideo, "150000.00", "2025-11-25T12:00:00+08:00"),
				rwOrder(t, SourceShortVideo, "50000.00", "2025-12-20T12:00:00+08:00"),
			},
			want: Entitlement{GMV: GMV{Campaign: 20_000_000, RewardBase: 20_000_000, Newcomer: true},
				Points: 300_000},
			points: "3000.00",
		},
		{
			name: "veteran ¥184,000.00 baseline, ¥200,000.00 campaign",
			orders: []OrderState{
				rwOrder(t, SourceShortVideo, "84000.00", "2025-08-15T09:00:00+08:00"),
				rwOrder(t, SourceShortVideo, "100000.00", "2025-10-30T09:00:00+08:00"),
				rwOrder(t, SourceShortVideo, "200000.00", "2025-12-01T09:00:00+08:00"),
			},
			want: Entitlement{GMV: GMV{Baseline: 18_400_000, Campaign: 20_000_000, Threshold: 8_000_000,
				RewardBase: 12_000_000}, Points: 180_000},
			points: "1800.00",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Entitle(c, tt.orders)
			if got != tt.want {
				t.Errorf("Entitle = %+v\nwant      %+v", got, tt.want)
			}
			if got.Points.String() != tt.points {
				t.Errorf("points = %s; want %s", got.Points, tt.points)
			}
			if p := ComputePoints(c, got.GMV); p != got.Points {
				t.Errorf("ComputePoints = %d; Entitle said %d", p, got.Points)
			}
		})
	}
	veteran := Entitle(c, tests[1].orders)
	if veteran.Threshold.Display() != "¥80,000.00" || veteran.RewardBase.Display() != "¥120,000.00" {
		t.Errorf("veteran threshold %s base %s", veteran.Threshold.Display(), veteran.RewardBase.Display())
	}
}

func TestComputeGMVWindowEdges(t *testing.T) {
	c := DefaultCampaign()
	tests := []struct {
		at       string
		baseline bool
		campaign bool
	}{
		{"2025-07-31T23:59:59+08:00", false, false},
		{"2025-07-31T15:59:59Z", false, false},
		{"2025-08-01T00:00:00+08:00", true, false},
		{"2025-07-31T16:00:00Z", true, false},
		{"2025-10-31T23:59:59+08:00", true, false},
		{"2025-10-31T15:59:59Z", true, false},
		{"2025-11-01T00:00:00+08:00", false, false},
		{"2025-10-31T16:00:00Z", false, false},
		{"2025-11-10T12:00:00+08:00", false, false},
		{"2025-11-21T23:59:59+08:00", false, false},
		{"2025-11-21T15:59:59Z", false, false},
		{"2025-11-22T00:00:00+08:00", false, true},
		{"2025-11-21T16:00:00Z", false, true},
		{"2025-11-21T08:00:00-08:00", false, true},
		{"2025-12-31T23:59:59+08:00", false, true},
		{"2025-12-31T15:59:59Z", false, true},
		{"2025-12-31T23:59:59.999999999+08:00", false, true},
		{"2026-01-01T00:00:00+08:00", false, false},
		{"2025-12-31T16:00:00Z", false, false},
	}
	for _, tt := range tests {
		g := ComputeGMV(c, []OrderState{rwOrder(t, SourceShortVideo, "100.00", tt.at)})
		if got := g.Baseline == 10000; got != tt.baseline {
			t.Errorf("%s: baseline = %s; counted %v, want %v", tt.at, g.Baseline, got, tt.baseline)
		}
		if got := g.Campaign == 10000; got != tt.campaign {
			t.Errorf("%s: campaign = %s; counted %v, want %v", tt.at, g.Campaign, got, tt.campaign)
		}
	}
}

func TestComputeGMVWhatCounts(t *testing.T) {
	c := DefaultCampaign()
	in := "2025-11-30T10:00:00+08:00"
	base := "2025-09-30T10:00:00+08:00"
	sv := rwOrder(t, SourceShortVideo, "100.00", in)
	cancelledFirst := rwOrder(t, SourceShortVideo, "0", in)
	cancelledFirst.Status, cancelledFirst.Cancelled = StatusCancelled, true

	tests := []struct {
		name   string
		orders []OrderState
		want   GMV
	}{
		{"nothing", nil, GMV{Newcomer: true}},
		{"short video", []OrderState{sv}, GMV{Campaign: 10000, RewardBase: 10000, Newcomer: true}},
		{"live ignored", []OrderState{sv, rwOrder(t, SourceLive, "5000.00", in)},
			GMV{Campaign: 10000, RewardBase: 10000, Newcomer: true}},
		{"other ignored", []OrderState{rwOrder(t, SourceOther, "5000.00", in)}, GMV{Newcomer: true}},
		{"live baseline does not make a veteran", []OrderState{sv, rwOrder(t, SourceLive, "5000.00", base)},
			GMV{Campaign: 10000, RewardBase: 10000, Newcomer: true}},
		{"cancelled order removed", []OrderState{sv, rwCancelled(rwOrder(t, SourceShortVideo, "70.00", in))},
			GMV{Campaign: 10000, RewardBase: 10000, Newcomer: true}},
		{"cancellation without settlement", []OrderState{sv, cancelledFirst},
			GMV{Campaign: 10000, RewardBase: 10000, Newcomer: true}},
		{"cancelled baseline order makes a newcomer", []OrderState{sv, rwCancelled(rwOrder(t, SourceShortVideo, "9200.00", base))},
			GMV{Campaign: 10000, RewardBase: 10000, Newcomer: true}},
		{"one fen of baseline makes a veteran", []OrderState{sv, rwOrder(t, SourceShortVideo, "0.01", base)},
			GMV{Baseline: 1, Campaign: 10000, Threshold: 0, RewardBase: 10000}}, // floor(1×40÷92) = 0
		{"veteran below threshold", []OrderState{sv, rwOrder(t, SourceShortVideo, "9200.00", base)},
			GMV{Baseline: 920000, Campaign: 10000, Threshold: 400000, RewardBase: 0}},
		{"veteran exactly at threshold", []OrderState{rwOrder(t, SourceShortVideo, "4000.00", in), rwOrder(t, SourceShortVideo, "9200.00", base)},
			GMV{Baseline: 920000, Campaign: 400000, Threshold: 400000, RewardBase: 0}},
		{"veteran one fen above", []OrderState{rwOrder(t, SourceShortVideo, "4000.01", in), rwOrder(t, SourceShortVideo, "9200.00", base)},
			GMV{Baseline: 920000, Campaign: 400001, Threshold: 400000, RewardBase: 1}},
		{"threshold rounds down", []OrderState{rwOrder(t, SourceShortVideo, "1.00", base)}, // 100×40÷92 = 43.47…
			GMV{Baseline: 100, Threshold: 43}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ComputeGMV(c, tt.orders); got != tt.want {
				t.Errorf("ComputeGMV = %+v\nwant         %+v", got, tt.want)
			}
		})
	}
}

func TestEntitleCap(t *testing.T) {
	c := DefaultCampaign() // cap 150,000.00 points = base ¥10,000,000.00
	at := "2025-12-01T10:00:00+08:00"
	tests := []struct {
		yuan    string
		points  Points
		capped  bool
		percent int
	}{
		{"9999999.99", 14_999_999, false, 99},
		{"10000000.00", 15_000_000, true, 100},
		{"10000000.01", 15_000_000, true, 100},
		{"99999999.00", 15_000_000, true, 100},
		{"5000000.00", 7_500_000, false, 50},
	}
	for _, tt := range tests {
		e := Entitle(c, []OrderState{rwOrder(t, SourceShortVideo, tt.yuan, at)})
		if e.Points != tt.points || e.Capped != tt.capped {
			t.Errorf("¥%s: points %d capped %v; want %d %v", tt.yuan, e.Points, e.Capped, tt.points, tt.capped)
		}
		if got := CapProgress(c, e.Points); got != tt.percent {
			t.Errorf("¥%s: CapProgress = %d; want %d", tt.yuan, got, tt.percent)
		}
	}
	low := c
	low.CapPoints = 100
	if got := ComputePoints(low, GMV{RewardBase: 20_000_000}); got != 100 {
		t.Errorf("ComputePoints with cap 1.00 = %d", got)
	}
}

func TestEntitleRoundsOnTheTotal(t *testing.T) {
	c := DefaultCampaign()
	start := mustTimeRFC3339(t, "2025-11-22T00:00:00+08:00")
	tests := []struct {
		n      int
		yuan   string
		points Points
	}{
		{1000, "0.01", 15},        // 1000 fen × 150 ÷ 10000 = 15; per order it would be 0
		{67, "0.01", 1},           // 1.005 → 1
		{66, "0.01", 0},           // 0.99 → 0
		{3, "33.33", 149},         // 9999 fen → 149.985 → 149; per order 49 × 3 = 147
		{1000, "199.99", 299_985}, // 19,999,000 fen × 150 ÷ 10000
	}
	for _, tt := range tests {
		orders := make([]OrderState, tt.n)
		for i := range orders {
			o := rwOrder(t, SourceShortVideo, tt.yuan, "2025-11-22T00:00:00+08:00")
			o.OrderID = "O-" + strconv.Itoa(i)
			o.SettledAt = start.Add(time.Duration(i) * time.Minute)
			orders[i] = o
		}
		if got := Entitle(c, orders).Points; got != tt.points {
			t.Errorf("%d × ¥%s: points %d; want %d", tt.n, tt.yuan, got, tt.points)
		}
	}
}

func TestGMVForNextPoints(t *testing.T) {
	base := "2025-09-01T10:00:00+08:00"
	in := "2025-12-01T10:00:00+08:00"
	def := DefaultCampaign()
	odd := DefaultCampaign()
	odd.RateBps = 7
	odd.CapPoints = 123_457
	tests := []struct {
		name   string
		c      Campaign
		orders []OrderState
		step   Points
	}{
		{"newcomer from zero", def, nil, 10000},
		{"newcomer mid-way", def, []OrderState{rwOrder(t, SourceShortVideo, "12345.67", in)}, 10000},
		{"newcomer exactly on a step", def, []OrderState{rwOrder(t, SourceShortVideo, "200000.00", in)}, 10000},
		{"step of one hundredth", def, []OrderState{rwOrder(t, SourceShortVideo, "12345.67", in)}, 1},
		{"zero step means one hundredth", def, []OrderState{rwOrder(t, SourceShortVideo, "1.00", in)}, 0},
		{"veteran below threshold", def, []OrderState{rwOrder(t, SourceShortVideo, "184000.00", base),
			rwOrder(t, SourceShortVideo, "1000.00", in)}, 10000},
		{"veteran above threshold", def, []OrderState{rwOrder(t, SourceShortVideo, "184000.00", base),
			rwOrder(t, SourceShortVideo, "123456.78", in)}, 10000},
		{"veteran odd threshold", def, []OrderState{rwOrder(t, SourceShortVideo, "1.00", base)}, 100},
		{"odd rate", odd, []OrderState{rwOrder(t, SourceShortVideo, "999.99", in)}, 10000},
		{"next step beyond cap", odd, []OrderState{rwOrder(t, SourceShortVideo, "1720000.00", in)}, 10000},
		{"near the default cap", def, []OrderState{rwOrder(t, SourceShortVideo, "9999990.00", in)}, 10000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Entitle(tt.c, tt.orders)
			need := GMVForNextPoints(tt.c, e, tt.step)
			if need <= 0 {
				t.Fatalf("need = %d for %+v", need, e)
			}
			step := max(tt.step, 1)
			target := min((e.Points/step+1)*step, tt.c.CapPoints)
			extra := func(f Fen) Entitlement {
				o := OrderState{OrderID: "extra", Source: SourceShortVideo, Amount: f, Status: StatusSettled,
					SettledAt: tt.c.StartsAt}
				return Entitle(tt.c, append(append([]OrderState(nil), tt.orders...), o))
			}
			if got := extra(need).Points; got < target {
				t.Errorf("adding %s gives %d points; want ≥ %d", need, got, target)
			}
			if got := extra(need - 1).Points; need > 1 && got >= target {
				t.Errorf("adding %s (one fen less) already gives %d points ≥ %d", need-1, got, target)
			}
		})
	}
}

func TestGMVForNextPointsZero(t *testing.T) {
	c := DefaultCampaign()
	capped := Entitle(c, []OrderState{rwOrder(t, SourceShortVideo, "10000000.00", "2025-12-01T10:00:00+08:00")})
	if got := GMVForNextPoints(c, capped, 10000); got != 0 {
		t.Errorf("capped: %d; want 0", got)
	}
	noRate := c
	noRate.RateBps = 0
	if got := GMVForNextPoints(noRate, Entitle(noRate, nil), 10000); got != 0 {
		t.Errorf("rate 0: %d; want 0", got)
	}
	if got := Entitle(noRate, []OrderState{rwOrder(t, SourceShortVideo, "1000.00", "2025-12-01T10:00:00+08:00")}).Points; got != 0 {
		t.Errorf("rate 0 earned %d", got)
	}
}

func TestCapProgress(t *testing.T) {
	c := DefaultCampaign()
	tests := []struct {
		p    Points
		want int
	}{
		{-100, 0}, {0, 0}, {149_999, 0}, {150_000, 1}, {7_500_000, 50}, {14_999_999, 99},
		{15_000_000, 100}, {math.MaxInt64, 100},
	}
	for _, tt := range tests {
		if got := CapProgress(c, tt.p); got != tt.want {
			t.Errorf("CapProgress(%d) = %d; want %d", tt.p, got, tt.want)
		}
	}
	c.CapPoints = 0
	if got := CapProgress(c, 0); got != 100 {
		t.Errorf("CapProgress with cap 0 = %d; want 100", got)
	}
}

func TestRewardHugeAmountsDoNotOverflow(t *testing.T) {
	c := DefaultCampaign()
	c.CapPoints = math.MaxInt64
	c.RateBps = 10000
	maxAmount := Fen(MaxYuan*100 + 99)
	var orders []OrderState
	for i := range 1000 {
		orders = append(orders,
			OrderState{OrderID: "b" + strconv.Itoa(i), Source: SourceShortVideo, Amount: maxAmount,
				Status: StatusSettled, SettledAt: c.BaselineStart},
			OrderState{OrderID: "c" + strconv.Itoa(i), Source: SourceShortVideo, Amount: maxAmount,
				Status: StatusSettled, SettledAt: c.StartsAt})
	}
	e := Entitle(c, orders)
	total := new(big.Int).Mul(big.NewInt(int64(maxAmount)), big.NewInt(1000))
	if e.Baseline != Fen(total.Int64()) || e.Campaign != Fen(total.Int64()) {
		t.Fatalf("sums %d %d; want %s", e.Baseline, e.Campaign, total)
	}
	threshold := new(big.Int).Mul(total, big.NewInt(40))
	threshold.Quo(threshold, big.NewInt(92))
	if e.Threshold != Fen(threshold.Int64()) {
		t.Errorf("threshold %d; want %s", e.Threshold, threshold)
	}
	base := new(big.Int).Sub(total, threshold)
	if e.RewardBase != Fen(base.Int64()) || e.Points != Points(base.Int64()) {
		t.Errorf("base %d points %d; want %s", e.RewardBase, e.Points, base)
	}
	// Saturation instead of wrap-around at the extremes.
	if got := ComputePoints(c, GMV{RewardBase: math.MaxInt64}); got != math.MaxInt64 {
		t.Errorf("ComputePoints(max) = %d", got)
	}
	c.RateBps = 150
	if got, want := ComputePoints(c, GMV{RewardBase: math.MaxInt64}), Points(math.MaxInt64/10000*150+(math.MaxInt64%10000)*150/10000); got != want {
		t.Errorf("ComputePoints(max) at 150 bps = %d; want %d", got, want)
	}
}

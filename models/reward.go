package models

import (
	"math"
	"math/bits"
	"time"
)

// GMV is one channel's settled short-video GMV and the reward base derived from it
// (SPEC rules 3–5). All amounts are in fen.
type GMV struct {
	Baseline   Fen  // settled in [BaselineStart, BaselineEnd)
	Campaign   Fen  // settled in [StartsAt, EndsAt)
	Threshold  Fen  // floor(Baseline × Days ÷ BaselineDays); 0 for newcomers
	RewardBase Fen  // Campaign for newcomers, else max(0, Campaign − Threshold)
	Newcomer   bool // Baseline is exactly 0
}

// Entitlement is the points a channel has earned in a campaign, computed from the
// cumulative totals so rounding never drifts (SPEC rules 6–7).
type Entitlement struct {
	GMV
	Points Points // min(cap, floor(RewardBase × RateBps ÷ 10000)) hundredths
	Capped bool   // the cap is reached: more GMV earns nothing more
}

// ComputeGMV sums one channel's orders into baseline and campaign GMV and derives the
// threshold and reward base. Only short-video orders that are settled and not
// cancelled count, each in the period its SettledAt instant falls in.
func ComputeGMV(c Campaign, orders []OrderState) GMV {
	var g GMV
	for _, o := range orders {
		if o.Source != SourceShortVideo || !o.Counts() || o.Amount <= 0 {
			continue
		}
		if within(o.SettledAt, c.BaselineStart, c.BaselineEnd) {
			g.Baseline = addFen(g.Baseline, o.Amount)
		}
		if within(o.SettledAt, c.StartsAt, c.EndsAt) {
			g.Campaign = addFen(g.Campaign, o.Amount)
		}
	}
	g.Newcomer = g.Baseline == 0
	if g.Newcomer {
		g.RewardBase = g.Campaign
		return g
	}
	days, baseDays := c.Days(), c.BaselineDays()
	if days < 0 {
		days = 0
	}
	if baseDays < 1 {
		// A baseline shorter than a day has no daily average; treat it as one day
		// rather than divide by zero. Campaign.Validate should keep this from happening.
		baseDays = 1
	}
	g.Threshold = Fen(mulDiv(int64(g.Baseline), days, baseDays))
	if g.Campaign > g.Threshold {
		g.RewardBase = g.Campaign - g.Threshold
	}
	return g
}

// ComputePoints turns a reward base into points: min(cap, floor(base × rate ÷ 10000)).
// Fen and hundredths of a point share the factor 100, so ¥200,000.00 at 150 bps is
// 20,000,000 × 150 ÷ 10000 = 300,000 hundredths = 3,000.00 points.
func ComputePoints(c Campaign, g GMV) Points {
	raw := rawPoints(c, g.RewardBase)
	return min(raw, capOf(c))
}

// Entitle computes a channel's whole entitlement from its orders.
func Entitle(c Campaign, orders []OrderState) Entitlement {
	g := ComputeGMV(c, orders)
	raw, limit := rawPoints(c, g.RewardBase), capOf(c)
	return Entitlement{GMV: g, Points: min(raw, limit), Capped: raw >= limit}
}

// GMVForNextPoints returns the smallest amount of additional settled campaign GMV, in
// fen, that lifts the entitlement to the next multiple of step hundredths (or to the
// cap, when that comes first). It is 0 when the cap is reached or the rate is 0, and
// math.MaxInt64 when the amount is beyond what an int64 can hold.
func GMVForNextPoints(c Campaign, e Entitlement, step Points) Fen {
	limit := capOf(c)
	if e.Capped || c.RateBps <= 0 || e.Points >= limit {
		return 0
	}
	if step < 1 {
		step = 1
	}
	target := (max(e.Points, 0)/step + 1) * step
	if target > limit || target <= 0 { // target <= 0 only on overflow
		target = limit
	}
	// Smallest base B with floor(B × rate ÷ 10000) >= target is ceil(target × 10000 ÷ rate).
	base := Fen(mulDivCeil(int64(target), 10000, c.RateBps))
	need := base
	if !e.Newcomer {
		need = addFen(base, e.Threshold)
	}
	if need == math.MaxInt64 {
		return need
	}
	if d := need - e.Campaign; d > 0 {
		return d
	}
	// Only reachable when e is inconsistent with c; one fen is the least that can help.
	return 1
}

// CapProgress returns how far p has come towards the campaign's cap, 0 to 100 percent,
// rounded down so that 100 means the cap is really reached.
func CapProgress(c Campaign, p Points) (percent int) {
	limit := capOf(c)
	switch {
	case limit <= 0:
		return 100
	case p <= 0:
		return 0
	case p >= limit:
		return 100
	}
	return int(mulDiv(int64(p), 100, int64(limit)))
}

// rawPoints is floor(base × rate ÷ 10000) before the cap, 0 for a non-positive base or rate.
func rawPoints(c Campaign, base Fen) Points {
	if base <= 0 || c.RateBps <= 0 {
		return 0
	}
	return Points(mulDiv(int64(base), c.RateBps, 10000))
}

// capOf is the campaign's cap, never negative.
func capOf(c Campaign) Points { return max(c.CapPoints, 0) }

// within reports whether t lies in [from, to).
func within(t, from, to time.Time) bool { return !t.Before(from) && t.Before(to) }

// addFen adds two non-negative amounts, saturating at math.MaxInt64.
func addFen(a, b Fen) Fen {
	if s, carry := bits.Add64(uint64(a), uint64(b), 0); carry == 0 && s <= math.MaxInt64 {
		return Fen(s)
	}
	return math.MaxInt64
}

// mulDiv is floor(a × b ÷ d) for non-negative a, b and positive d, computed in 128 bits
// and saturating at math.MaxInt64.
func mulDiv(a, b, d int64) int64 {
	if a <= 0 || b <= 0 || d <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(d) {
		return math.MaxInt64
	}
	q, _ := bits.Div64(hi, lo, uint64(d))
	if q > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(q)
}

// mulDivCeil is ceil(a × b ÷ d) for non-negative a, b and positive d, saturating.
func mulDivCeil(a, b, d int64) int64 {
	if a <= 0 || b <= 0 || d <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(d) {
		return math.MaxInt64
	}
	q, r := bits.Div64(hi, lo, uint64(d))
	if r != 0 {
		q++
	}
	if q > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(q)
}

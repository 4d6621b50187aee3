package models

import "time"

// EntitleTotals computes an entitlement from totals already summed per period
// (baseline and campaign GMV, in fen), by the same rule as Entitle. Aggregated views
// (exports, the overview) use it so that the formula lives in one place.
func EntitleTotals(c Campaign, baseline, campaign Fen) Entitlement {
	var orders []OrderState
	if baseline > 0 {
		orders = append(orders, OrderState{Source: SourceShortVideo, Status: StatusSettled, Amount: baseline,
			SettledAt: c.BaselineStart})
	}
	if campaign > 0 {
		orders = append(orders, OrderState{Source: SourceShortVideo, Status: StatusSettled, Amount: campaign,
			SettledAt: c.StartsAt})
	}
	return Entitle(c, orders)
}

// DayRange returns the Beijing days from the day of from up to the day of to
// (inclusive), as YYYY-MM-DD. It returns nil when to is before from.
func DayRange(from, to time.Time) []string {
	start, end := StartOfDay(from), StartOfDay(to)
	var days []string
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		days = append(days, d.Format(DayLayout))
		if len(days) > 3660 { // ten years: a guard against a runaway loop
			break
		}
	}
	return days
}

// PeriodDays returns the first and last Beijing day of the half-open period
// [from, to): the day columns that aggregated queries filter on.
func PeriodDays(from, to time.Time) (first, last string) {
	return Day(from), Day(to.Add(-time.Nanosecond))
}

// TierUsage is one posting tier with the approved accounts in it.
type TierUsage struct {
	Tier
	MaxFans  int64 // exclusive upper bound; 0 for the top tier
	Accounts int64
}

// Capacity is the product videos the tier's accounts may register per day together.
func (t TierUsage) Capacity() int64 { return t.Accounts * int64(t.PerDay) }

// TopCreator is an approved account ranked by settled campaign GMV.
type TopCreator struct {
	AccountID   int64
	DisplayName string
	Role        string
	ChannelID   string
	ChannelName string
	GMV         Fen
	Earned      Points
}

// Overview is the campaign at a glance, for the manager's home page. Series are
// aligned with Days.
type Overview struct {
	Campaign  Campaign
	Today     string
	Counts    map[string]int64 // enrolments by status
	Approved  int64
	Newcomers int64 // approved accounts whose channel had no baseline GMV
	Days      []string
	Videos    []int64
	GMV       []Fen
	Points    []Points
	Tiers     []TierUsage
	Top       []TopCreator
	TotalGMV  Fen
	Earned    Points
	Spent     Points
	Balance   Points
}

// Capacity is the product videos all approved accounts may register per day.
func (o Overview) Capacity() int64 {
	var n int64
	for _, t := range o.Tiers {
		n += t.Capacity()
	}
	return n
}

// VideosToday is the number of product videos registered today.
func (o Overview) VideosToday() int64 {
	for i, d := range o.Days {
		if d == o.Today {
			return o.Videos[i]
		}
	}
	return 0
}

// NewcomerPercent is the newcomers' share of approved accounts, 0–100, rounded down.
func (o Overview) NewcomerPercent() int64 {
	if o.Approved == 0 {
		return 0
	}
	return o.Newcomers * 100 / o.Approved
}

// UsagePercent is how much of a day's capacity n videos use, 0–100+, rounded down.
func (o Overview) UsagePercent(n int64) int64 {
	c := o.Capacity()
	if c == 0 {
		return 0
	}
	return n * 100 / c
}

// TotalApplications is the number of enrolments in every state.
func (o Overview) TotalApplications() int64 {
	var n int64
	for _, v := range o.Counts {
		n += v
	}
	return n
}

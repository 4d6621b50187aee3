package models

import (
	"net/url"
	"testing"
	"time"
)

func TestEntitleTotalsMatchesEntitle(t *testing.T) {
	c := DefaultCampaign()
	in := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, Beijing) }
	orders := []OrderState{
		{Source: SourceShortVideo, Status: StatusSettled, Amount: 9_200_000, SettledAt: in(2025, 9, 3)},
		{Source: SourceShortVideo, Status: StatusSettled, Amount: 9_200_000, SettledAt: in(2025, 10, 3)},
		{Source: SourceShortVideo, Status: StatusSettled, Amount: 12_345_678, SettledAt: in(2025, 11, 25)},
		{Source: SourceShortVideo, Status: StatusSettled, Amount: 7_654_321, SettledAt: in(2025, 12, 25)},
	}
	want := Entitle(c, orders)
	got := EntitleTotals(c, 18_400_000, 19_999_999)
	if got != want {
		t.Errorf("EntitleTotals = %+v; want %+v", got, want)
	}
	if n := EntitleTotals(c, 0, 20_000_000); !n.Newcomer || n.Points != 300_000 {
		t.Errorf("newcomer ¥200,000.00 → %+v; want 3,000.00 points", n)
	}
}

func TestDayRangeAndPeriodDays(t *testing.T) {
	c := DefaultCampaign()
	days := DayRange(c.StartsAt, c.EndsAt.Add(-time.Nanosecond))
	if len(days) != 40 || days[0] != "2025-11-22" || days[39] != "2025-12-31" {
		t.Errorf("campaign days: %d, %s … %s", len(days), days[0], days[len(days)-1])
	}
	if first, last := PeriodDays(c.BaselineStart, c.BaselineEnd); first != "2025-08-01" || last != "2025-10-31" {
		t.Errorf("baseline days %s … %s", first, last)
	}
	if DayRange(c.EndsAt, c.StartsAt) != nil {
		t.Error("a backwards range has no days")
	}
}

func TestCampaignFormParse(t *testing.T) {
	base := DefaultCampaign()
	base.ID = 7
	f := CampaignFormOf(base)
	if f.StartsAt != "2025-11-22T00:00" || f.CapPoints != "150000.00" || f.Tiers != "0:1,1000:2,10000:5,100000:10" {
		t.Fatalf("form of default: %+v", f)
	}
	f.RateBps, f.Tiers, f.EndsAt = "200", "0：1，5000:3", "2026-01-10 00:00"
	c, errs := f.Parse(base)
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if c.ID != 7 || c.RateBps != 200 || c.Tiers.String() != "0:1,5000:3" || !c.EndsAt.Equal(time.Date(2026, 1, 10, 0, 0, 0, 0, Beijing)) {
		t.Errorf("parsed %+v", c)
	}
	if !RewardChanged(base, c) {
		t.Error("a rate change is a reward change")
	}
	same := base
	same.Name, same.MinFans = "新名字", 500
	if RewardChanged(base, same) {
		t.Error("name and minimum fans do not change points")
	}
}

func TestCampaignFormParseErrors(t *testing.T) {
	f := CampaignForm{Slug: "Bad Slug", Name: "", StartsAt: "tomorrow", EndsAt: "2025-01-01T00:00",
		BaselineStart: "2025-08-01T00:00", BaselineEnd: "2025-12-01T00:00", MinFans: "x", RateBps: "20000",
		CapPoints: "-1", Tiers: "5:1"}
	_, errs := f.Parse(Campaign{})
	for _, field := range []string{"slug", "name", "starts_at", "min_fans", "rate_bps", "cap_points", "tiers"} {
		if errs.For(field) == "" {
			t.Errorf("no message for %s in %v", field, errs)
		}
	}
	if errs.For("ends_at") != "" {
		t.Errorf("ends_at is not blamed for a bad start: %q", errs.For("ends_at"))
	}
	g := CampaignFormOf(DefaultCampaign())
	g.BaselineEnd = "2025-12-01T00:00"
	if _, errs := g.Parse(Campaign{}); errs.For("baseline_end") == "" {
		t.Errorf("baseline overlapping the campaign accepted: %v", errs)
	}
}

func TestNextEdition(t *testing.T) {
	n := NextEdition(DefaultCampaign())
	if n.Slug != "2026-short-video" || n.Running || n.ID != 0 ||
		!n.StartsAt.Equal(time.Date(2026, 11, 22, 0, 0, 0, 0, Beijing)) || len(n.Validate()) != 0 {
		t.Errorf("next edition %+v", n)
	}
}

func TestParseAuditFilter(t *testing.T) {
	f := ParseAuditFilter(url.Values{"action": {"login.failed"}, "from": {"2025-12-01"}, "to": {"12/31"},
		"target": {"account:12"}, "page": {"2"}})
	if f.Action != "login.failed" || f.From != "2025-12-01" || f.To != "" || f.Page != 2 {
		t.Errorf("parsed %+v", f)
	}
	if k, id := f.TargetParts(); k != "account" || id != "12" {
		t.Errorf("target parts %q %q", k, id)
	}
	if k, id := (AuditFilter{Target: "42"}).TargetParts(); k != "" || id != "42" {
		t.Errorf("bare id parts %q %q", k, id)
	}
	if k, id := (AuditFilter{Target: "campaign"}).TargetParts(); k != "campaign" || id != "" {
		t.Errorf("bare type parts %q %q", k, id)
	}
}

func TestPages(t *testing.T) {
	for _, tt := range []struct {
		total int64
		per   int
		want  int
	}{{0, 50, 1}, {50, 50, 1}, {51, 50, 2}, {100000, 50, 2000}, {3, 0, 1}} {
		if got := Pages(tt.total, tt.per); got != tt.want {
			t.Errorf("Pages(%d, %d) = %d; want %d", tt.total, tt.per, got, tt.want)
		}
	}
}

package models

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestDefaultCampaignPeriods(t *testing.T) {
	c := DefaultCampaign()
	if got := c.Days(); got != 40 {
		t.Errorf("Days() = %d; want 40", got)
	}
	if got := c.BaselineDays(); got != 92 {
		t.Errorf("BaselineDays() = %d; want 92", got)
	}
	if got := c.StartsAt.Format(time.RFC3339); got != "2025-11-22T00:00:00+08:00" {
		t.Errorf("StartsAt = %s", got)
	}
	if got := c.EndsAt.Format(time.RFC3339); got != "2026-01-01T00:00:00+08:00" {
		t.Errorf("EndsAt = %s", got)
	}
	if c.RateBps != 150 || c.CapPoints != 15_000_000 || c.MinFans != 1000 {
		t.Errorf("settings = rate %d cap %d min fans %d", c.RateBps, c.CapPoints, c.MinFans)
	}
	if errs := c.Validate(); len(errs) != 0 {
		t.Errorf("default campaign invalid: %v", errs)
	}
}

func TestCampaignPhaseAndDaysLeft(t *testing.T) {
	c := DefaultCampaign()
	tests := []struct {
		at       string
		phase    string
		progress bool
		daysLeft int64
	}{
		{"2025-11-01T00:00:00+08:00", "upcoming", false, 40},
		{"2025-11-21T23:59:59+08:00", "upcoming", false, 40},
		{"2025-11-21T16:00:00Z", "running", true, 40},
		{"2025-11-26T10:00:00+08:00", "running", true, 36},
		{"2025-12-31T23:59:59+08:00", "running", true, 1},
		{"2025-12-31T16:00:00Z", "ended", false, 0},
		{"2026-03-01T00:00:00+08:00", "ended", false, 0},
	}
	for _, tt := range tests {
		at := mustTimeRFC3339(t, tt.at)
		if got := c.Phase(at); got != tt.phase {
			t.Errorf("Phase(%s) = %s; want %s", tt.at, got, tt.phase)
		}
		if got := c.InProgress(at); got != tt.progress {
			t.Errorf("InProgress(%s) = %v; want %v", tt.at, got, tt.progress)
		}
		if got := c.DaysLeft(at); got != tt.daysLeft {
			t.Errorf("DaysLeft(%s) = %d; want %d", tt.at, got, tt.daysLeft)
		}
	}
}

func TestTiersLimit(t *testing.T) {
	tiers := DefaultCampaign().Tiers
	tests := []struct {
		fans  int64
		limit int
		index int
	}{
		{0, 1, 0},
		{1, 1, 0},
		{999, 1, 0},
		{1000, 2, 1},
		{1001, 2, 1},
		{9999, 2, 1},
		{10000, 5, 2},
		{99999, 5, 2},
		{100000, 10, 3},
		{100001, 10, 3},
		{1 << 62, 10, 3},
	}
	for _, tt := range tests {
		if got := tiers.Limit(tt.fans); got != tt.limit {
			t.Errorf("Limit(%d) = %d; want %d", tt.fans, got, tt.limit)
		}
		if got := tiers.Index(tt.fans); got != tt.index {
			t.Errorf("Index(%d) = %d; want %d", tt.fans, got, tt.index)
		}
	}
}

func TestParseTiers(t *testing.T) {
	def := DefaultCampaign().Tiers
	if got := def.String(); got != "0:1,1000:2,10000:5,100000:10" {
		t.Errorf("String() = %q", got)
	}
	tests := []struct {
		in   string
		want Tiers
	}{
		{"0:1,1000:2,10000:5,100000:10", def},
		{"0：1，1000：2， 10000:5,\n100000:10", def},
		{"100000:10,0:1,10000:5,1000:2", def}, // sorted
		{"0:1,1000:2,10000:5,100000:10,", def},
		{"0:3", Tiers{{0, 3}}},
	}
	for _, tt := range tests {
		got, err := ParseTiers(tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseTiers(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		back, err := ParseTiers(got.String())
		if err != nil || !reflect.DeepEqual(back, got) {
			t.Errorf("round trip of %q = %v, %v", got.String(), back, err)
		}
	}
	for _, in := range []string{
		"", ",", "abc", "0:1,1000", "0:1,1000:x", "1000:2",
		"0:0", "0:101", "0:1,1000:2,1000:3", "0:-1", "0:1;1000:2",
	} {
		if got, err := ParseTiers(in); err == nil {
			t.Errorf("ParseTiers(%q) = %v; want an error", in, got)
		}
	}
}

func TestTiersScanValue(t *testing.T) {
	def := DefaultCampaign().Tiers
	v, err := def.Value()
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []any{v, []byte(v.(string))} {
		var got Tiers
		if err := got.Scan(src); err != nil || !reflect.DeepEqual(got, def) {
			t.Errorf("Scan(%v) = %v, %v", src, got, err)
		}
	}
	var bad Tiers
	if err := bad.Scan(42); err == nil {
		t.Error("Scan(int) accepted")
	}
}

func TestCampaignValidate(t *testing.T) {
	bad := DefaultCampaign()
	bad.Slug, bad.Name = " ", ""
	bad.EndsAt = bad.StartsAt
	bad.BaselineEnd = bad.StartsAt.Add(time.Hour)
	bad.MinFans = -1
	bad.RateBps = 10001
	bad.CapPoints = -1
	bad.Tiers = nil
	got := map[string]bool{}
	for _, e := range bad.Validate() {
		if e.Message == "" {
			t.Errorf("empty message for %s", e.Field)
		}
		got[e.Field] = true
	}
	for _, f := range []string{"slug", "name", "ends_at", "baseline_end", "min_fans", "rate_bps", "cap_points", "tiers"} {
		if !got[f] {
			t.Errorf("Validate did not report %s", f)
		}
	}
}

// TestTierFieldErrorKeepsArgs: a tier problem reaches the form as its format and
// arguments, and still reads in full as an error.
func TestTierFieldErrorKeepsArgs(t *testing.T) {
	_, err := ParseTiers("0:1,1000:0")
	fe := TierFieldError(err)
	if fe.Field != "tiers" || fe.Message != "第 %d 个档位的每日条数须在 1 到 100 之间" || len(fe.Args) != 1 {
		t.Fatalf("%+v", fe)
	}
	if want := "第 2 个档位的每日条数须在 1 到 100 之间"; err.Error() != want || fe.Text() != want ||
		(FieldErrors{fe}).Error() != "tiers: "+want {
		t.Errorf("%q / %q", err.Error(), fe.Text())
	}
	if fe := TierFieldError(errors.New("other")); fe.Message != "other" || fe.Args != nil {
		t.Errorf("%+v", fe)
	}
}

package models

import (
	"net/url"
	"reflect"
	"testing"
)

func TestParseEnrollmentFilter(t *testing.T) {
	q := url.Values{"status": {"pending"}, "role": {"merchant"}, "newcomer": {"yes"}, "self_operated": {"no"},
		"fans_min": {"1,000"}, "fans_max": {"5000"}, "q": {"  lin  "}, "sort": {"-fans"}, "page": {"3"}}
	f := ParseEnrollmentFilter(q)
	if f.Status != "pending" || f.Role != "merchant" || f.Newcomer != "yes" || f.SelfOperated != "no" ||
		f.FansMin == nil || *f.FansMin != 1000 || f.FansMax == nil || *f.FansMax != 5000 ||
		f.Query != "lin" || f.Sort != SortFansDesc || f.Page != 3 || f.PerPage != QueuePerPage {
		t.Fatalf("parsed %+v", f)
	}
	// Values round-trips the filters (the page is the caller's).
	back := ParseEnrollmentFilter(f.Values())
	back.Page = f.Page
	if !reflect.DeepEqual(back, f) {
		t.Errorf("round trip: %+v != %+v", back, f)
	}
}

func TestParseEnrollmentFilterForgiving(t *testing.T) {
	q := url.Values{"status": {"deleted"}, "role": {"manager"}, "newcomer": {"maybe"}, "fans_min": {"-5"},
		"fans_max": {"lots"}, "sort": {"email; DROP TABLE"}, "page": {"-2"}}
	f := ParseEnrollmentFilter(q)
	if f.Status != "" || f.Role != "" || f.Newcomer != "" || f.FansMin != nil || f.FansMax != nil ||
		f.Sort != SortSubmitted || f.Page != 1 {
		t.Fatalf("bad values kept: %+v", f)
	}
	if f.Narrowed() {
		t.Error("an empty filter is not narrowed")
	}
	if len(f.Values()) != 0 {
		t.Errorf("default filter encodes as %v", f.Values())
	}
}

func TestNearThreshold(t *testing.T) {
	tests := []struct {
		fans, min int64
		want      bool
	}{
		{949, 1000, false}, {950, 1000, true}, {1000, 1000, true}, {1050, 1000, true}, {1051, 1000, false},
		{0, 0, false}, {5, 0, false}, {10400, 10000, true}, {1_000_000_000, 1_000_000_000, true},
	}
	for _, tt := range tests {
		if got := NearThreshold(tt.fans, tt.min); got != tt.want {
			t.Errorf("NearThreshold(%d, %d) = %v; want %v", tt.fans, tt.min, got, tt.want)
		}
	}
}

func TestRiskHints(t *testing.T) {
	got := RiskHints(1020, 1000, true, EnrollHistory{Applications: 3, Withdrawn: 2})
	want := []string{RiskNearThreshold, RiskChannelReused, RiskWithdrawCycles}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("RiskHints = %v; want %v", got, want)
	}
	if got := RiskHints(50000, 1000, false, EnrollHistory{Applications: 2, Withdrawn: 1}); len(got) != 0 {
		t.Errorf("one withdrawal is no cycle: %v", got)
	}
}

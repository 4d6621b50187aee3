package models

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestVideoFormTitle(t *testing.T) {
	tests := []struct {
		title string
		ok    bool
	}{
		{"", false},
		{"   ", false},
		{"\t\n", false},
		{"a", true},
		{"好", true},
		{strings.Repeat("a", 100), true},
		{strings.Repeat("好", 100), true}, // 300 bytes, 100 characters
		{strings.Repeat("a", 99) + "好", true},
		{strings.Repeat("a", 101), false},
		{strings.Repeat("好", 101), false},
		{"  " + strings.Repeat("好", 100) + "  ", true}, // trimmed before counting
	}
	for _, tt := range tests {
		f := VideoForm{Title: tt.title, ProductName: "保温杯"}
		v, errs := f.Validate()
		if tt.ok {
			if len(errs) != 0 {
				t.Errorf("title of %d runes: rejected %v", len([]rune(tt.title)), errs)
			}
			if v.Title != strings.TrimSpace(tt.title) {
				t.Errorf("title not trimmed: %q", v.Title)
			}
			continue
		}
		if len(errs) != 1 || errs[0].Field != "title" || errs[0].Message == "" {
			t.Errorf("title %q (%d runes): errors %v; want one on title", tt.title, len([]rune(tt.title)), errs)
		}
	}
}

func TestVideoFormProduct(t *testing.T) {
	for _, tt := range []struct {
		product string
		ok      bool
	}{
		{"", false}, {" ", false}, {"保温杯", true}, {strings.Repeat("杯", 100), true}, {strings.Repeat("杯", 101), false},
	} {
		_, errs := VideoForm{Title: "开箱", ProductName: tt.product}.Validate()
		if tt.ok != (len(errs) == 0) {
			t.Errorf("product %q: errors %v", tt.product, errs)
		}
		if !tt.ok && errs.For("product_name") == "" {
			t.Errorf("product %q: no product_name error in %v", tt.product, errs)
		}
	}
}

// TestVideoFormURL checks only http(s) links with a host pass: the link is rendered as
// an href, so javascript: and friends must never get through.
func TestVideoFormURL(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"", true},
		{"   ", true},
		{"https://channels.weixin.qq.com/v/abc", true},
		{"http://example.com", true},
		{"HTTPS://EXAMPLE.COM/x", true},
		{" https://example.com/trim ", true},
		{"https://example.com/" + strings.Repeat("a", 480), true},
		{"https://example.com/" + strings.Repeat("a", 481), false}, // 501 bytes
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{" javascript:alert(1)", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"vbscript:msgbox", false},
		{"ftp://example.com/v.mp4", false},
		{"mailto:a@example.com", false},
		{"//example.com/v", false},
		{"example.com/v", false},
		{"https://", false},
		{"https:///path", false},
		{"http://exa mple.com", false},
		{"http://%zz", false},
	}
	for _, tt := range tests {
		v, errs := VideoForm{Title: "开箱", ProductName: "保温杯", VideoURL: tt.url}.Validate()
		if tt.ok {
			if len(errs) != 0 {
				t.Errorf("url %q rejected: %v", tt.url, errs)
			} else if v.VideoURL != strings.TrimSpace(tt.url) {
				t.Errorf("url %q stored as %q", tt.url, v.VideoURL)
			}
			continue
		}
		if len(errs) != 1 || errs[0].Field != "video_url" {
			t.Errorf("url %q: errors %v; want one on video_url", tt.url, errs)
		}
	}
}

func TestVideoFormAllFieldsAtOnce(t *testing.T) {
	_, errs := VideoForm{VideoURL: "javascript:x"}.Validate()
	if errs.For("title") == "" || errs.For("product_name") == "" || errs.For("video_url") == "" || len(errs) != 3 {
		t.Errorf("errors = %v; want title, product_name and video_url", errs)
	}
}

// TestTodayQuotaBeijingDayBoundaries uses instants written in UTC, as a server in UTC
// would see them: 23:59:59 Beijing is 15:59:59Z and still today; 00:00:00 Beijing is
// 16:00:00Z and already tomorrow.
func TestTodayQuotaBeijingDayBoundaries(t *testing.T) {
	if want := os.Getenv("GROWTHCARD_TEST_WANT_TZ_OFFSET"); want != "" {
		// Running as the child of TestTodayQuotaWhateverTheServerZone: make sure the
		// zone really is the one asked for.
		_, off := time.Date(2025, 11, 22, 12, 0, 0, 0, time.Local).Zone()
		if got := (time.Duration(off) * time.Second).String(); got != want {
			t.Fatalf("time.Local offset = %s; want %s (TZ=%s)", got, want, os.Getenv("TZ"))
		}
	}
	c := DefaultCampaign() // 3200 fans → 2 a day
	tests := []struct {
		at       time.Time
		used     int
		day      string
		resets   time.Time
		limit    int
		remain   int
		tierIdx  int
		fans     int64
		describe string
	}{
		{time.Date(2025, 11, 22, 15, 59, 59, 0, time.UTC), 1, "2025-11-22",
			time.Date(2025, 11, 22, 16, 0, 0, 0, time.UTC), 2, 1, 1, 3200, "23:59:59 Beijing"},
		{time.Date(2025, 11, 22, 16, 0, 0, 0, time.UTC), 0, "2025-11-23",
			time.Date(2025, 11, 23, 16, 0, 0, 0, time.UTC), 2, 2, 1, 3200, "00:00:00 Beijing"},
		{time.Date(2025, 11, 22, 15, 59, 59, 999999999, time.UTC), 2, "2025-11-22",
			time.Date(2025, 11, 22, 16, 0, 0, 0, time.UTC), 2, 0, 1, 3200, "last nanosecond"},
		{time.Date(2025, 11, 21, 16, 0, 0, 0, time.UTC), 0, "2025-11-22",
			time.Date(2025, 11, 22, 16, 0, 0, 0, time.UTC), 1, 1, 0, 999, "campaign's first midnight"},
		{time.Date(2025, 12, 31, 15, 59, 59, 0, time.UTC), 10, "2025-12-31",
			time.Date(2025, 12, 31, 16, 0, 0, 0, time.UTC), 10, 0, 3, 100000, "campaign's last second"},
		{time.Date(2025, 12, 31, 16, 0, 0, 0, time.UTC), 0, "2026-01-01",
			time.Date(2026, 1, 1, 16, 0, 0, 0, time.UTC), 5, 5, 2, 10000, "new year in Beijing"},
		{time.Date(2025, 11, 23, 2, 0, 0, 0, time.UTC), 0, "2025-11-23",
			time.Date(2025, 11, 23, 16, 0, 0, 0, time.UTC), 2, 2, 1, 1000, "10:00 Beijing"},
		{time.Date(2025, 11, 22, 23, 59, 59, 0, time.UTC), 0, "2025-11-23",
			time.Date(2025, 11, 23, 16, 0, 0, 0, time.UTC), 2, 2, 1, 1000, "23:59:59 UTC is 07:59:59 Beijing"},
	}
	for _, tt := range tests {
		q := TodayQuota(c, tt.fans, tt.used, tt.at)
		if q.Day != tt.day || !q.ResetsAt.Equal(tt.resets) || q.Limit != tt.limit || q.Used != tt.used ||
			q.Remaining != tt.remain || q.TierIndex != tt.tierIdx {
			t.Errorf("%s (%s): quota = %+v; want day %s resets %s limit %d remaining %d tier %d",
				tt.describe, tt.at.Format(time.RFC3339Nano), q, tt.day, tt.resets.Format(time.RFC3339),
				tt.limit, tt.remain, tt.tierIdx)
		}
		if got := Day(tt.at.In(time.Local)); got != tt.day {
			t.Errorf("%s: Day in the local zone = %s; want %s", tt.describe, got, tt.day)
		}
	}
}

// TestTodayQuotaWhateverTheServerZone runs the boundary table again in child processes
// whose local zone is UTC, UTC−8 and UTC+14, so no rule leans on time.Local. It does not
// touch time.Local in this process.
func TestTodayQuotaWhateverTheServerZone(t *testing.T) {
	if os.Getenv("GROWTHCARD_TEST_WANT_TZ_OFFSET") != "" {
		t.Skip("child process")
	}
	if testing.Short() {
		t.Skip("spawns processes")
	}
	for _, z := range []struct{ tz, offset string }{
		{"UTC", "0s"}, {"America/Los_Angeles", "-8h0m0s"}, {"Pacific/Kiritimati", "14h0m0s"},
	} {
		if _, err := time.LoadLocation(z.tz); err != nil {
			t.Skipf("no tzdata for %s: %v", z.tz, err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestTodayQuotaBeijingDayBoundaries$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "TZ="+z.tz, "GROWTHCARD_TEST_WANT_TZ_OFFSET="+z.offset)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestTodayQuotaBeijingDayBoundaries") {
			t.Errorf("TZ=%s: %v\n%s", z.tz, err, out)
		}
	}
}

func TestTodayQuotaRemainingNeverNegative(t *testing.T) {
	c := DefaultCampaign()
	now := time.Date(2025, 11, 26, 2, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		fans            int64
		used            int
		limit, remain   int
		wantTierIndex   int
		wantDayAndReset bool
	}{
		{0, 0, 1, 1, 0, true},
		{0, 1, 1, 0, 0, true},
		{0, 3, 1, 0, 0, true},     // fans fell after posting: never below 0
		{9999, 7, 2, 0, 1, true},  // more used than the limit
		{99999, 4, 5, 1, 2, true}, // one left
		{100000, 0, 10, 10, 3, true},
	} {
		q := TodayQuota(c, tt.fans, tt.used, now)
		if q.Limit != tt.limit || q.Remaining != tt.remain || q.Used != tt.used || q.TierIndex != tt.wantTierIndex {
			t.Errorf("fans %d used %d: %+v; want limit %d remaining %d tier %d", tt.fans, tt.used, q, tt.limit, tt.remain, tt.wantTierIndex)
		}
	}
}

// TestTodayQuotaFollowsCampaignTiers checks the tiers come from the campaign setting.
func TestTodayQuotaFollowsCampaignTiers(t *testing.T) {
	c := DefaultCampaign()
	c.Tiers = Tiers{{0, 3}, {500, 7}}
	now := time.Date(2025, 11, 26, 2, 0, 0, 0, time.UTC)
	if q := TodayQuota(c, 499, 1, now); q.Limit != 3 || q.Remaining != 2 || q.TierIndex != 0 {
		t.Errorf("499 fans: %+v", q)
	}
	if q := TodayQuota(c, 500, 1, now); q.Limit != 7 || q.Remaining != 6 || q.TierIndex != 1 {
		t.Errorf("500 fans: %+v", q)
	}
}

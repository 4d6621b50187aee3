package models

import (
	"sync"
	"testing"
	"time"
)

func mustTimeRFC3339(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad test time %q: %v", s, err)
	}
	return v
}

func TestDay(t *testing.T) {
	tests := []struct{ at, want string }{
		{"2025-11-22T15:59:59Z", "2025-11-22"},
		{"2025-11-22T16:00:00Z", "2025-11-23"},
		{"2025-11-22T23:59:59+08:00", "2025-11-22"},
		{"2025-11-23T00:00:00+08:00", "2025-11-23"},
		{"2025-11-21T16:00:00Z", "2025-11-22"},
		{"2025-12-31T15:59:59Z", "2025-12-31"},
		{"2025-12-31T16:00:00Z", "2026-01-01"},
		{"2025-11-22T08:00:00-08:00", "2025-11-23"}, // 16:00Z
		{"2025-11-22T07:59:59-08:00", "2025-11-22"},
	}
	for _, tt := range tests {
		if got := Day(mustTimeRFC3339(t, tt.at)); got != tt.want {
			t.Errorf("Day(%s) = %s; want %s", tt.at, got, tt.want)
		}
	}
}

func TestStartOfDayAndNextMidnight(t *testing.T) {
	tests := []struct{ at, start, next string }{
		{"2025-11-22T15:59:59Z", "2025-11-22T00:00:00+08:00", "2025-11-23T00:00:00+08:00"},
		{"2025-11-22T16:00:00Z", "2025-11-23T00:00:00+08:00", "2025-11-24T00:00:00+08:00"},
		{"2025-11-23T00:00:00+08:00", "2025-11-23T00:00:00+08:00", "2025-11-24T00:00:00+08:00"},
		{"2025-12-31T23:59:59+08:00", "2025-12-31T00:00:00+08:00", "2026-01-01T00:00:00+08:00"},
		{"2024-02-28T12:00:00+08:00", "2024-02-28T00:00:00+08:00", "2024-02-29T00:00:00+08:00"},
	}
	for _, tt := range tests {
		at := mustTimeRFC3339(t, tt.at)
		if got, want := StartOfDay(at), mustTimeRFC3339(t, tt.start); !got.Equal(want) {
			t.Errorf("StartOfDay(%s) = %s; want %s", tt.at, got, want)
		}
		if got, want := NextMidnight(at), mustTimeRFC3339(t, tt.next); !got.Equal(want) {
			t.Errorf("NextMidnight(%s) = %s; want %s", tt.at, got, want)
		}
		if got := NextMidnight(at); !got.After(at) || got.Sub(at) > 24*time.Hour {
			t.Errorf("NextMidnight(%s) = %s is not within the next 24h", tt.at, got)
		}
	}
}

func TestDaysBetweenAndParseDay(t *testing.T) {
	a, err := ParseDay("2025-11-22")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Equal(mustTimeRFC3339(t, "2025-11-22T00:00:00+08:00")) {
		t.Errorf("ParseDay = %s", a)
	}
	b, _ := ParseDay("2026-01-01")
	if got := DaysBetween(a, b); got != 40 {
		t.Errorf("DaysBetween = %d; want 40", got)
	}
	if got := DaysBetween(a, a); got != 0 {
		t.Errorf("DaysBetween(a, a) = %d", got)
	}
	if _, err := ParseDay("2025-13-01"); err == nil {
		t.Error("ParseDay accepted month 13")
	}
}

// clockTestWall is a controllable wall clock for Clock.
type clockTestWall struct {
	mu sync.Mutex
	t  time.Time
}

func (w *clockTestWall) now() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.t
}

func (w *clockTestWall) advance(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.t = w.t.Add(d)
}

func TestClockRunsForwardFromStart(t *testing.T) {
	wall := &clockTestWall{t: mustTimeRFC3339(t, "2030-06-01T12:00:00Z")}
	start := mustTimeRFC3339(t, "2025-11-26T10:00:00+08:00")
	c := NewClock(start, wall.now)
	if got := c.Now(); !got.Equal(start) {
		t.Fatalf("Now() = %s; want %s", got, start)
	}
	wall.advance(90 * time.Minute)
	if got, want := c.Now(), start.Add(90*time.Minute); !got.Equal(want) {
		t.Errorf("after 90 minutes Now() = %s; want %s", got, want)
	}
	c.Advance(24 * time.Hour)
	if got, want := c.Now(), start.Add(90*time.Minute+24*time.Hour); !got.Equal(want) {
		t.Errorf("after Advance Now() = %s; want %s", got, want)
	}
	target := mustTimeRFC3339(t, "2025-12-31T23:59:59+08:00")
	c.Set(target)
	if got := c.Now(); !got.Equal(target) {
		t.Errorf("after Set Now() = %s; want %s", got, target)
	}
	wall.advance(time.Second)
	if got := Day(c.Now()); got != "2026-01-01" {
		t.Errorf("one second after Set, Day = %s; want 2026-01-01", got)
	}
}

func TestClockZeroStartIsWallTime(t *testing.T) {
	wall := &clockTestWall{t: mustTimeRFC3339(t, "2025-11-22T00:00:00+08:00")}
	c := NewClock(time.Time{}, wall.now)
	if got := c.Now(); !got.Equal(wall.now()) {
		t.Errorf("Now() = %s; want wall %s", got, wall.now())
	}
	if NewClock(time.Time{}, nil).Now().IsZero() {
		t.Error("NewClock with nil wall does not read the real time")
	}
}

func TestClockConcurrentUse(t *testing.T) {
	wall := &clockTestWall{t: mustTimeRFC3339(t, "2025-11-22T00:00:00+08:00")}
	c := NewClock(wall.now(), wall.now)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(2)
		go func() { defer wg.Done(); c.Advance(time.Second) }()
		go func() { defer wg.Done(); _ = c.Now() }()
	}
	wg.Wait()
	if got, want := c.Now(), wall.now().Add(8*time.Second); !got.Equal(want) {
		t.Errorf("Now() = %s; want %s", got, want)
	}
}

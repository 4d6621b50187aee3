package models

import (
	"sync/atomic"
	"time"
)

// Beijing is Asia/Shanghai, the zone every campaign day is reckoned in. China has had
// no daylight saving since 1991, so a fixed +08:00 zone is exact and needs no tzdata.
var Beijing = time.FixedZone("CST", 8*60*60)

// DayLayout is how a natural day is written and stored.
const DayLayout = "2006-01-02"

// Day returns the Beijing natural day of t as YYYY-MM-DD.
func Day(t time.Time) string { return t.In(Beijing).Format(DayLayout) }

// StartOfDay returns 00:00 Beijing time of the day containing t.
func StartOfDay(t time.Time) time.Time {
	y, m, d := t.In(Beijing).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Beijing)
}

// NextMidnight returns the next 00:00 Beijing time after t: when today's quota resets.
func NextMidnight(t time.Time) time.Time { return StartOfDay(t).AddDate(0, 0, 1) }

// DaysBetween counts natural Beijing days from a to b (b exclusive), assuming both are
// midnights or that partial days round down.
func DaysBetween(a, b time.Time) int64 {
	return int64(b.Sub(a) / (24 * time.Hour))
}

// ParseDay reads a YYYY-MM-DD day as Beijing midnight.
func ParseDay(s string) (time.Time, error) { return time.ParseInLocation(DayLayout, s, Beijing) }

// Clock is the program's one source of now. It starts at a chosen instant (or the real
// time) and runs forward with the wall clock; tests may move it.
type Clock struct {
	wall   func() time.Time
	offset atomic.Int64
}

// NewClock returns a clock that reads start now and runs forward from there; a zero
// start means the real time.
func NewClock(start time.Time, wall func() time.Time) *Clock {
	if wall == nil {
		wall = time.Now
	}
	c := &Clock{wall: wall}
	if !start.IsZero() {
		c.offset.Store(int64(start.Sub(wall())))
	}
	return c
}

// Now returns the clock's current instant.
func (c *Clock) Now() time.Time {
	return c.wall().Add(time.Duration(c.offset.Load()))
}

// Set moves the clock so that it reads t now (tests and demos).
func (c *Clock) Set(t time.Time) { c.offset.Store(int64(t.Sub(c.wall()))) }

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) { c.offset.Add(int64(d)) }

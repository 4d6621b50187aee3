package models

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Ledger entry kinds: points earned from settled orders, points spent on heating.
const (
	LedgerEarn = "earn"
	LedgerHeat = "heat"
)

// MaxHeatPoints bounds one heat order, in whole points, far above any cap.
const MaxHeatPoints = 1_000_000_000

// LedgerEntry is one append-only change to an account's points in a campaign, with
// the cause that made it. CauseKey is unique, so the same cause never writes twice.
type LedgerEntry struct {
	ID           int64
	AccountID    int64
	CampaignID   int64
	Kind         string // LedgerEarn or LedgerHeat
	Delta        Points
	CauseKey     string
	Cause        string    // a Chinese message (a format when CauseArgs is not empty), translated on pages
	CauseArgs    CauseArgs // the values the format is filled with, so each language fills its own
	OrderID      string
	VideoID      *int64
	BalanceAfter Points
	CreatedAt    time.Time
}

// ParseHeatPoints reads a heat order: a whole number of points, at least 1. It
// returns the amount in hundredths, or a Chinese reason.
func ParseHeatPoints(s string) (Points, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, "请填写要用于加热的点数"
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, "加热点数须为不小于 1 的整数,如 50"
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err != nil || n > MaxHeatPoints:
		return 0, "加热点数太大了"
	case n < 1:
		return 0, "加热点数至少为 1"
	}
	return Points(n * 100), ""
}

// Import job states.
const (
	ImportInvalid = "invalid" // the file had bad rows; nothing was applied
	ImportRunning = "running" // rows are being applied
	ImportDone    = "done"    // every row is applied
	ImportFailed  = "failed"  // applying stopped on an error; re-importing is safe
)

// ImportJob is one orders CSV import and its progress.
type ImportJob struct {
	ID         int64
	Filename   string
	Status     string
	TotalRows  int64
	DoneRows   int64
	Applied    int64
	Duplicates int64
	Errors     string // the failure, or for an invalid file every bad row as CSV
	CreatedBy  *int64
	CreatedAt  time.Time
	FinishedAt *time.Time
}

// Percent is how far the job has come, 0 to 100, rounded down.
func (j ImportJob) Percent() int {
	if j.TotalRows <= 0 {
		if j.Status == ImportDone {
			return 100
		}
		return 0
	}
	return int(j.DoneRows * 100 / j.TotalRows)
}

// Finished reports whether the job will change no more.
func (j ImportJob) Finished() bool { return j.Status != ImportRunning }

// CauseArgs are the values a ledger cause's format is filled with; stored as JSON.
type CauseArgs []string

// Value stores the arguments as a JSON array ("" when there are none).
func (a CauseArgs) Value() (driver.Value, error) {
	if len(a) == 0 {
		return "", nil
	}
	b, err := json.Marshal([]string(a))
	return string(b), err
}

// Scan reads the arguments stored by Value.
func (a *CauseArgs) Scan(src any) error {
	var raw []byte
	switch v := src.(type) {
	case nil:
	case string:
		raw = []byte(v)
	case []byte:
		raw = v
	default:
		return fmt.Errorf("cause args: cannot scan %T", src)
	}
	*a = nil
	if len(raw) == 0 {
		return nil
	}
	return json.Unmarshal(raw, (*[]string)(a))
}

// Any returns the arguments for a fmt-style fill.
func (a CauseArgs) Any() []any {
	out := make([]any, len(a))
	for i, v := range a {
		out[i] = v
	}
	return out
}

// CauseText fills a cause's format with its arguments (the Chinese text).
func CauseText(cause string, args CauseArgs) string {
	if len(args) == 0 {
		return cause
	}
	return fmt.Sprintf(cause, args.Any()...)
}

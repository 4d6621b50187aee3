package models

import (
	"errors"
	"strconv"
	"strings"
)

// Fen is an amount of money in fen (¥0.01). Money is never a float.
type Fen int64

// Points is an amount of growth-card points in hundredths of a point.
type Points int64

// MaxYuan bounds parsed amounts (¥10^12) so that sums cannot overflow int64.
const MaxYuan = 1_000_000_000_000

// ErrAmount is returned for an amount that is not a decimal with at most two places.
var ErrAmount = errors.New("amount must be a decimal number with at most two places")

// ParseYuan reads a yuan amount such as "199", "199.5" or "1,234.56" into fen.
// A leading "¥" and thousands separators are allowed; negatives are not.
func ParseYuan(s string) (Fen, error) {
	v, err := parseHundredths(s, "¥")
	return Fen(v), err
}

// ParsePoints reads a points amount such as "3000" or "3000.25" into hundredths.
func ParsePoints(s string) (Points, error) {
	v, err := parseHundredths(s, "")
	return Points(v), err
}

func parseHundredths(s, prefix string) (int64, error) {
	s = strings.TrimSpace(s)
	if prefix != "" {
		s = strings.TrimPrefix(s, prefix)
	}
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return 0, ErrAmount
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || (hasDot && (frac == "" || len(frac) > 2)) {
		return 0, ErrAmount
	}
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return 0, ErrAmount
		}
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > MaxYuan {
		return 0, ErrAmount
	}
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	return w*100 + f, nil
}

// formatHundredths writes v/100 with two places, optionally grouping thousands.
func formatHundredths(v int64, group bool) string {
	neg := v < 0
	if neg {
		v = -v
	}
	whole := strconv.FormatInt(v/100, 10)
	if group && len(whole) > 3 {
		var b strings.Builder
		pre := len(whole) % 3
		if pre > 0 {
			b.WriteString(whole[:pre])
		}
		for i := pre; i < len(whole); i += 3 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(whole[i : i+3])
		}
		whole = b.String()
	}
	frac := v % 100
	out := whole + "." + string(rune('0'+frac/10)) + string(rune('0'+frac%10))
	if neg {
		out = "-" + out
	}
	return out
}

// String formats fen as a plain yuan decimal, "1234.56", as used in the API and CSV.
func (f Fen) String() string { return formatHundredths(int64(f), false) }

// Display formats fen for pages, "¥1,234.56".
func (f Fen) Display() string {
	if f < 0 {
		return "-¥" + formatHundredths(-int64(f), true)
	}
	return "¥" + formatHundredths(int64(f), true)
}

// String formats points as a plain decimal, "3000.00", as used in the API and CSV.
func (p Points) String() string { return formatHundredths(int64(p), false) }

// Display formats points for pages with thousands separators, "3,000.00".
func (p Points) Display() string { return formatHundredths(int64(p), true) }

// Whole returns the whole points contained in p, rounded down (never below 0).
func (p Points) Whole() int64 {
	if p < 0 {
		return 0
	}
	return int64(p) / 100
}

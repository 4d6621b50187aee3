// Package pages holds one templ file per screen and its view model.
package pages

import (
	"strconv"

	"growthcard/models"
)

// HomeData is the landing page's view model.
type HomeData struct {
	Campaign models.Campaign
	Phase    string
	DaysLeft int64
}

// TierRange describes a tier's fan range, such as "1,000 – 9,999".
func TierRange(t models.Tiers, i int) string {
	from := groupInt(t[i].MinFans)
	if i == len(t)-1 {
		return from + "+"
	}
	return from + " – " + groupInt(t[i+1].MinFans-1)
}

// groupInt formats an integer with thousands separators.
func groupInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + groupInt(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Group formats an integer with thousands separators for templates.
func Group(n int64) string { return groupInt(n) }

// RatePercent formats basis points as a percentage, "1.5%".
func RatePercent(bps int64) string {
	whole := bps / 100
	frac := bps % 100
	s := strconv.FormatInt(whole, 10)
	if frac != 0 {
		f := strconv.FormatInt(frac+100, 10)[1:]
		if f[1] == '0' {
			f = f[:1]
		}
		s += "." + f
	}
	return s + "%"
}

package pages

import (
	"time"

	"growthcard/models"
	"growthcard/views/layout"
)

// ShortTime formats an instant for dense tables, "12月8日 09:03" (Beijing time);
// the year shows only when it is not the page's current year.
func ShortTime(p layout.Page, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	bj := t.In(models.Beijing)
	sameYear := bj.Year() == p.Now.In(models.Beijing).Year()
	switch {
	case p.English() && sameYear:
		return bj.Format("Jan 2 15:04")
	case p.English():
		return bj.Format("Jan 2, 2006 15:04")
	case sameYear:
		return bj.Format("1月2日 15:04") // i18n:ignore (date layout)
	}
	return bj.Format("2006年1月2日 15:04") // i18n:ignore (date layout)
}

// PeriodText writes a half-open period [from, to): as the first and last day when
// both ends are Beijing midnights ("2025年11月22日 – 2025年12月31日"), with times otherwise.
func PeriodText(p layout.Page, from, to time.Time) string {
	if models.StartOfDay(from).Equal(from) && models.StartOfDay(to).Equal(to) {
		return p.Date(from) + " – " + p.Date(to.Add(-time.Nanosecond))
	}
	return ShortTime(p, from) + " – " + ShortTime(p, to)
}

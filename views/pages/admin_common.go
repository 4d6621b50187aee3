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
		return bj.Format("1月2日 15:04")
	}
	return bj.Format("2006年1月2日 15:04")
}

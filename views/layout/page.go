// Package layout holds the page frame and the per-request Page data every screen gets.
package layout

import (
	"time"

	"github.com/a-h/templ"

	"growthcard/models"
	"growthcard/views/i18n"
)

// Page is everything the frame needs, built once per request by the handlers.
type Page struct {
	Title    string
	Path     string
	CSRF     string
	User     *User
	Flash    Flash
	Now      time.Time
	Loc      *i18n.Localizer
	Asset    func(name string) string
	Campaign *models.Campaign
}

// User is the signed-in account as the frame shows it.
type User struct {
	ID      int64
	Name    string
	Role    string
	Manager bool
}

// Flash is a one-time message carried across a redirect.
type Flash struct {
	Kind    string // success, error, info, warning
	Message string
}

// T translates a Chinese source string into the page's language.
func (p Page) T(s string) string { return p.Loc.T(s) }

// Tf translates a format string and fills it.
func (p Page) Tf(s string, args ...any) string { return p.Loc.Tf(s, args...) }

// Lang is the page's language tag for the html lang attribute.
func (p Page) Lang() string { return p.Loc.Lang() }

// English reports whether the page is in English.
func (p Page) English() bool { return p.Loc.Lang() == "en" }

// AssetURL returns the cache-busted URL of a static file.
func (p Page) AssetURL(name string) string {
	if p.Asset == nil {
		return "/static/" + name
	}
	return p.Asset(name)
}

// Time formats an instant in Beijing time for the page's language.
func (p Page) Time(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	if p.English() {
		return t.In(models.Beijing).Format("Jan 2, 2006 15:04")
	}
	return t.In(models.Beijing).Format("2006年1月2日 15:04") // i18n:ignore (date layout)
}

// Date formats the Beijing date of an instant for the page's language.
func (p Page) Date(t time.Time) string {
	if p.English() {
		return t.In(models.Beijing).Format("Jan 2, 2006")
	}
	return t.In(models.Beijing).Format("2006年1月2日") // i18n:ignore (date layout)
}

// DayLabel formats a stored YYYY-MM-DD day for the page's language.
func (p Page) DayLabel(day string) string {
	t, err := models.ParseDay(day)
	if err != nil {
		return day
	}
	if p.English() {
		return t.Format("Jan 2")
	}
	return t.Format("1月2日") // i18n:ignore (date layout)
}

// Duration formats a wait such as "5 小时 12 分".
func (p Page) Duration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	h := int(d.Hours())
	m := int(d.Minutes()) % 60
	return p.Tf("%d 小时 %d 分", h, m)
}

// IsActive reports whether the nav link for prefix is the current page.
func (p Page) IsActive(prefix string) bool {
	if prefix == "/" {
		return p.Path == "/"
	}
	return len(p.Path) >= len(prefix) && p.Path[:len(prefix)] == prefix
}

// Current marks the link to the page being shown: aria-current="page" when on,
// nothing otherwise. (A bare aria-current attribute means "false" to assistive
// technology and matches no [aria-current="page"] style.)
func Current(on bool) templ.Attributes {
	if !on {
		return nil
	}
	return templ.Attributes{"aria-current": "page"}
}

// CurrentItem marks the current item of a set that is not navigation (the
// account's own posting tier): aria-current="true" when on, nothing otherwise.
func CurrentItem(on bool) templ.Attributes {
	if !on {
		return nil
	}
	return templ.Attributes{"aria-current": "true"}
}

// Cause translates a ledger cause: a whole message, or a format filled with its
// values in the page's language.
func (p Page) Cause(format string, args models.CauseArgs) string {
	if len(args) == 0 {
		return p.T(format)
	}
	return p.Tf(format, args.Any()...)
}

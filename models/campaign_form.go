package models

import (
	"strconv"
	"strings"
	"time"
)

// DateTimeLayout is how campaign instants are written in forms (HTML datetime-local),
// always read as Beijing time.
const DateTimeLayout = "2006-01-02T15:04"

// dateTimeLayouts are the accepted forms of a campaign instant, Beijing time.
var dateTimeLayouts = []string{DateTimeLayout, "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05", DayLayout}

// CampaignForm is what a manager submits to create or edit a campaign; every field is
// the raw text of its input.
type CampaignForm struct {
	Slug          string
	Name          string
	StartsAt      string
	EndsAt        string
	BaselineStart string
	BaselineEnd   string
	MinFans       string
	RateBps       string
	CapPoints     string
	Tiers         string
	Running       bool
}

// FormatDateTime writes an instant for a datetime-local input, in Beijing time.
func FormatDateTime(t time.Time) string { return t.In(Beijing).Format(DateTimeLayout) }

// CampaignFormOf fills the form with a campaign's settings.
func CampaignFormOf(c Campaign) CampaignForm {
	return CampaignForm{Slug: c.Slug, Name: c.Name, StartsAt: FormatDateTime(c.StartsAt), EndsAt: FormatDateTime(c.EndsAt),
		BaselineStart: FormatDateTime(c.BaselineStart), BaselineEnd: FormatDateTime(c.BaselineEnd),
		MinFans: strconv.FormatInt(c.MinFans, 10), RateBps: strconv.FormatInt(c.RateBps, 10),
		CapPoints: c.CapPoints.String(), Tiers: c.Tiers.String(), Running: c.Running}
}

// NextEdition proposes the settings of the campaign a year after c: same rules, the
// periods moved by a year, not running until the manager says so.
func NextEdition(c Campaign) Campaign {
	n := c
	n.ID, n.Running = 0, false
	n.StartsAt, n.EndsAt = c.StartsAt.AddDate(1, 0, 0), c.EndsAt.AddDate(1, 0, 0)
	n.BaselineStart, n.BaselineEnd = c.BaselineStart.AddDate(1, 0, 0), c.BaselineEnd.AddDate(1, 0, 0)
	n.Slug = strconv.Itoa(n.StartsAt.In(Beijing).Year()) + "-short-video"
	n.Name = c.Name + "(" + strconv.Itoa(n.StartsAt.In(Beijing).Year()) + ")"
	n.CreatedAt, n.UpdatedAt = time.Time{}, time.Time{}
	return n
}

// Parse reads the form onto base (which keeps its id and bookkeeping) and validates
// the result with Campaign.Validate. It returns one Chinese message per bad field.
func (f CampaignForm) Parse(base Campaign) (Campaign, FieldErrors) {
	c := base
	var errs FieldErrors
	fail := func(field, msg string) { errs = append(errs, FieldError{Field: field, Message: msg}) }
	c.Slug = strings.TrimSpace(f.Slug)
	if c.Slug != "" && !validSlug(c.Slug) {
		fail("slug", "活动标识只能包含小写字母、数字和 -,长度 3–64")
	}
	c.Name = strings.TrimSpace(f.Name)
	if len([]rune(c.Name)) > 80 {
		fail("name", "活动名称不能超过 80 个字")
	}
	instants := []struct {
		field, raw string
		dst        *time.Time
	}{
		{"starts_at", f.StartsAt, &c.StartsAt}, {"ends_at", f.EndsAt, &c.EndsAt},
		{"baseline_start", f.BaselineStart, &c.BaselineStart}, {"baseline_end", f.BaselineEnd, &c.BaselineEnd},
	}
	bad := map[string]bool{}
	for _, in := range instants {
		t, ok := ParseDateTime(in.raw)
		if !ok {
			fail(in.field, "请填写日期和时间(北京时间),例如 2025-11-22 00:00")
			bad[in.field] = true
			continue
		}
		*in.dst = t
	}
	var err error
	if c.MinFans, err = strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(f.MinFans), ",", ""), 10, 64); err != nil {
		fail("min_fans", "最低粉丝数须为整数")
		bad["min_fans"] = true
	}
	if c.RateBps, err = strconv.ParseInt(strings.TrimSpace(f.RateBps), 10, 64); err != nil {
		fail("rate_bps", "奖励比例须为整数个基点(150 即 1.5%)")
		bad["rate_bps"] = true
	}
	if c.CapPoints, err = ParsePoints(f.CapPoints); err != nil {
		fail("cap_points", "封顶点数须为最多两位小数的数字,例如 150000")
		bad["cap_points"] = true
	}
	if c.Tiers, err = ParseTiers(f.Tiers); err != nil {
		errs = append(errs, TierFieldError(err))
		bad["tiers"] = true
	}
	c.Running = f.Running
	for _, e := range c.Validate() {
		if !bad[e.Field] && (e.Field != "ends_at" || !bad["starts_at"]) &&
			(e.Field != "baseline_end" || (!bad["baseline_start"] && !bad["starts_at"])) {
			errs = append(errs, e)
		}
	}
	return c, errs
}

// ParseDateTime reads a campaign instant in one of the accepted layouts as Beijing time.
func ParseDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range dateTimeLayouts {
		if t, err := time.ParseInLocation(layout, s, Beijing); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// validSlug reports whether s is 3–64 lower-case letters, digits and hyphens.
func validSlug(s string) bool {
	if len(s) < 3 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r == '-' || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')) {
			return false
		}
	}
	return true
}

// RewardChanged reports whether b differs from a in a setting that changes points:
// the incentive or baseline period, the rate or the cap.
func RewardChanged(a, b Campaign) bool {
	return !a.StartsAt.Equal(b.StartsAt) || !a.EndsAt.Equal(b.EndsAt) ||
		!a.BaselineStart.Equal(b.BaselineStart) || !a.BaselineEnd.Equal(b.BaselineEnd) ||
		a.RateBps != b.RateBps || a.CapPoints != b.CapPoints
}

// CampaignSettings is the audit view of a campaign's settings (before/after).
func CampaignSettings(c Campaign) map[string]any {
	return map[string]any{
		"slug": c.Slug, "name": c.Name,
		"starts_at": FormatDateTime(c.StartsAt), "ends_at": FormatDateTime(c.EndsAt),
		"baseline_start": FormatDateTime(c.BaselineStart), "baseline_end": FormatDateTime(c.BaselineEnd),
		"min_fans": c.MinFans, "rate_bps": c.RateBps, "cap_points": c.CapPoints.String(),
		"tiers": c.Tiers.String(), "running": c.Running,
	}
}

package models

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// DefaultCampaignSlug is the slug of the first campaign, seeded on a fresh database.
const DefaultCampaignSlug = "2025-short-video"

// Tier is one posting tier: accounts with at least MinFans fans may register PerDay
// product videos per natural day, until the next tier starts.
type Tier struct {
	MinFans int64
	PerDay  int
}

// Tiers is an ordered list of posting tiers; it is stored as text ("0:1,1000:2,…").
type Tiers []Tier

// Campaign holds every setting of one incentive campaign. Times are instants; days are
// reasoned about in Asia/Shanghai. Points are in hundredths of a point.
type Campaign struct {
	ID            int64
	Slug          string
	Name          string
	StartsAt      time.Time // incentive period start (inclusive)
	EndsAt        time.Time // incentive period end (exclusive)
	BaselineStart time.Time // baseline period start (inclusive)
	BaselineEnd   time.Time // baseline period end (exclusive)
	MinFans       int64
	RateBps       int64
	CapPoints     Points
	Tiers         Tiers
	Running       bool
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// DefaultCampaign returns the first campaign with SPEC's settings.
func DefaultCampaign() Campaign {
	return Campaign{
		Slug:          DefaultCampaignSlug,
		Name:          "微信小店带货短视频激励计划(首期)",
		StartsAt:      time.Date(2025, 11, 22, 0, 0, 0, 0, Beijing),
		EndsAt:        time.Date(2026, 1, 1, 0, 0, 0, 0, Beijing),
		BaselineStart: time.Date(2025, 8, 1, 0, 0, 0, 0, Beijing),
		BaselineEnd:   time.Date(2025, 11, 1, 0, 0, 0, 0, Beijing),
		MinFans:       1000,
		RateBps:       150,
		CapPoints:     150000 * 100,
		Tiers:         Tiers{{0, 1}, {1000, 2}, {10000, 5}, {100000, 10}},
		Running:       true,
	}
}

// Days is the length of the incentive period in natural days.
func (c Campaign) Days() int64 { return DaysBetween(c.StartsAt, c.EndsAt) }

// BaselineDays is the length of the baseline period in natural days.
func (c Campaign) BaselineDays() int64 { return DaysBetween(c.BaselineStart, c.BaselineEnd) }

// InProgress reports whether now lies within the incentive period.
func (c Campaign) InProgress(now time.Time) bool {
	return !now.Before(c.StartsAt) && now.Before(c.EndsAt)
}

// Phase names where now stands relative to the incentive period: upcoming, running or ended.
func (c Campaign) Phase(now time.Time) string {
	switch {
	case now.Before(c.StartsAt):
		return "upcoming"
	case now.Before(c.EndsAt):
		return "running"
	default:
		return "ended"
	}
}

// DaysLeft counts the natural days from today (inclusive) to the end of the period.
func (c Campaign) DaysLeft(now time.Time) int64 {
	if !now.Before(c.EndsAt) {
		return 0
	}
	from := now
	if from.Before(c.StartsAt) {
		from = c.StartsAt
	}
	return DaysBetween(StartOfDay(from), c.EndsAt)
}

// Validate checks the settings and returns one message per problem, in Chinese.
func (c Campaign) Validate() []FieldError {
	var errs []FieldError
	if strings.TrimSpace(c.Slug) == "" {
		errs = append(errs, FieldError{Field: "slug", Message: "请填写活动标识"})
	}
	if strings.TrimSpace(c.Name) == "" {
		errs = append(errs, FieldError{Field: "name", Message: "请填写活动名称"})
	}
	if !c.EndsAt.After(c.StartsAt) {
		errs = append(errs, FieldError{Field: "ends_at", Message: "激励期结束时间必须晚于开始时间"})
	}
	if !c.BaselineEnd.After(c.BaselineStart) {
		errs = append(errs, FieldError{Field: "baseline_end", Message: "基准期结束时间必须晚于开始时间"})
	} else if c.BaselineEnd.After(c.StartsAt) {
		errs = append(errs, FieldError{Field: "baseline_end", Message: "基准期必须在激励期开始之前结束"})
	}
	if c.MinFans < 0 || c.MinFans > 1_000_000_000 {
		errs = append(errs, FieldError{Field: "min_fans", Message: "最低粉丝数须在 0 到 10 亿之间"})
	}
	if c.RateBps < 0 || c.RateBps > 10000 {
		errs = append(errs, FieldError{Field: "rate_bps", Message: "奖励比例须在 0 到 10000 个基点之间"})
	}
	if c.CapPoints < 0 {
		errs = append(errs, FieldError{Field: "cap_points", Message: "封顶点数不能为负"})
	}
	if err := c.Tiers.Check(); err != nil {
		errs = append(errs, TierFieldError(err))
	}
	return errs
}

// Limit returns the number of product videos an account with fans may post per day.
func (t Tiers) Limit(fans int64) int {
	limit := 0
	for _, tier := range t {
		if fans >= tier.MinFans {
			limit = tier.PerDay
		}
	}
	return limit
}

// Index returns the position of the tier that applies to fans, or -1.
func (t Tiers) Index(fans int64) int {
	idx := -1
	for i, tier := range t {
		if fans >= tier.MinFans {
			idx = i
		}
	}
	return idx
}

// TierError is a problem with a tier list: a whole Chinese message, a format string
// when Args fill it.
type TierError struct {
	Format string
	Args   []any
}

func (e TierError) Error() string { return FieldError{Message: e.Format, Args: e.Args}.Text() }

// TierFieldError is err (from ParseTiers or Check) as the "tiers" field's error,
// keeping a TierError's format and arguments apart for translation.
func TierFieldError(err error) FieldError {
	if te := (TierError{}); errors.As(err, &te) {
		return FieldError{Field: "tiers", Message: te.Format, Args: te.Args}
	}
	return FieldError{Field: "tiers", Message: err.Error()}
}

// Check verifies tiers start at 0 fans, rise strictly and allow 1 to 100 videos a day.
func (t Tiers) Check() error {
	if len(t) == 0 {
		return TierError{Format: "至少需要一个发布档位"}
	}
	if t[0].MinFans != 0 {
		return TierError{Format: "第一个档位必须从 0 粉丝开始"}
	}
	for i, tier := range t {
		if tier.PerDay < 1 || tier.PerDay > 100 {
			return TierError{Format: "第 %d 个档位的每日条数须在 1 到 100 之间", Args: []any{i + 1}}
		}
		if i > 0 && tier.MinFans <= t[i-1].MinFans {
			return TierError{Format: "第 %d 个档位的粉丝下限必须大于上一档", Args: []any{i + 1}}
		}
	}
	return nil
}

// String formats tiers as "0:1,1000:2,…".
func (t Tiers) String() string {
	parts := make([]string, len(t))
	for i, tier := range t {
		parts[i] = strconv.FormatInt(tier.MinFans, 10) + ":" + strconv.Itoa(tier.PerDay)
	}
	return strings.Join(parts, ",")
}

// ParseTiers reads the "0:1,1000:2,…" form (spaces and Chinese commas allowed), sorted.
func ParseTiers(s string) (Tiers, error) {
	s = strings.NewReplacer("，", ",", "：", ":", " ", "", "\n", ",", "\r", "").Replace(s)
	var t Tiers
	for _, part := range strings.Split(s, ",") {
		if part == "" {
			continue
		}
		a, b, ok := strings.Cut(part, ":")
		min, err1 := strconv.ParseInt(a, 10, 64)
		per, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil {
			return nil, TierError{Format: "无法识别档位“%s”,格式应为 粉丝下限:每日条数", Args: []any{part}}
		}
		t = append(t, Tier{min, per})
	}
	sort.SliceStable(t, func(i, j int) bool { return t[i].MinFans < t[j].MinFans })
	return t, t.Check()
}

// Value stores tiers as text.
func (t Tiers) Value() (driver.Value, error) { return t.String(), nil }

// Scan reads tiers stored as text.
func (t *Tiers) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("tiers: cannot scan %T", src)
	}
	parsed, err := ParseTiers(s)
	if err != nil {
		return err
	}
	*t = parsed
	return nil
}

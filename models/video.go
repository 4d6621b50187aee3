package models

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Video is a product short video registered by an account; it counts for its day.
type Video struct {
	ID           int64
	AccountID    int64
	CampaignID   int64
	Title        string
	ProductName  string
	VideoURL     string
	Day          string // Beijing natural day, YYYY-MM-DD
	Seq          int    // 1..limit within the day
	HeatedPoints Points
	CreatedAt    time.Time
	DeletedAt    *time.Time
}

// VideoForm is what a creator submits to register a product video.
type VideoForm struct {
	Title       string
	ProductName string
	VideoURL    string
}

// Validate checks the form and returns the cleaned video fields.
func (f VideoForm) Validate() (Video, FieldErrors) {
	var errs FieldErrors
	title := strings.TrimSpace(f.Title)
	if n := utf8.RuneCountInString(title); n == 0 {
		errs = append(errs, FieldError{Field: "title", Message: "请填写视频标题"})
	} else if n > 100 {
		errs = append(errs, FieldError{Field: "title", Message: "视频标题须为 1–100 个字"})
	}
	product := strings.TrimSpace(f.ProductName)
	if n := utf8.RuneCountInString(product); n == 0 {
		errs = append(errs, FieldError{Field: "product_name", Message: "请填写带货商品名称"})
	} else if n > 100 {
		errs = append(errs, FieldError{Field: "product_name", Message: "商品名称不能超过 100 个字"})
	}
	link := strings.TrimSpace(f.VideoURL)
	if link != "" {
		u, err := url.Parse(link)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(link) > 500 {
			errs = append(errs, FieldError{Field: "video_url", Message: "视频链接须为 http:// 或 https:// 开头的网址"})
		}
	}
	return Video{Title: title, ProductName: product, VideoURL: link}, errs
}

// Quota is today's posting allowance of one account.
type Quota struct {
	Day       string
	Limit     int
	Used      int
	Remaining int
	ResetsAt  time.Time
	TierIndex int
}

// TodayQuota computes the quota for an account with fans that has used videos today.
func TodayQuota(c Campaign, fans int64, used int, now time.Time) Quota {
	limit := c.Tiers.Limit(fans)
	remaining := limit - used
	if remaining < 0 {
		remaining = 0
	}
	return Quota{Day: Day(now), Limit: limit, Used: used, Remaining: remaining,
		ResetsAt: NextMidnight(now), TierIndex: c.Tiers.Index(fans)}
}

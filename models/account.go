package models

import (
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Roles an account may have. Managers are never created by public sign-up.
const (
	RoleCreator  = "creator"
	RoleMerchant = "merchant"
	RoleManager  = "manager"
)

// MaxFans bounds the declared follower count.
const MaxFans = 1_000_000_000

// Account is a person who signs in: a creator or merchant with one channel, or a manager.
type Account struct {
	ID                int64
	Email             string
	PasswordHash      string
	DisplayName       string
	Role              string
	ChannelID         *string // nil for managers; unique otherwise
	ChannelName       string
	Fans              int64
	SelfOperated      bool
	ShortVideoEnabled bool
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// IsManager reports whether the account is campaign staff.
func (a Account) IsManager() bool { return a.Role == RoleManager }

// Channel returns the channel id, or "" for accounts without one.
func (a Account) Channel() string {
	if a.ChannelID == nil {
		return ""
	}
	return *a.ChannelID
}

// SignupForm is what a visitor submits to create a creator or merchant account.
type SignupForm struct {
	Email             string
	Password          string
	DisplayName       string
	Role              string
	ChannelID         string
	ChannelName       string
	Fans              string
	SelfOperated      bool
	ShortVideoEnabled bool
}

// commonPasswords holds the most common passwords that are 8 characters or longer.
var commonPasswords = map[string]bool{
	"12345678": true, "123456789": true, "1234567890": true, "password": true, "password1": true,
	"11111111": true, "00000000": true, "88888888": true, "66666666": true, "87654321": true,
	"qwertyui": true, "qwerty123": true, "qwertyuiop": true, "1q2w3e4r": true, "1qaz2wsx": true,
	"iloveyou": true, "abc12345": true, "abcd1234": true, "a1234567": true, "aa123456": true,
	"12341234": true, "11223344": true, "asdfghjk": true, "zxcvbnm1": true, "123123123": true,
	"woaini1314": true, "5201314520": true, "password123": true, "passw0rd": true, "admin123": true,
	"1234qwer": true, "qwer1234": true, "123qweasd": true, "sunshine": true, "princess": true,
	"football": true, "baseball": true, "welcome1": true, "trustno1": true, "superman": true,
	"12121212": true, "147258369": true, "987654321": true, "123456789a": true, "a123456789": true,
	"wechat123": true, "weixin123": true, "q1w2e3r4": true, "11112222": true, "qazwsxedc": true,
}

// IsCommonPassword reports whether p is among the most common passwords.
func IsCommonPassword(p string) bool { return commonPasswords[strings.ToLower(p)] }

// NormalizeEmail trims and lower-cases an e-mail address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidateEmail checks the shape of an e-mail address.
func ValidateEmail(s string) string {
	if s == "" {
		return "请填写邮箱"
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || !strings.Contains(s[strings.LastIndex(s, "@"):], ".") || len(s) > 254 {
		return "邮箱格式不正确,例如 name@example.com"
	}
	return ""
}

// ValidatePassword checks length and commonness.
func ValidatePassword(p string) string {
	switch {
	case utf8.RuneCountInString(p) < 8:
		return "密码至少 8 个字符"
	case utf8.RuneCountInString(p) > 128:
		return "密码不能超过 128 个字符"
	case IsCommonPassword(p):
		return "这个密码太常见,容易被猜到,请换一个"
	}
	return ""
}

// ParseFans reads a follower count between 0 and 10^9.
func ParseFans(s string) (int64, string) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" {
		return 0, "请填写有效粉丝数"
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > MaxFans {
		return 0, "有效粉丝数须为 0 到 1000000000 之间的整数"
	}
	return n, ""
}

// ValidChannelID reports whether s looks like a channel id: 3–64 letters, digits, _ - . @.
func ValidChannelID(s string) bool {
	if len(s) < 3 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		ok := r == '_' || r == '-' || r == '.' || r == '@' ||
			(r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}

// Validate checks every field of the sign-up form and builds the account (without the
// password hash). It returns one Chinese message per failing field.
func (f SignupForm) Validate() (Account, FieldErrors) {
	var errs FieldErrors
	add := func(field, msg string) {
		if msg != "" {
			errs = append(errs, FieldError{Field: field, Message: msg})
		}
	}
	email := NormalizeEmail(f.Email)
	add("email", ValidateEmail(email))
	add("password", ValidatePassword(f.Password))
	name := strings.TrimSpace(f.DisplayName)
	if n := utf8.RuneCountInString(name); n == 0 {
		add("display_name", "请填写昵称")
	} else if n > 40 {
		add("display_name", "昵称不能超过 40 个字")
	}
	if f.Role != RoleCreator && f.Role != RoleMerchant {
		add("role", "请选择身份:带货者或商家")
	}
	channel := strings.TrimSpace(f.ChannelID)
	if channel == "" {
		add("channel_id", "请填写视频号ID")
	} else if !ValidChannelID(channel) {
		add("channel_id", "视频号ID应为 3–64 位字母、数字或 _ - . @")
	}
	channelName := strings.TrimSpace(f.ChannelName)
	if n := utf8.RuneCountInString(channelName); n == 0 {
		add("channel_name", "请填写视频号名称")
	} else if n > 60 {
		add("channel_name", "视频号名称不能超过 60 个字")
	}
	fans, msg := ParseFans(f.Fans)
	add("fans", msg)
	return Account{
		Email: email, DisplayName: name, Role: f.Role, ChannelID: &channel,
		ChannelName: channelName, Fans: fans, SelfOperated: f.SelfOperated,
		ShortVideoEnabled: f.ShortVideoEnabled,
	}, errs
}

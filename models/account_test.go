package models

import (
	"strings"
	"testing"
)

func validSignup() SignupForm {
	return SignupForm{
		Email: "li.lei@example.com", Password: "correct horse battery", DisplayName: "李雷",
		Role: RoleCreator, ChannelID: "lilei_2025", ChannelName: "李雷好物", Fans: "3200",
		SelfOperated: false, ShortVideoEnabled: true,
	}
}

func TestSignupValidateAcceptsAndCleans(t *testing.T) {
	f := validSignup()
	f.Email = "  Li.Lei@Example.COM "
	f.DisplayName = "  李雷 "
	f.ChannelID = " lilei_2025 "
	f.ChannelName = " 李雷好物 "
	f.Fans = " 1,000 "
	f.Role = RoleMerchant
	f.SelfOperated = true
	a, errs := f.Validate()
	if len(errs) != 0 {
		t.Fatalf("valid form rejected: %v", errs)
	}
	if a.Email != "li.lei@example.com" || a.DisplayName != "李雷" || a.Channel() != "lilei_2025" ||
		a.ChannelName != "李雷好物" || a.Fans != 1000 || a.Role != RoleMerchant || !a.SelfOperated ||
		!a.ShortVideoEnabled {
		t.Errorf("cleaned account = %+v", a)
	}
	if a.PasswordHash != "" {
		t.Errorf("Validate must not set a hash, got %q", a.PasswordHash)
	}
}

// TestSignupValidatePerField changes one field of a valid form at a time and checks
// that exactly that field is reported, with a Chinese message.
func TestSignupValidatePerField(t *testing.T) {
	tests := []struct {
		name   string
		change func(*SignupForm)
		field  string // "" means the form stays valid
		msg    string // substring of the message
	}{
		{"email empty", func(f *SignupForm) { f.Email = "" }, "email", "请填写邮箱"},
		{"email no at", func(f *SignupForm) { f.Email = "lilei.example.com" }, "email", "邮箱格式不正确"},
		{"email no dot in domain", func(f *SignupForm) { f.Email = "lilei@localhost" }, "email", "邮箱格式不正确"},
		{"email with name", func(f *SignupForm) { f.Email = "Li <lilei@example.com>" }, "email", "邮箱格式不正确"},
		{"email two addresses", func(f *SignupForm) { f.Email = "a@example.com,b@example.com" }, "email", "邮箱格式不正确"},
		{"email quoted space", func(f *SignupForm) { f.Email = `"li lei"@example.com` }, "email", "邮箱格式不正确"},
		{"email double dot", func(f *SignupForm) { f.Email = "li..lei@example.com" }, "email", "邮箱格式不正确"},
		{"email too long", func(f *SignupForm) { f.Email = strings.Repeat("a", 250) + "@x.cn" }, "email", "邮箱格式不正确"},
		{"email plus ok", func(f *SignupForm) { f.Email = "li+gc@mail.example.cn" }, "", ""},

		{"password empty", func(f *SignupForm) { f.Password = "" }, "password", "至少 8 个字符"},
		{"password 7", func(f *SignupForm) { f.Password = "abcdef7" }, "password", "至少 8 个字符"},
		{"password 8", func(f *SignupForm) { f.Password = "xk3-pq9z" }, "", ""},
		{"password 7 Chinese", func(f *SignupForm) { f.Password = "春眠不觉晓处" + "闻" }, "password", "至少 8 个字符"},
		{"password 8 Chinese", func(f *SignupForm) { f.Password = "春眠不觉晓处处闻" }, "", ""},
		{"password common", func(f *SignupForm) { f.Password = "12345678" }, "password", "太常见"},
		{"password common any case", func(f *SignupForm) { f.Password = "PassWord1" }, "password", "太常见"},
		{"password common Chinese habit", func(f *SignupForm) { f.Password = "woaini1314" }, "password", "太常见"},
		{"password 128", func(f *SignupForm) { f.Password = strings.Repeat("x", 127) + "y" }, "", ""},
		{"password 129", func(f *SignupForm) { f.Password = strings.Repeat("x", 128) + "y" }, "password", "128"},
		{"password 100 Chinese", func(f *SignupForm) { f.Password = strings.Repeat("春眠", 50) }, "", ""},

		{"display name empty", func(f *SignupForm) { f.DisplayName = "  " }, "display_name", "请填写昵称"},
		{"display name 40", func(f *SignupForm) { f.DisplayName = strings.Repeat("好", 40) }, "", ""},
		{"display name 41", func(f *SignupForm) { f.DisplayName = strings.Repeat("好", 41) }, "display_name", "40"},

		{"role empty", func(f *SignupForm) { f.Role = "" }, "role", "请选择身份"},
		{"role manager", func(f *SignupForm) { f.Role = RoleManager }, "role", "请选择身份"},
		{"role unknown", func(f *SignupForm) { f.Role = "Creator" }, "role", "请选择身份"},
		{"role merchant", func(f *SignupForm) { f.Role = RoleMerchant }, "", ""},

		{"channel empty", func(f *SignupForm) { f.ChannelID = " " }, "channel_id", "请填写视频号ID"},
		{"channel 2 chars", func(f *SignupForm) { f.ChannelID = "ab" }, "channel_id", "3–64"},
		{"channel 3 chars", func(f *SignupForm) { f.ChannelID = "abc" }, "", ""},
		{"channel 64 chars", func(f *SignupForm) { f.ChannelID = strings.Repeat("a", 64) }, "", ""},
		{"channel 65 chars", func(f *SignupForm) { f.ChannelID = strings.Repeat("a", 65) }, "channel_id", "3–64"},
		{"channel punctuation", func(f *SignupForm) { f.ChannelID = "sph_A-1.b@c" }, "", ""},
		{"channel space", func(f *SignupForm) { f.ChannelID = "li lei" }, "channel_id", "3–64"},
		{"channel Chinese", func(f *SignupForm) { f.ChannelID = "李雷好物" }, "channel_id", "3–64"},
		{"channel slash", func(f *SignupForm) { f.ChannelID = "li/lei" }, "channel_id", "3–64"},
		{"channel quote", func(f *SignupForm) { f.ChannelID = "li'lei" }, "channel_id", "3–64"},

		{"channel name empty", func(f *SignupForm) { f.ChannelName = "" }, "channel_name", "请填写视频号名称"},
		{"channel name 60", func(f *SignupForm) { f.ChannelName = strings.Repeat("好", 60) }, "", ""},
		{"channel name 61", func(f *SignupForm) { f.ChannelName = strings.Repeat("好", 61) }, "channel_name", "60"},

		{"fans empty", func(f *SignupForm) { f.Fans = "" }, "fans", "请填写有效粉丝数"},
		{"fans 0", func(f *SignupForm) { f.Fans = "0" }, "", ""},
		{"fans -1", func(f *SignupForm) { f.Fans = "-1" }, "fans", "0 到 1000000000"},
		{"fans 10^9", func(f *SignupForm) { f.Fans = "1000000000" }, "", ""},
		{"fans 10^9+1", func(f *SignupForm) { f.Fans = "1000000001" }, "fans", "0 到 1000000000"},
		{"fans huge", func(f *SignupForm) { f.Fans = "99999999999999999999999" }, "fans", "0 到 1000000000"},
		{"fans letters", func(f *SignupForm) { f.Fans = "abc" }, "fans", "0 到 1000000000"},
		{"fans decimal", func(f *SignupForm) { f.Fans = "1000.5" }, "fans", "0 到 1000000000"},
		{"fans exponent", func(f *SignupForm) { f.Fans = "1e3" }, "fans", "0 到 1000000000"},
		{"fans full-width digits", func(f *SignupForm) { f.Fans = "１０００" }, "fans", "0 到 1000000000"},
		{"fans thousands separator", func(f *SignupForm) { f.Fans = "1,000" }, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := validSignup()
			tt.change(&f)
			_, errs := f.Validate()
			if tt.field == "" {
				if len(errs) != 0 {
					t.Fatalf("want valid, got %v", errs)
				}
				return
			}
			if len(errs) != 1 || errs[0].Field != tt.field {
				t.Fatalf("want one error on %s, got %v", tt.field, errs)
			}
			if !strings.Contains(errs[0].Message, tt.msg) {
				t.Errorf("message %q does not contain %q", errs[0].Message, tt.msg)
			}
		})
	}
}

func TestSignupValidateFansValue(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "999": 999, "1,000": 1000, "12,345,678": 12345678, " 42 ": 42, "1000000000": MaxFans} {
		f := validSignup()
		f.Fans = in
		a, errs := f.Validate()
		if len(errs) != 0 || a.Fans != want {
			t.Errorf("fans %q: got %d, %v; want %d", in, a.Fans, errs, want)
		}
	}
}

// TestSignupValidateReportsEveryField checks an empty form names every required field
// once, so the page can mark each input.
func TestSignupValidateReportsEveryField(t *testing.T) {
	_, errs := SignupForm{}.Validate()
	want := []string{"email", "password", "display_name", "role", "channel_id", "channel_name", "fans"}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors %v; want %d", len(errs), errs, len(want))
	}
	for i, field := range want {
		if errs[i].Field != field || errs[i].Message == "" {
			t.Errorf("error %d = %+v; want field %s", i, errs[i], field)
		}
		if errs.For(field) == "" {
			t.Errorf("For(%s) empty", field)
		}
	}
	if errs.For("nope") != "" {
		t.Errorf("For(unknown field) = %q", errs.For("nope"))
	}
	if errs.Error() == "" || (FieldErrors{}).Error() == "" {
		t.Errorf("FieldErrors.Error must not be empty")
	}
}

func TestIsCommonPassword(t *testing.T) {
	for _, p := range []string{"12345678", "password", "PASSWORD", "Qwerty123", "88888888", "5201314520"} {
		if !IsCommonPassword(p) {
			t.Errorf("IsCommonPassword(%q) = false", p)
		}
	}
	for _, p := range []string{"", "growthcard-demo", "12345679", "correct horse battery"} {
		if IsCommonPassword(p) {
			t.Errorf("IsCommonPassword(%q) = true", p)
		}
	}
	// Every listed password is long enough to pass the length rule, so the list
	// holds no dead entries.
	for p := range commonPasswords {
		if len(p) < 8 {
			t.Errorf("common password %q is shorter than 8 and can never be reached", p)
		}
		if p != strings.ToLower(p) {
			t.Errorf("common password %q is not lower-case and can never match", p)
		}
	}
}

func TestAccountHelpers(t *testing.T) {
	ch := "abc"
	if (Account{ChannelID: &ch}).Channel() != "abc" || (Account{}).Channel() != "" {
		t.Error("Channel()")
	}
	if !(Account{Role: RoleManager}).IsManager() || (Account{Role: RoleCreator}).IsManager() {
		t.Error("IsManager()")
	}
	if NormalizeEmail("  A@B.Cn ") != "a@b.cn" {
		t.Error("NormalizeEmail")
	}
}

package handlers

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/views/pages"
)

// PasswordParams are argon2id's OWASP-recommended parameters (19 MiB, 2 passes, 1 lane).
var PasswordParams = argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// Throttle limits: failed log-ins per account and per client address in the window.
const (
	loginWindow     = 15 * time.Minute
	maxFailsAccount = 5
	maxFailsAddress = 20
)

// HashPassword hashes a password with argon2id.
func HashPassword(p string) (string, error) { return argon2id.CreateHash(p, &PasswordParams) }

// SignupForm shows the sign-up form.
func (h *Handler) SignupForm(c echo.Context) error {
	if a := currentAccount(c); a != nil {
		return c.Redirect(http.StatusSeeOther, home(a))
	}
	return h.render(c, http.StatusOK, pages.Signup(h.page(c, "注册并报名"), pages.SignupData{}))
}

// Signup creates a creator or merchant account and signs it in.
func (h *Handler) Signup(c echo.Context) error {
	f := models.SignupForm{
		Email: c.FormValue("email"), Password: c.FormValue("password"),
		DisplayName: c.FormValue("display_name"), Role: c.FormValue("role"),
		ChannelID: c.FormValue("channel_id"), ChannelName: c.FormValue("channel_name"),
		Fans: c.FormValue("fans"), SelfOperated: c.FormValue("self_operated") == "on",
		ShortVideoEnabled: c.FormValue("short_video_enabled") == "on",
	}
	acct, errs := f.Validate()
	if len(errs) == 0 {
		hash, err := HashPassword(f.Password)
		if err != nil {
			return err
		}
		acct.PasswordHash = hash
		err = h.Store.CreateAccount(c.Request().Context(), &acct)
		if !errors.As(err, &errs) && err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		f.Password = ""
		return h.render(c, http.StatusUnprocessableEntity,
			pages.Signup(h.page(c, "注册并报名"), pages.SignupData{Form: f, Errors: errs}))
	}
	if err := h.Store.Audit(c.Request().Context(), actorOf(&acct, c), "account.signup", "account", acct.ID, nil,
		map[string]any{"email": acct.Email, "role": acct.Role, "channel_id": acct.Channel(), "fans": acct.Fans}); err != nil {
		return err
	}
	if err := h.startSession(c, acct.ID); err != nil {
		return err
	}
	return h.redirect(c, "/dashboard", "success", "注册成功,欢迎加入!")
}

// LoginForm shows the log-in form.
func (h *Handler) LoginForm(c echo.Context) error {
	if a := currentAccount(c); a != nil {
		return c.Redirect(http.StatusSeeOther, home(a))
	}
	return h.render(c, http.StatusOK, pages.Login(h.page(c, "登录"), pages.LoginData{}))
}

// Login checks credentials, throttled per account and per address, and starts a
// fresh session. Unknown e-mail and wrong password answer alike.
func (h *Handler) Login(c echo.Context) error {
	ctx := c.Request().Context()
	email := models.NormalizeEmail(c.FormValue("email"))
	password := c.FormValue("password")
	ip := c.RealIP()
	byEmail, byIP, err := h.Store.FailedLogins(ctx, email, ip, h.Now().Add(-loginWindow))
	if err != nil {
		return err
	}
	if byEmail >= maxFailsAccount || byIP >= maxFailsAddress {
		c.Response().Header().Set("Retry-After", "900")
		return h.render(c, http.StatusTooManyRequests, pages.Login(h.page(c, "登录"),
			pages.LoginData{Email: email, Error: "尝试次数过多,请 15 分钟后再试"}))
	}
	acct, err := h.Store.AccountByEmail(ctx, email)
	hash := h.dummyHash
	if err == nil {
		hash = acct.PasswordHash
	} else if !errors.Is(err, models.ErrNotFound) {
		return err
	}
	match, _ := argon2id.ComparePasswordAndHash(password, hash)
	ok := match && err == nil
	if rerr := h.Store.RecordLogin(ctx, email, ip, ok); rerr != nil {
		return rerr
	}
	if !ok {
		_ = h.Store.Audit(ctx, actorOf(nil, c), "login.failed", "account", 0, nil, map[string]string{"email": email})
		return h.render(c, http.StatusUnauthorized, pages.Login(h.page(c, "登录"),
			pages.LoginData{Email: email, Error: "邮箱或密码不正确"}))
	}
	if err := h.Store.Audit(ctx, actorOf(&acct, c), "login.success", "account", acct.ID, nil, nil); err != nil {
		return err
	}
	if err := h.startSession(c, acct.ID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, home(&acct))
}

// Logout ends the session on the server and in the browser.
func (h *Handler) Logout(c echo.Context) error {
	if err := h.endSession(c); err != nil {
		return err
	}
	return h.redirect(c, "/", "info", "已退出登录")
}

// SetLanguage remembers the chosen language in a cookie and goes back.
func (h *Handler) SetLanguage(c echo.Context) error {
	lang := c.FormValue("lang")
	if lang != "en" {
		lang = "zh-CN"
	}
	c.SetCookie(&http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: h.SecureCookies, SameSite: http.SameSiteLaxMode})
	return c.Redirect(http.StatusSeeOther, localPath(c.FormValue("next")))
}

// localPath returns next when it is a path on this site, else "/". Browsers drop tabs
// and newlines from URLs and read a backslash as a slash, so "/\t/evil.example"
// would leave the site: any control character or backslash is refused.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "/"
	}
	return next
}

// home is where an account lands after signing in.
func home(a *models.Account) string {
	if a.IsManager() {
		return "/admin"
	}
	return "/dashboard"
}

package handlers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/models/store"
	"growthcard/views/i18n"
)

// Webhook limits: body size, events per call, and how far the signed timestamp may
// be from the real wall clock.
const (
	webhookMaxBody   = 4 << 20
	webhookMaxEvents = 1000
	webhookMaxSkew   = 5 * time.Minute
)

// webhookResult answers one event.
type webhookResult struct {
	EventID string      `json:"event_id"`
	Status  string      `json:"status"`
	Reason  string      `json:"reason,omitempty"`
	Errors  []fieldJSON `json:"errors,omitempty"`
}

// fieldJSON is one field's problem in a JSON answer.
type fieldJSON struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// webhookAnswer answers one call: the tallies, then each event in order.
type webhookAnswer struct {
	Applied   int64           `json:"applied"`
	Duplicate int64           `json:"duplicate"`
	Rejected  int64           `json:"rejected"`
	Results   []webhookResult `json:"results"`
}

// OrdersWebhook receives order events from the platform (SPEC: POST
// /api/v1/webhooks/orders): HMAC-SHA256 of timestamp + "." + body, a timestamp
// within 5 minutes of the real wall clock (time.Now, not the app clock, which demos
// set in the past), at most 1,000 events, each answered applied, duplicate or
// rejected with its reason. Reasons are in the language the caller's
// Accept-Language asks for, Chinese by default.
func (h *Handler) OrdersWebhook(c echo.Context) error {
	loc := h.localizer(c)
	events, err := h.readWebhook(c, loc)
	if err != nil {
		return err
	}
	out := webhookAnswer{Results: make([]webhookResult, len(events))}
	var valid []models.OrderEvent
	var at []int // where each valid event answers in Results
	for i, raw := range events {
		ev, errs := parseWebhookEvent(loc, raw)
		out.Results[i] = webhookResult{EventID: ev.EventID, Status: store.IngestRejected}
		if len(errs) > 0 {
			out.Results[i].Reason, out.Results[i].Errors = joinFieldErrors(errs), errs
			continue
		}
		valid, at = append(valid, ev), append(at, i)
	}
	results, err := h.Store.IngestEvents(c.Request().Context(), valid, "webhook")
	if err != nil {
		return err
	}
	for j, r := range results {
		out.Results[at[j]].Status = r.Status
		if r.Reason != "" {
			out.Results[at[j]].Reason = loc.T(r.Reason)
		}
	}
	out.tally()
	return c.JSON(http.StatusOK, out)
}

// readWebhook reads the body within its limit, checks the signature and returns the
// raw events: 413 too big or too many, 401 bad signature, 400 not JSON, 422 empty.
// The errors' messages are already in loc's language.
func (h *Handler) readWebhook(c echo.Context, loc *i18n.Localizer) ([]json.RawMessage, error) {
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), c.Request().Body, webhookMaxBody))
	if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
		return nil, echo.NewHTTPError(http.StatusRequestEntityTooLarge, loc.T("请求体不能超过 4 MiB"))
	} else if err != nil {
		return nil, echo.NewHTTPError(http.StatusBadRequest, loc.T("读取请求体失败"))
	}
	if msg := verifyWebhook(h.WebhookSecret, c.Request().Header, body, time.Now()); msg != "" {
		h.Log.Warn("webhook refused", "reason", msg, "ip", c.RealIP())
		return nil, echo.NewHTTPError(http.StatusUnauthorized, loc.T(msg))
	}
	var in struct {
		Events []json.RawMessage `json:"events"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, echo.NewHTTPError(http.StatusBadRequest, loc.T(`请求体应为 JSON:{"events":[…]}`))
	}
	switch {
	case len(in.Events) == 0:
		return nil, echo.NewHTTPError(http.StatusUnprocessableEntity, loc.T("events 不能为空"))
	case len(in.Events) > webhookMaxEvents:
		return nil, echo.NewHTTPError(http.StatusRequestEntityTooLarge, loc.T("每次最多 1000 个事件,请分批发送"))
	}
	return in.Events, nil
}

// tally counts the answers by status.
func (a *webhookAnswer) tally() {
	for _, r := range a.Results {
		switch r.Status {
		case store.IngestApplied:
			a.Applied++
		case store.IngestDuplicate:
			a.Duplicate++
		default:
			a.Rejected++
		}
	}
}

// parseWebhookEvent decodes and validates one event and explains its problems in
// loc's language; a webhook event must carry its own event_id, since that is what
// makes a retried delivery a duplicate.
func parseWebhookEvent(loc *i18n.Localizer, raw json.RawMessage) (models.OrderEvent, []fieldJSON) {
	var r models.RawOrderEvent
	if err := json.Unmarshal(raw, &r); err != nil {
		msg := loc.T("事件应为 JSON 对象")
		if te := (*json.UnmarshalTypeError)(nil); errors.As(err, &te) && te.Field != "" {
			msg = loc.Tf("%s 应为字符串", te.Field)
			if te.Field == "amount" {
				msg = loc.T(`amount 应为字符串形式的元金额,如 "199.00"`)
			}
		}
		return models.OrderEvent{EventID: strings.TrimSpace(r.EventID)}, []fieldJSON{{Field: "event", Message: msg}}
	}
	ev, errs := models.ParseOrderEvent(r)
	if ev.EventID == "" && strings.TrimSpace(r.EventID) == "" {
		errs = append([]models.FieldError{{Field: "event_id", Message: "请填写事件ID(event_id),重试时保持不变"}}, errs...)
	}
	if len(errs) == 0 {
		return ev, nil
	}
	out := make([]fieldJSON, len(errs))
	for i, e := range errs {
		out[i] = fieldJSON{Field: e.Field, Message: loc.T(e.Message)}
	}
	return models.OrderEvent{EventID: strings.TrimSpace(r.EventID)}, out
}

// joinFieldErrors writes "field: message; field: message".
func joinFieldErrors(errs []fieldJSON) string {
	parts := make([]string, len(errs))
	for i, e := range errs {
		parts[i] = e.Field + ": " + e.Message
	}
	return strings.Join(parts, "; ")
}

// verifyWebhook checks the signature headers against body and returns why they are
// refused, or "". The signature is compared in constant time.
func verifyWebhook(secret []byte, hdr http.Header, body []byte, now time.Time) string {
	if len(secret) == 0 {
		return "未配置 webhook 密钥"
	}
	ts, sig := hdr.Get("X-Growthcard-Timestamp"), hdr.Get("X-Growthcard-Signature")
	if ts == "" || sig == "" {
		return "缺少 X-Growthcard-Timestamp 或 X-Growthcard-Signature"
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return "X-Growthcard-Timestamp 应为 Unix 秒数"
	}
	if d := now.Sub(time.Unix(sec, 0)); d > webhookMaxSkew || d < -webhookMaxSkew {
		return "时间戳与当前时间相差超过 5 分钟"
	}
	got, err := hex.DecodeString(strings.TrimPrefix(sig, "sha256="))
	if err != nil || !strings.HasPrefix(sig, "sha256=") {
		return "签名格式应为 sha256=<十六进制>"
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(ts))
	mac.Write([]byte("."))
	mac.Write(body)
	if !hmac.Equal(got, mac.Sum(nil)) {
		return "签名不正确"
	}
	return ""
}

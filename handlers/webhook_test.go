package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"growthcard/models"
)

// webhookAnswer mirrors the webhook's JSON answer.
type webhookAnswer struct {
	Applied, Duplicate, Rejected int
	Results                      []struct {
		EventID string `json:"event_id"`
		Status  string `json:"status"`
		Reason  string `json:"reason"`
		Errors  []struct{ Field, Message string }
	}
	Error string `json:"error"`
}

func postWebhook(t *testing.T, e *ptEnv, body string, secret []byte, ts time.Time) (int, webhookAnswer) {
	t.Helper()
	res := e.client().do(signedWebhook(t, e.srv.URL, secret, body, ts))
	var a webhookAnswer
	if err := json.Unmarshal([]byte(res.body), &a); err != nil {
		t.Fatalf("%d %q: %v", res.StatusCode, res.body, err)
	}
	return res.StatusCode, a
}

const oneEvent = `{"events":[{"event_id":"ev-1","order_id":"o-1","channel_id":"ch1","video_id":"v1","source":"short_video","amount":"199.00","status":"settled","settled_at":"2025-12-01T10:00:00+08:00"}]}`

func TestWebhookSignature(t *testing.T) {
	e := newPtEnv(t)
	for name, tc := range map[string]struct {
		secret []byte
		ts     time.Time
		want   int
	}{
		"good":         {ptSecret, time.Now(), http.StatusOK},
		"bad secret":   {[]byte("wrong"), time.Now(), http.StatusUnauthorized},
		"stale":        {ptSecret, time.Now().Add(-6 * time.Minute), http.StatusUnauthorized},
		"future":       {ptSecret, time.Now().Add(6 * time.Minute), http.StatusUnauthorized},
		"app clock ts": {ptSecret, ptNow, http.StatusUnauthorized}, // the real wall clock decides
	} {
		if code, a := postWebhook(t, e, oneEvent, tc.secret, tc.ts); code != tc.want {
			t.Errorf("%s: %d %+v", name, code, a)
		}
	}
	// Tampering with the body after signing breaks the signature.
	req := signedWebhook(t, e.srv.URL, ptSecret, oneEvent, time.Now())
	req.Body = http.NoBody
	if res := e.client().do(req); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("tampered: %d", res.StatusCode)
	}
	unsigned, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/api/v1/webhooks/orders", strings.NewReader(oneEvent))
	if res := e.client().do(unsigned); res.StatusCode != http.StatusUnauthorized || !strings.Contains(res.body, "X-Growthcard-Signature") {
		t.Errorf("unsigned: %d %s", res.StatusCode, res.body)
	}
}

func TestWebhookMixedAnswers(t *testing.T) {
	e := newPtEnv(t)
	_, a := e.creator("ch1", models.EnrollApproved)
	if code, _ := postWebhook(t, e, oneEvent, ptSecret, time.Now()); code != http.StatusOK {
		t.Fatal(code)
	}
	body := `{"events":[
		{"event_id":"ev-1","order_id":"o-1","channel_id":"ch1","source":"short_video","amount":"199.00","status":"settled","settled_at":"2025-12-01T10:00:00+08:00"},
		{"event_id":"ev-2","order_id":"o-2","channel_id":"ch1","source":"short_video","amount":"1.00","status":"settled","settled_at":"2025-12-02 10:00:00"},
		{"event_id":"ev-3","order_id":"o-3","channel_id":"ch1","source":"short_video","amount":"12.345","status":"paid","settled_at":"yesterday"},
		{"order_id":"o-4","channel_id":"ch1","source":"short_video","amount":"1.00","status":"settled","settled_at":"2025-12-02 10:00:00"},
		{"event_id":"ev-5","order_id":"o-5","channel_id":"ch1","source":"short_video","amount":5,"status":"settled","settled_at":"2025-12-02 10:00:00"},
		{"event_id":"ev-2","order_id":"o-2","channel_id":"ch1","source":"short_video","amount":"1.00","status":"settled","settled_at":"2025-12-02 10:00:00"}
	]}`
	code, ans := postWebhook(t, e, body, ptSecret, time.Now())
	if code != http.StatusOK || ans.Applied != 1 || ans.Duplicate != 2 || ans.Rejected != 3 {
		t.Fatalf("%d %+v", code, ans)
	}
	want := []string{"duplicate", "applied", "rejected", "rejected", "rejected", "duplicate"}
	for i, r := range ans.Results {
		if r.Status != want[i] {
			t.Errorf("event %d: %+v, want %s", i, r, want[i])
		}
	}
	fields := map[string]bool{}
	for _, f := range ans.Results[2].Errors {
		fields[f.Field] = true
	}
	if !fields["amount"] || !fields["status"] || !fields["settled_at"] || ans.Results[2].EventID != "ev-3" ||
		!strings.Contains(ans.Results[2].Reason, "金额") {
		t.Errorf("bad event answer %+v", ans.Results[2])
	}
	if !strings.Contains(ans.Results[3].Reason, "event_id") || !strings.Contains(ans.Results[4].Reason, "amount") ||
		ans.Results[4].EventID != "ev-5" {
		t.Errorf("answers %+v %+v", ans.Results[3], ans.Results[4])
	}
	b, _ := e.st.Balance(t.Context(), a.ID, e.camp.ID)
	if b.Earned != 300 { // (199 + 1) × 1.5% = 3.00 points
		t.Fatalf("earned %v", b.Earned)
	}
}

func TestWebhookLimits(t *testing.T) {
	e := newPtEnv(t)
	var events []string
	for i := range 1001 {
		events = append(events, fmt.Sprintf(`{"event_id":"e%d","order_id":"o%d","channel_id":"c","source":"short_video","amount":"1.00","status":"settled","settled_at":"2025-12-01 10:00:00"}`, i, i))
	}
	if code, a := postWebhook(t, e, `{"events":[`+strings.Join(events, ",")+`]}`, ptSecret, time.Now()); code != http.StatusRequestEntityTooLarge || a.Error == "" {
		t.Errorf("1001 events: %d %+v", code, a)
	}
	if code, a := postWebhook(t, e, `{"events":[`+strings.Join(events[:1000], ",")+`]}`, ptSecret, time.Now()); code != http.StatusOK || a.Applied != 1000 {
		t.Errorf("1000 events: %d applied %d", code, a.Applied)
	}
	huge := `{"events":[],"pad":"` + strings.Repeat("x", 4<<20) + `"}`
	if code, _ := postWebhook(t, e, huge, ptSecret, time.Now()); code != http.StatusRequestEntityTooLarge {
		t.Errorf("huge body: %d", code)
	}
	for body, want := range map[string]int{`not json`: http.StatusBadRequest, `{"events":[]}`: http.StatusUnprocessableEntity} {
		if code, _ := postWebhook(t, e, body, ptSecret, time.Now()); code != want {
			t.Errorf("%s: %d", body, code)
		}
	}
}

// TestWebhookEnglish: a caller asking for English gets its reasons in English, each
// message whole; without Accept-Language they stay Chinese.
func TestWebhookEnglish(t *testing.T) {
	e := newPtEnv(t)
	body := `{"events":[
		{"event_id":"ev-1","channel_id":"ch1","source":"short_video","amount":"1.00","status":"settled","settled_at":"2025-12-02 10:00:00"},
		{"event_id":"ev-2","order_id":"o-2","channel_id":"ch1","source":"short_video","amount":"1.00","status":"settled","settled_at":"2025-12-02 10:00:00","video_id":7}
	]}`
	post := func(lang string) webhookAnswer {
		req := signedWebhook(t, e.srv.URL, ptSecret, body, time.Now())
		if lang != "" {
			req.Header.Set("Accept-Language", lang)
		}
		res := e.client().do(req)
		var a webhookAnswer
		if err := json.Unmarshal([]byte(res.body), &a); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("%d %q: %v", res.StatusCode, res.body, err)
		}
		return a
	}
	en := post("en-US,en;q=0.9")
	if got := en.Results[0].Reason; got != "order_id: Enter the order ID" {
		t.Errorf("missing order id, English: %q", got)
	}
	if got := en.Results[0].Errors[0].Message; got != "Enter the order ID" {
		t.Errorf("English field message %q", got)
	}
	if got := en.Results[1].Reason; got != "event: video_id must be a string" {
		t.Errorf("wrong type, English: %q", got)
	}
	zh := post("")
	if got := zh.Results[0].Reason; got != "order_id: 请填写订单号" {
		t.Errorf("missing order id, Chinese: %q", got)
	}
	if got := zh.Results[1].Reason; got != "event: video_id 应为字符串" {
		t.Errorf("wrong type, Chinese: %q", got)
	}
	req := signedWebhook(t, e.srv.URL, []byte("wrong"), body, time.Now())
	req.Header.Set("Accept-Language", "en")
	if res := e.client().do(req); res.StatusCode != http.StatusUnauthorized || !strings.Contains(res.body, "The signature does not match") {
		t.Errorf("bad signature, English: %d %s", res.StatusCode, res.body)
	}
}

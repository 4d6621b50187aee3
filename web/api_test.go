package web_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// me mirrors the stable shape of GET /api/v1/me.
type me struct {
	Campaign struct {
		Slug     string `json:"slug"`
		StartsAt string `json:"starts_at"`
		EndsAt   string `json:"ends_at"`
	} `json:"campaign"`
	Enrollment struct {
		Status   string `json:"status"`
		Newcomer bool   `json:"newcomer"`
	} `json:"enrollment"`
	Quota struct {
		Date      string `json:"date"`
		Limit     int    `json:"limit"`
		Used      int    `json:"used"`
		Remaining int    `json:"remaining"`
	} `json:"quota"`
}

func getMe(t *testing.T, c *client) me {
	t.Helper()
	r := c.get("/api/v1/me")
	wantStatus(t, "GET /api/v1/me", r, http.StatusOK)
	var m me
	if err := json.Unmarshal([]byte(r.body), &m); err != nil {
		t.Fatalf("decode /api/v1/me: %v\n%s", err, r.body)
	}
	return m
}

// TestMeExactShape compares the whole document, keys and values, with SPEC's shape.
func TestMeExactShape(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	c, _ := e.creator(3200, true, false)

	check := func(what, want string) {
		t.Helper()
		r := c.get("/api/v1/me")
		wantStatus(t, what, r, http.StatusOK)
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: Content-Type %q", what, ct)
		}
		var got, exp any
		if err := json.Unmarshal([]byte(r.body), &got); err != nil {
			t.Fatalf("%s: %v\n%s", what, err, r.body)
		}
		if err := json.Unmarshal([]byte(want), &exp); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("%s:\n got %s\nwant %s", what, r.body, want)
		}
	}
	check("fresh creator", `{
		"campaign":{"slug":"2025-short-video","starts_at":"2025-11-22T00:00:00+08:00","ends_at":"2026-01-01T00:00:00+08:00"},
		"enrollment":{"status":"none","newcomer":true},
		"quota":{"date":"2025-11-26","limit":2,"used":0,"remaining":2},
		"gmv":{"baseline":"0.00","campaign":"0.00","threshold":"0.00","reward_base":"0.00"},
		"points":{"earned":"0.00","spent":"0.00","balance":"0.00","cap":"150000.00"}}`)

	wantStatus(t, "enrol", c.post("/enrollment", nil), http.StatusSeeOther)
	wantStatus(t, "video", c.post("/videos", video("开箱")), http.StatusSeeOther)
	check("pending, one video", `{
		"campaign":{"slug":"2025-short-video","starts_at":"2025-11-22T00:00:00+08:00","ends_at":"2026-01-01T00:00:00+08:00"},
		"enrollment":{"status":"pending","newcomer":true},
		"quota":{"date":"2025-11-26","limit":2,"used":1,"remaining":1},
		"gmv":{"baseline":"0.00","campaign":"0.00","threshold":"0.00","reward_base":"0.00"},
		"points":{"earned":"0.00","spent":"0.00","balance":"0.00","cap":"150000.00"}}`)

	// 16:00:00Z is 00:00 Beijing: the API's date and count follow Beijing days.
	e.clock.Set(mustParse(t, "2025-11-26T16:00:00Z"))
	if m := getMe(t, c); m.Quota.Date != "2025-11-27" || m.Quota.Used != 0 || m.Quota.Remaining != 2 {
		t.Errorf("after Beijing midnight: %+v", m.Quota)
	}
}

func TestMeRefusesVisitorsAndManagers(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	manager, _ := e.manager()
	for name, c := range map[string]*client{"visitor": e.client(), "manager": manager} {
		r := c.get("/api/v1/me")
		wantStatus(t, name, r, http.StatusUnauthorized)
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: Content-Type %q; want JSON", name, ct)
		}
		var body map[string]string
		if err := json.Unmarshal([]byte(r.body), &body); err != nil || body["error"] == "" {
			t.Errorf("%s: body %q is not a JSON error", name, r.body)
		}
	}
	r := e.client().get("/api/v1/nope")
	wantStatus(t, "unknown API path", r, http.StatusNotFound)
	if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Errorf("unknown API path answers %q", r.header.Get("Content-Type"))
	}
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	r := e.client().get("/healthz")
	wantStatus(t, "healthz", r, http.StatusOK)
	if strings.TrimSpace(r.body) != `{"status":"ok"}` {
		t.Errorf("body %q", r.body)
	}
}

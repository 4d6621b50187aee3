package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"growthcard/models"
	"growthcard/models/store"
)

func TestHeatAnswers(t *testing.T) {
	e := newPtEnv(t)
	c, a := e.creator("ch1", models.EnrollApproved)
	_, other := e.creator("ch2", models.EnrollApproved)
	mine := e.video(a, "我的好物视频")
	theirs := e.video(other, "别人的视频")
	e.ingest(settled("o1", "ch1", 10_000, time.Date(2025, 12, 1, 9, 0, 0, 0, models.Beijing))) // 150.00 points
	heat := func(id int64, points string) ptResp {
		return c.post("/videos/"+itoa(id)+"/heat", url.Values{"points": {points}})
	}
	for _, bad := range []string{"", "0", "-3", "1.5", "abc"} {
		if res := heat(mine.ID, bad); res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, `data-testid="heat-error"`) {
			t.Errorf("points %q: %d", bad, res.StatusCode)
		}
	}
	if res := heat(theirs.ID, "1"); res.StatusCode != http.StatusNotFound {
		t.Errorf("other's video: %d", res.StatusCode)
	}
	if res := heat(99999, "1"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown video: %d", res.StatusCode)
	}
	if res := heat(mine.ID, "151"); res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "可用点数不足") {
		t.Errorf("too many: %d", res.StatusCode)
	}
	res := heat(mine.ID, "100")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/dashboard#videos" {
		t.Fatalf("heat: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	dash := c.get("/dashboard")
	if !strings.Contains(dash.body, "已用 100.00 点加热视频《我的好物视频》,剩余 50.00 点") {
		t.Errorf("no flash on the dashboard")
	}
	b, _ := e.st.Balance(t.Context(), a.ID, e.camp.ID)
	if b.Spent != 10000 || b.Balance != 5000 {
		t.Fatalf("balance %+v", b)
	}
	// A cancellation takes back more than is left: spending waits, and says why.
	e.ingest(models.OrderEvent{EventID: "c1", OrderID: "o1", ChannelID: "ch1", Source: models.SourceShortVideo,
		Status: models.StatusCancelled, SettledAt: time.Date(2025, 12, 5, 9, 0, 0, 0, models.Beijing)})
	if res := heat(mine.ID, "1"); res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "可用点数为负") {
		t.Errorf("negative balance: %d", res.StatusCode)
	}
	if res := e.client().post("/videos/"+itoa(mine.ID)+"/heat", url.Values{"points": {"1"}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("visitor: %d", res.StatusCode)
	}
}

// TestHeatFlashInEnglish: the flash carries numbers and a title, so it is filled and
// translated as one sentence.
func TestHeatFlashInEnglish(t *testing.T) {
	e := newPtEnv(t)
	c, a := e.creator("ch1", models.EnrollPending)
	u, _ := url.Parse(c.base)
	c.c.Jar.SetCookies(u, []*http.Cookie{{Name: "gc_lang", Value: "en"}})
	v := e.video(a, "Ada's picks")
	e.ingest(settled("o1", "ch1", 10_000, time.Date(2025, 12, 1, 9, 0, 0, 0, models.Beijing))) // 150.00 points
	en, err := e.st.LatestEnrollment(t.Context(), a.ID, e.camp.ID)
	if err != nil || en == nil {
		t.Fatal(en, err)
	}
	if err := e.st.Decide(t.Context(), e.managerActor(), []int64{en.ID}, store.Decision{Approve: true}); err != nil {
		t.Fatal(err)
	}
	if res := c.post("/videos/"+itoa(v.ID)+"/heat", url.Values{"points": {"100"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("heat: %d", res.StatusCode)
	}
	dash := c.get("/dashboard")
	if want := "Spent 100.00 points heating “Ada&#39;s picks”; 50.00 points left"; !strings.Contains(dash.body, want) {
		t.Errorf("no English flash %q on the dashboard", want)
	}
	// A ledger cause that is a whole message translates; filled ones stay as stored.
	if pts := c.get("/points"); !strings.Contains(pts.body, "Application approved: computed from the orders known so far") {
		t.Error("the approval's ledger cause is not in English")
	}
}

// TestHeatHTMX: htmx gets the dashboard itself instead of a redirect, the flash in
// it; a refusal keeps what was typed beside the video's form, tied to the field.
func TestHeatHTMX(t *testing.T) {
	e := newPtEnv(t)
	c, a := e.creator("ch1", models.EnrollApproved)
	mine := e.video(a, "我的好物视频")
	e.ingest(settled("o1", "ch1", 10_000, time.Date(2025, 12, 1, 9, 0, 0, 0, models.Beijing))) // 150.00 points
	heat := func(points string) ptResp {
		t.Helper()
		form := url.Values{"points": {points}, "_csrf": {c.csrf()}}
		req, _ := http.NewRequest(http.MethodPost, c.base+"/videos/"+itoa(mine.ID)+"/heat", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("HX-Request", "true")
		return c.do(req)
	}
	res := heat("100")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("heat: %d, want 200 for htmx", res.StatusCode)
	}
	for _, want := range []string{"已用 100.00 点加热视频《我的好物视频》,剩余 50.00 点", `id="points-summary"`,
		`data-testid="points-balance">50.00<`, `data-testid="video-heated">100.00<`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the answer lacks %s", want)
		}
	}
	res = heat("51")
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("too many: %d", res.StatusCode)
	}
	id := itoa(mine.ID)
	for _, want := range []string{`value="51"`, `aria-describedby="heat-error-` + id + `"`, `id="heat-error-` + id + `"`, "可用点数不足"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("409 lacks %s", want)
		}
	}
	if res := heat("1.5"); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `value="1.5"`) {
		t.Errorf("1.5: %d", res.StatusCode)
	}
}

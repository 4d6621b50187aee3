package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"growthcard/models"
)

// TestDashboardShowsPointsWaitingForApproval: a pending creator with settled orders
// sees what approval would credit; once approved the hint is gone and the points
// are in the balance.
func TestDashboardShowsPointsWaitingForApproval(t *testing.T) {
	e := newPtEnv(t)
	c, _ := e.creator("ch1", models.EnrollPending)
	e.ingest(settled("o1", "ch1", 10_000, time.Date(2025, 12, 1, 9, 0, 0, 0, models.Beijing))) // 150.00 points
	dash := c.get("/dashboard")
	if !strings.Contains(dash.body, `data-testid="points-waiting"`) || !strings.Contains(dash.body, "150.00") {
		t.Fatalf("pending dashboard does not say 150.00 points are waiting")
	}
	if !strings.Contains(dash.body, `data-testid="points-balance">0.00<`) {
		t.Error("points credited before approval")
	}
	approved, _ := e.creator("ch2", models.EnrollApproved)
	e.ingest(settled("o2", "ch2", 10_000, time.Date(2025, 12, 1, 9, 0, 0, 0, models.Beijing)))
	dash = approved.get("/dashboard")
	if strings.Contains(dash.body, `data-testid="points-waiting"`) {
		t.Error("an approved creator is told points are waiting")
	}
	if !strings.Contains(dash.body, `data-testid="points-balance">150.00<`) {
		t.Error("the approved creator's balance is not 150.00")
	}
}

// TestDashboardPagesTheVideoList: ten videos a page, newest first, with links on.
func TestDashboardPagesTheVideoList(t *testing.T) {
	e := newPtEnv(t)
	c, a := e.creator("ch1", models.EnrollApproved)
	for i := range 12 {
		e.video(a, "视频"+itoa(int64(i+1)))
	}
	first := c.get("/dashboard")
	if n := strings.Count(first.body, `data-testid="video-row"`); n != 10 {
		t.Errorf("page 1 lists %d videos; want 10", n)
	}
	if !strings.Contains(first.body, "视频12") || strings.Contains(first.body, ">视频1<") {
		t.Error("page 1 is not the newest ten")
	}
	if !strings.Contains(first.body, `href="/dashboard?page=2#videos"`) {
		t.Error("no link to page 2")
	}
	second := c.get("/dashboard?page=2")
	if n := strings.Count(second.body, `data-testid="video-row"`); n != 2 {
		t.Errorf("page 2 lists %d videos; want 2", n)
	}
	if beyond := c.get("/dashboard?page=99"); beyond.StatusCode != 200 || strings.Count(beyond.body, `data-testid="video-row"`) != 2 {
		t.Errorf("a page past the end: %d", beyond.StatusCode)
	}
}

// TestHeatKeepsTheVideoListPage: heating a video on page 2 answers with page 2.
func TestHeatKeepsTheVideoListPage(t *testing.T) {
	e := newPtEnv(t)
	c, a := e.creator("ch1", models.EnrollApproved)
	oldest := e.video(a, "最早的视频")
	for i := range 10 {
		e.video(a, "视频"+itoa(int64(i+1)))
	}
	e.ingest(settled("o1", "ch1", 10_000, time.Date(2025, 12, 1, 9, 0, 0, 0, models.Beijing)))
	page2 := c.get("/dashboard?page=2")
	action := "/videos/" + itoa(oldest.ID) + "/heat?page=2"
	if !strings.Contains(page2.body, `action="`+action+`"`) {
		t.Fatalf("the heat form on page 2 does not post to %s", action)
	}
	res := c.post(action, url.Values{"points": {"5"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/dashboard?page=2#videos" {
		t.Errorf("heat on page 2: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
}

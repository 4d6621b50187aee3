package handlers_test

import (
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

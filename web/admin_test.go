package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"growthcard/models"
)

// TestReviewQueue: the manager sees pending applications, approves and rejects with
// the right statuses, and the applicant sees the outcome.
func TestReviewQueue(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	manager, _ := e.manager()
	ca, a := e.creator(3200, true, false)
	cb, b := e.creator(25000, true, true)
	wantStatus(t, "A enrols", ca.post("/enrollment", nil), http.StatusSeeOther)
	wantStatus(t, "B enrols", cb.post("/enrollment", nil), http.StatusSeeOther)
	camp, _ := e.store.RunningCampaign(context.Background())
	ea, _ := e.store.LatestEnrollment(context.Background(), a.ID, camp.ID)
	eb, _ := e.store.LatestEnrollment(context.Background(), b.ID, camp.ID)

	r := manager.get("/admin/enrollments?status=pending")
	wantStatus(t, "queue", r, http.StatusOK)
	rows := r.doc(t).Find(`[data-testid="queue-row"]`)
	if rows.Length() != 2 || !strings.Contains(rows.Text(), a.Email) || !strings.Contains(rows.Text(), b.Channel()) {
		t.Errorf("queue rows = %d: %q", rows.Length(), rows.Text())
	}

	approve := fmt.Sprintf("/admin/enrollments/%d/approve", ea.ID)
	wantStatus(t, "approve", manager.post(approve, nil), http.StatusSeeOther, "/admin/enrollments?status=pending")
	r = manager.post(approve, nil)
	wantStatus(t, "approve twice", r, http.StatusConflict)
	if !strings.Contains(r.text(t, `[data-testid="form-errors"]`), "已经处理过了") {
		t.Errorf("409 message = %q", r.text(t, `[data-testid="form-errors"]`))
	}
	wantStatus(t, "reject an approved one", manager.post(fmt.Sprintf("/admin/enrollments/%d/reject", ea.ID),
		url.Values{"reason": {"other"}}), http.StatusConflict)
	if got := status(t, ca.get("/dashboard")); got != "approved" {
		t.Errorf("A sees %q; want approved", got)
	}

	reject := fmt.Sprintf("/admin/enrollments/%d/reject", eb.ID)
	for _, form := range []url.Values{
		{}, {"reason": {"spam"}}, {"reason": {"other"}, "note": {strings.Repeat("长", 501)}},
	} {
		r := manager.post(reject, form)
		wantStatus(t, fmt.Sprintf("reject with %v", form), r, http.StatusUnprocessableEntity)
	}
	if got, _ := e.store.Enrollment(context.Background(), eb.ID); got.Status != models.EnrollPending {
		t.Errorf("B is %s after refused rejections", got.Status)
	}
	// The queue page the decision came from is where the manager goes back to.
	form := url.Values{"reason": {"violation"}, "note": {"存在刷单记录"}, "_csrf": {manager.token()}}
	r = manager.postRaw(reject, form, "Referer", e.srv.URL+"/admin/enrollments?status=pending&q=sph")
	wantStatus(t, "reject", r, http.StatusSeeOther, "/admin/enrollments?q=sph&status=pending")
	rej := cb.get("/dashboard").text(t, `[data-testid="rejection"]`)
	if !strings.Contains(rej, "账号存在违规记录") || !strings.Contains(rej, "存在刷单记录") {
		t.Errorf("B's rejection box = %q", rej)
	}

	for _, path := range []string{"/admin/enrollments/999999/approve", "/admin/enrollments/0/approve",
		"/admin/enrollments/-1/approve", "/admin/enrollments/999999/reject"} {
		wantStatus(t, path, manager.post(path, url.Values{"reason": {"other"}}), http.StatusNotFound)
	}

	// A withdrawn application cannot be approved.
	cc, c := e.creator(3200, true, false)
	wantStatus(t, "C enrols", cc.post("/enrollment", nil), http.StatusSeeOther)
	wantStatus(t, "C withdraws", cc.post("/enrollment/withdraw", nil), http.StatusSeeOther)
	ec, _ := e.store.LatestEnrollment(context.Background(), c.ID, camp.ID)
	wantStatus(t, "approve withdrawn", manager.post(fmt.Sprintf("/admin/enrollments/%d/approve", ec.ID), nil), http.StatusConflict)

	r = manager.get("/admin/enrollments?status=pending")
	if n := r.doc(t).Find(`[data-testid="queue-row"]`).Length(); n != 0 {
		t.Errorf("%d pending rows left; want 0", n)
	}
	// Decisions are in the audit log with the manager's e-mail.
	var actions []string
	e.storeRaw(t, "SELECT action FROM audit_log WHERE action LIKE 'enrollment.%' AND actor_email LIKE 'manager%' ORDER BY id", &actions)
	if strings.Join(actions, ",") != "enrollment.approve,enrollment.reject" {
		t.Errorf("manager's audit = %v", actions)
	}
}

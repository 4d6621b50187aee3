package store

import (
	"context"
	"errors"
	"testing"

	"growthcard/models"
)

func enrollmentStatus(t *testing.T, s *Store, id int64) string {
	t.Helper()
	e, err := s.Enrollment(context.Background(), id)
	if err != nil {
		t.Fatalf("enrollment %d: %v", id, err)
	}
	return e.Status
}

func TestEnrollWithdrawAndReapply(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	ctx := context.Background()
	c := runningCampaign(t, s)
	a := newAccount(t, s, 3200)
	who := Actor{ID: a.ID, Email: a.Email}

	if e, err := s.LatestEnrollment(ctx, a.ID, c.ID); err != nil || e != nil {
		t.Fatalf("LatestEnrollment before applying = %+v, %v; want nil", e, err)
	}
	e1, err := s.Enroll(ctx, who, a.ID, c.ID)
	if err != nil || e1.Status != models.EnrollPending || e1.ID == 0 {
		t.Fatalf("Enroll = %+v, %v", e1, err)
	}
	if _, err := s.Enroll(ctx, who, a.ID, c.ID); !errors.Is(err, models.ErrConflict) {
		t.Errorf("second active enrolment: %v; want ErrConflict", err)
	}
	// Another account is not blocked by the first one's application.
	b := newAccount(t, s, 3200)
	if _, err := s.Enroll(ctx, Actor{ID: b.ID}, b.ID, c.ID); err != nil {
		t.Errorf("B's enrolment: %v", err)
	}

	if err := s.Withdraw(ctx, who, a.ID, c.ID); err != nil {
		t.Fatalf("Withdraw: %v", err)
	}
	if got := enrollmentStatus(t, s, e1.ID); got != models.EnrollWithdrawn {
		t.Errorf("after withdraw: %s", got)
	}
	if err := s.Withdraw(ctx, who, a.ID, c.ID); !errors.Is(err, models.ErrInvalidState) {
		t.Errorf("withdraw with nothing pending: %v; want ErrInvalidState", err)
	}

	// Re-apply after withdrawal, then after a rejection.
	e2, err := s.Enroll(ctx, who, a.ID, c.ID)
	if err != nil {
		t.Fatalf("re-apply after withdrawal: %v", err)
	}
	m := newManager(t, s)
	if err := s.Decide(ctx, Actor{ID: m.ID}, []int64{e2.ID}, Decision{Reason: "fans_mismatch", Note: "  请核对粉丝数  "}); err != nil {
		t.Fatalf("reject: %v", err)
	}
	got, _ := s.Enrollment(ctx, e2.ID)
	if got.Status != models.EnrollRejected || got.Reason != "fans_mismatch" || got.Note != "请核对粉丝数" ||
		got.DecidedAt == nil || got.DecidedBy == nil || *got.DecidedBy != m.ID {
		t.Errorf("rejected enrolment = %+v", got)
	}
	if err := s.Withdraw(ctx, who, a.ID, c.ID); !errors.Is(err, models.ErrInvalidState) {
		t.Errorf("withdraw a rejected application: %v; want ErrInvalidState", err)
	}
	e3, err := s.Enroll(ctx, who, a.ID, c.ID)
	if err != nil {
		t.Fatalf("re-apply after rejection: %v", err)
	}
	latest, err := s.LatestEnrollment(ctx, a.ID, c.ID)
	if err != nil || latest == nil || latest.ID != e3.ID || latest.Status != models.EnrollPending {
		t.Errorf("LatestEnrollment = %+v, %v; want %d pending", latest, err, e3.ID)
	}
	hist, _ := s.EnrollmentHistory(ctx, a.ID, c.ID)
	if len(hist) != 3 || hist[0].ID != e3.ID || hist[2].ID != e1.ID {
		t.Errorf("history = %+v", hist)
	}

	// Approved is active too: no second application, no withdrawal.
	if err := s.Decide(ctx, Actor{ID: m.ID}, []int64{e3.ID}, Decision{Approve: true}); err != nil {
		t.Fatalf("approve: %v", err)
	}
	if _, err := s.Enroll(ctx, who, a.ID, c.ID); !errors.Is(err, models.ErrConflict) {
		t.Errorf("apply while approved: %v; want ErrConflict", err)
	}
	if err := s.Withdraw(ctx, who, a.ID, c.ID); !errors.Is(err, models.ErrInvalidState) {
		t.Errorf("withdraw approved: %v; want ErrInvalidState", err)
	}

	// Every step left an audit entry.
	var actions []string
	s.r.Raw("SELECT action FROM audit_log WHERE target_type = 'enrollment' ORDER BY id").Scan(&actions)
	want := []string{"enrollment.apply", "enrollment.apply", "enrollment.withdraw", "enrollment.apply",
		"enrollment.reject", "enrollment.apply", "enrollment.approve"}
	if len(actions) != len(want) {
		t.Fatalf("audit actions = %v; want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Errorf("audit %d = %s; want %s", i, actions[i], want[i])
		}
	}
}

func TestDecideAllOrNothing(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	ctx := context.Background()
	c := runningCampaign(t, s)
	m := newManager(t, s)
	boss := Actor{ID: m.ID, Email: m.Email}
	var ids []int64
	for i := 0; i < 3; i++ {
		a := newAccount(t, s, 3200)
		e, err := s.Enroll(ctx, Actor{ID: a.ID}, a.ID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	if err := s.Decide(ctx, boss, []int64{ids[2]}, Decision{Approve: true}); err != nil {
		t.Fatal(err)
	}

	// One already decided in the batch: nothing changes.
	err := s.Decide(ctx, boss, []int64{ids[0], ids[1], ids[2]}, Decision{Approve: true})
	if !errors.Is(err, models.ErrInvalidState) {
		t.Errorf("batch with a decided one: %v; want ErrInvalidState", err)
	}
	// One unknown id in the batch: nothing changes.
	if err := s.Decide(ctx, boss, []int64{ids[0], 9999}, Decision{Reason: "other"}); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("batch with an unknown id: %v; want ErrNotFound", err)
	}
	for _, id := range ids[:2] {
		if got := enrollmentStatus(t, s, id); got != models.EnrollPending {
			t.Errorf("enrolment %d is %s after a refused batch; want pending", id, got)
		}
	}
	var audits int64
	s.r.Raw("SELECT count(*) FROM audit_log WHERE action IN ('enrollment.approve','enrollment.reject')").Scan(&audits)
	if audits != 1 {
		t.Errorf("%d decision audit entries; want 1 (refused batches write none)", audits)
	}

	var fe models.FieldErrors
	if err := s.Decide(ctx, boss, nil, Decision{Approve: true}); !errors.As(err, &fe) {
		t.Errorf("empty batch: %v; want FieldErrors", err)
	}

	if err := s.Decide(ctx, boss, ids[:2], Decision{Reason: "violation", Note: "刷单"}); err != nil {
		t.Fatalf("batch reject: %v", err)
	}
	for _, id := range ids[:2] {
		if got := enrollmentStatus(t, s, id); got != models.EnrollRejected {
			t.Errorf("enrolment %d is %s; want rejected", id, got)
		}
	}
	counts, err := s.CountEnrollments(ctx, c.ID)
	if err != nil || counts[models.EnrollRejected] != 2 || counts[models.EnrollApproved] != 1 || counts[models.EnrollPending] != 0 {
		t.Errorf("CountEnrollments = %v, %v", counts, err)
	}
}

func TestListEnrollments(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	ctx := context.Background()
	c := runningCampaign(t, s)
	var first models.Account
	for i := 0; i < 5; i++ {
		a := newAccount(t, s, int64(1000*i))
		if i == 0 {
			first = a
		}
		if _, err := s.Enroll(ctx, Actor{ID: a.ID}, a.ID, c.ID); err != nil {
			t.Fatal(err)
		}
	}
	rows, total, err := s.ListQueue(ctx, EnrollmentFilter{CampaignID: c.ID, Status: models.EnrollPending, PerPage: 2, Page: 2})
	if err != nil || total != 5 || len(rows) != 2 {
		t.Fatalf("page 2 = %d rows of %d, %v", len(rows), total, err)
	}
	if rows[0].Email == "" || rows[0].ChannelID == "" || rows[0].Status != models.EnrollPending {
		t.Errorf("row lacks the applicant: %+v", rows[0])
	}
	rows, total, _ = s.ListQueue(ctx, EnrollmentFilter{CampaignID: c.ID, Query: first.Channel()})
	if total != 1 || len(rows) != 1 || rows[0].AccountID != first.ID {
		t.Errorf("search by channel = %+v (%d)", rows, total)
	}
	if _, total, _ := s.ListQueue(ctx, EnrollmentFilter{CampaignID: c.ID, Status: models.EnrollApproved}); total != 0 {
		t.Errorf("approved = %d; want 0", total)
	}
}

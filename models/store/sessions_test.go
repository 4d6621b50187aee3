package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"growthcard/models"
)

func TestSessionLifecycle(t *testing.T) {
	s, clock, _ := newTestStore(t, testStart)
	ctx := context.Background()
	a := newAccount(t, s, 10)
	b := newAccount(t, s, 10)

	tokA, err := s.CreateSession(ctx, a.ID, time.Hour, "10.0.0.1", strings.Repeat("u", 500))
	if err != nil || len(tokA) != 64 {
		t.Fatalf("CreateSession = %q, %v", tokA, err)
	}
	tokB, _ := s.CreateSession(ctx, b.ID, 3*time.Hour, "10.0.0.2", "ua")
	if tokA == tokB {
		t.Fatal("two sessions share a token")
	}
	if got, err := s.SessionAccount(ctx, tokA); err != nil || got.ID != a.ID {
		t.Errorf("SessionAccount(A) = %+v, %v", got, err)
	}
	if got, err := s.SessionAccount(ctx, tokB); err != nil || got.ID != b.ID {
		t.Errorf("SessionAccount(B) = %+v, %v", got, err)
	}
	// Only the hash of the token is stored.
	var ids []string
	s.r.Raw("SELECT id FROM sessions").Scan(&ids)
	for _, id := range ids {
		if id == tokA || id == tokB {
			t.Error("a raw session token is stored in the database")
		}
	}
	var ua string
	s.r.Raw("SELECT user_agent FROM sessions WHERE account_id = ?", a.ID).Scan(&ua)
	if len(ua) != 200 {
		t.Errorf("user agent stored with %d bytes; want truncated to 200", len(ua))
	}

	for _, tok := range []string{"", "nope", strings.ToUpper(tokA), tokA + "0"} {
		if _, err := s.SessionAccount(ctx, tok); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("SessionAccount(%q) = %v; want ErrNotFound", tok, err)
		}
	}

	// Log-out ends exactly that session.
	if err := s.DeleteSession(ctx, tokB); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionAccount(ctx, tokB); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("deleted session still answers: %v", err)
	}
	if _, err := s.SessionAccount(ctx, tokA); err != nil {
		t.Errorf("deleting B ended A: %v", err)
	}

	// Expiry: A lasts one hour by the program clock.
	clock.Advance(59 * time.Minute)
	if _, err := s.SessionAccount(ctx, tokA); err != nil {
		t.Errorf("session ended before its time: %v", err)
	}
	clock.Advance(2 * time.Minute)
	if _, err := s.SessionAccount(ctx, tokA); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("expired session still answers: %v", err)
	}
	// Expired rows are swept when the next session starts.
	if _, err := s.CreateSession(ctx, b.ID, time.Hour, "", ""); err != nil {
		t.Fatal(err)
	}
	var n int64
	s.r.Raw("SELECT count(*) FROM sessions WHERE account_id = ?", a.ID).Scan(&n)
	if n != 0 {
		t.Errorf("%d expired sessions of A left", n)
	}
}

func TestLoginThrottleCounts(t *testing.T) {
	s, clock, _ := newTestStore(t, testStart)
	ctx := context.Background()
	since := func() time.Time { return clock.Now().Add(-15 * time.Minute) }

	for i := 0; i < 3; i++ {
		if err := s.RecordLogin(ctx, "Li@Example.com", "10.0.0.1", false); err != nil {
			t.Fatal(err)
		}
	}
	_ = s.RecordLogin(ctx, "li@example.com", "10.0.0.2", false)
	_ = s.RecordLogin(ctx, "other@example.com", "10.0.0.1", false)
	_ = s.RecordLogin(ctx, "li@example.com", "10.0.0.1", true) // successes never count

	byEmail, byIP, err := s.FailedLogins(ctx, " LI@example.com", "10.0.0.1", since())
	if err != nil || byEmail != 4 || byIP != 4 {
		t.Errorf("FailedLogins = %d by e-mail, %d by address, %v; want 4 and 4", byEmail, byIP, err)
	}
	byEmail, byIP, _ = s.FailedLogins(ctx, "nobody@example.com", "10.0.0.9", since())
	if byEmail != 0 || byIP != 0 {
		t.Errorf("unrelated counts = %d, %d", byEmail, byIP)
	}

	// Attempts older than the window stop counting.
	clock.Advance(10 * time.Minute)
	_ = s.RecordLogin(ctx, "li@example.com", "10.0.0.1", false)
	clock.Advance(6 * time.Minute)
	byEmail, byIP, _ = s.FailedLogins(ctx, "li@example.com", "10.0.0.1", since())
	if byEmail != 1 || byIP != 1 {
		t.Errorf("after the window = %d by e-mail, %d by address; want 1 and 1", byEmail, byIP)
	}
}

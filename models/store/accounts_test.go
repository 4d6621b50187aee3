package store

import (
	"context"
	"errors"
	"testing"

	"gorm.io/gorm"

	"growthcard/models"
)

func TestCreateAccountUniqueEmailAndChannel(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	ctx := context.Background()
	a := newAccount(t, s, 3200)
	if a.ID == 0 || a.CreatedAt.IsZero() {
		t.Fatalf("created account = %+v", a)
	}

	other := "fresh_channel"
	dupEmail := models.Account{Email: a.Email, PasswordHash: "x", DisplayName: "x", Role: models.RoleCreator,
		ChannelID: &other, ChannelName: "x"}
	var fe models.FieldErrors
	if err := s.CreateAccount(ctx, &dupEmail); !errors.As(err, &fe) || fe.For("email") == "" {
		t.Errorf("duplicate e-mail: %v; want a FieldErrors on email", err)
	}

	dupChannel := models.Account{Email: "new@example.com", PasswordHash: "x", DisplayName: "x",
		Role: models.RoleCreator, ChannelID: a.ChannelID, ChannelName: "x"}
	fe = nil
	if err := s.CreateAccount(ctx, &dupChannel); !errors.As(err, &fe) || fe.For("channel_id") == "" {
		t.Errorf("duplicate channel: %v; want a FieldErrors on channel_id", err)
	}
	n, err := s.CountAccounts(ctx, "")
	if err != nil || n != 1 {
		t.Errorf("accounts after refused duplicates = %d, %v; want 1", n, err)
	}

	// The unique indexes hold even when the friendly pre-check is bypassed.
	raw := models.Account{Email: "raw@example.com", PasswordHash: "x", DisplayName: "x",
		Role: models.RoleCreator, ChannelID: a.ChannelID, ChannelName: "x"}
	err = s.tx(ctx, func(tx *gorm.DB) error { return tx.Create(&raw).Error })
	if err == nil {
		t.Error("the channel_id unique index did not hold")
	}
}

func TestAccountLookups(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	ctx := context.Background()
	a := newAccount(t, s, 10)
	if got, err := s.AccountByEmail(ctx, "  "+a.Email+" "); err != nil || got.ID != a.ID {
		t.Errorf("AccountByEmail = %+v, %v", got, err)
	}
	if got, err := s.AccountByEmail(ctx, "CREATOR"+a.Email[len("creator"):]); err != nil || got.ID != a.ID {
		t.Errorf("AccountByEmail ignores case: %+v, %v", got, err)
	}
	if got, err := s.AccountByChannel(ctx, a.Channel()); err != nil || got.ID != a.ID {
		t.Errorf("AccountByChannel = %+v, %v", got, err)
	}
	if _, err := s.Account(ctx, a.ID+100); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
	if _, err := s.AccountByEmail(ctx, "nobody@example.com"); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unknown e-mail: %v", err)
	}
	if _, err := s.AccountByChannel(ctx, "nobody"); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unknown channel: %v", err)
	}
}

func TestUpsertManager(t *testing.T) {
	s, _, _ := newTestStore(t, testStart)
	ctx := context.Background()
	m, err := s.UpsertManager(ctx, " Boss@Example.com ", "运营", "hash1")
	if err != nil || m.Role != models.RoleManager || m.Email != "boss@example.com" || m.ChannelID != nil {
		t.Fatalf("UpsertManager = %+v, %v", m, err)
	}
	m2, err := s.UpsertManager(ctx, "boss@example.com", "运营", "hash2")
	if err != nil || m2.ID != m.ID {
		t.Fatalf("second UpsertManager = %+v, %v", m2, err)
	}
	got, _ := s.Account(ctx, m.ID)
	if got.PasswordHash != "hash2" {
		t.Errorf("password not reset: %q", got.PasswordHash)
	}
	// Two managers without a channel do not collide on the channel_id unique index.
	if _, err := s.UpsertManager(ctx, "second@example.com", "运营", "h"); err != nil {
		t.Errorf("second manager: %v", err)
	}
	// A creator's e-mail is never turned into a manager.
	c := newAccount(t, s, 10)
	var fe models.FieldErrors
	if _, err := s.UpsertManager(ctx, c.Email, "x", "h"); !errors.As(err, &fe) {
		t.Errorf("creator promoted: %v", err)
	}
	if got, _ := s.Account(ctx, c.ID); got.Role != models.RoleCreator || got.PasswordHash != "x" {
		t.Errorf("creator changed: %+v", got)
	}
	for role, want := range map[string]int64{"": 3, models.RoleManager: 2, models.RoleCreator: 1} {
		if n, err := s.CountAccounts(ctx, role); err != nil || n != want {
			t.Errorf("CountAccounts(%q) = %d, %v; want %d", role, n, err, want)
		}
	}
}

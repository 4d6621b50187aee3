package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"growthcard/models"
)

// TestBackupIsAWorkingDatabase: the copy opens, is migrated and holds the data.
func TestBackupIsAWorkingDatabase(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "live.db"), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ch := "sph_backup"
	a := models.Account{Email: "b@example.com", PasswordHash: "x", DisplayName: "备份", Role: models.RoleCreator,
		ChannelID: &ch, ChannelName: "备份号", Fans: 1200, ShortVideoEnabled: true}
	if err := s.CreateAccount(context.Background(), &a); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "copy.db")
	if err := s.Backup(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(context.Background(), out); err == nil {
		t.Error("a second backup over the first one was allowed")
	}
	c, err := Open(out, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got, err := c.AccountByChannel(context.Background(), ch)
	if err != nil || got.Email != a.Email {
		t.Fatalf("copy holds %+v, %v", got, err)
	}
}

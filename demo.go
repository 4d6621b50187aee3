package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"growthcard/handlers"
	"growthcard/models"
	"growthcard/models/store"
)

// demo fills an empty database with a manager and a few creators, and prints how to
// log in. Running it again adds nothing.
func demo(ctx context.Context, st *store.Store, now func() time.Time, out io.Writer) error {
	const pw = "growthcard-demo"
	n, err := st.CountAccounts(ctx, "")
	if err != nil {
		return err
	}
	if n == 0 {
		hash, err := handlers.HashPassword(pw)
		if err != nil {
			return err
		}
		if _, err := st.UpsertManager(ctx, "manager@demo.growthcard", "演示运营", hash); err != nil {
			return err
		}
		for i, f := range []int64{800, 3200, 25000, 150000} {
			ch := fmt.Sprintf("demo_channel_%d", i+1)
			a := models.Account{Email: fmt.Sprintf("creator%d@demo.growthcard", i+1), PasswordHash: hash,
				DisplayName: fmt.Sprintf("演示带货者%d", i+1), Role: models.RoleCreator, ChannelID: &ch,
				ChannelName: fmt.Sprintf("好物分享%d号", i+1), Fans: f, ShortVideoEnabled: true}
			if err := st.CreateAccount(ctx, &a); err != nil {
				return err
			}
		}
	}
	fmt.Fprintln(out, "demo log-ins (password "+pw+"):")
	fmt.Fprintln(out, "  manager:  manager@demo.growthcard")
	fmt.Fprintln(out, "  creators: creator1@demo.growthcard … creator4@demo.growthcard")
	return nil
}

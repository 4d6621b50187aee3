package web_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"growthcard/models"
	"growthcard/models/store"
)

// loadDB returns a private copy of the seeded load database, seeding it into the
// cache first when this schema and seed version have none.
func loadDB(b *testing.B) string {
	b.Helper()
	cached := filepath.Join(os.TempDir(), fmt.Sprintf("growthcard-load-schema%d-seed%d.db", store.LatestSchemaVersion(), loadSeedVersion))
	if _, err := os.Stat(cached); err != nil {
		start := time.Now()
		tmp := fmt.Sprintf("%s.%d.tmp", cached, os.Getpid())
		defer func() { // a seeding cut short leaves nothing behind
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(tmp + suffix)
			}
		}()
		seedLoad(b, tmp)
		if err := os.Rename(tmp, cached); err != nil {
			b.Fatal(err)
		}
		b.Logf("seeded %s in %.1fs", cached, time.Since(start).Seconds())
	}
	path := filepath.Join(b.TempDir(), "growthcard.db")
	if err := copyFile(cached, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// copyFile copies src to dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// seedLoad builds the load database at path: the schema and campaign through the
// store; creators, pending enrolments, videos and the first orders (events and their
// folded states, models.ApplyEvent) in bulk SQL on the closed file; then, through the
// store again, every enrolment approved (each approval computes the entitlement from
// the orders known) and the last loadTrickle orders ingested in webhook-sized batches.
func seedLoad(b *testing.B, path string) {
	b.Helper()
	ctx := context.Background()
	now := func() time.Time { return inCampaign }
	st, err := store.Open(path, now)
	if err != nil {
		b.Fatal(err)
	}
	camp, err := st.RunningCampaign(ctx)
	if err != nil {
		b.Fatal(err)
	}
	mgr, err := st.UpsertManager(ctx, "load-manager@example.com", "运营", testHash)
	if err != nil {
		b.Fatal(err)
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}

	trickle := seedLoadSQL(b, path, camp)

	if st, err = store.Open(path, now); err != nil {
		b.Fatal(err)
	}
	ids := make([]int64, 0, 500)
	for i := range loadAccounts {
		ids = append(ids, int64(loadFirstID+i))
		if len(ids) == cap(ids) || i == loadAccounts-1 {
			if err := st.Decide(ctx, store.Actor{ID: mgr.ID, Email: mgr.Email}, ids, store.Decision{Approve: true}); err != nil {
				b.Fatal(err)
			}
			ids = ids[:0]
		}
	}
	if _, err := st.IngestEvents(ctx, trickle, "webhook"); err != nil {
		b.Fatal(err)
	}
	// Every account: the ledger sums to the cached balance, which is what the rules give.
	for i := range loadAccounts {
		id := int64(loadFirstID + i)
		ent, err := st.Entitlement(ctx, fmt.Sprintf("load_%05d", i), camp)
		if err != nil {
			b.Fatal(err)
		}
		bal, err := st.Balance(ctx, id, camp.ID)
		if err != nil {
			b.Fatal(err)
		}
		var sum int64
		entries, _, err := st.Ledger(ctx, id, camp.ID, 1, 500)
		if err != nil {
			b.Fatal(err)
		}
		for _, le := range entries {
			sum += int64(le.Delta)
		}
		if bal.Earned != ent.Points || bal.Balance != bal.Earned || int64(bal.Earned) != sum || len(entries) < 2 {
			b.Fatalf("account %d: balance %+v, %d entries summing to %d, rules give %v", id, bal, len(entries), sum, ent.Points)
		}
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
}

// loadOrder draws order n of the load database: its settlement and, for one in 20,
// its later cancellation. Channels whose number is a multiple of 5 are newcomers,
// with no order in the baseline period.
func loadOrder(rng *rand.Rand, camp models.Campaign, n int) []models.OrderEvent {
	ch := n % loadAccounts
	source := models.SourceShortVideo
	switch r := rng.IntN(20); {
	case r < 2:
		source = models.SourceLive
	case r < 3:
		source = models.SourceOther
	}
	var at time.Time
	if ch%5 != 0 && rng.IntN(5) < 2 {
		at = camp.BaselineStart.Add(time.Duration(rng.Int64N(int64(camp.BaselineEnd.Sub(camp.BaselineStart)))))
	} else {
		at = camp.StartsAt.Add(time.Duration(rng.Int64N(int64(inCampaign.Add(-time.Hour).Sub(camp.StartsAt)))))
	}
	at = at.Truncate(time.Second)
	settle := models.OrderEvent{EventID: fmt.Sprintf("load:s%07d", n), OrderID: fmt.Sprintf("lo%07d", n),
		ChannelID: fmt.Sprintf("load_%05d", ch), VideoID: fmt.Sprintf("v%d", n%loadVideosPerAccount), Source: source,
		Amount: models.Fen(1000 + rng.Int64N(500_000)), Status: models.StatusSettled, SettledAt: at}
	if rng.IntN(20) != 0 {
		return []models.OrderEvent{settle}
	}
	cancel := settle
	cancel.EventID, cancel.Status, cancel.Amount = fmt.Sprintf("load:c%07d", n), models.StatusCancelled, 0
	cancel.SettledAt = at.Add(time.Duration(1+rng.IntN(48)) * time.Hour)
	return []models.OrderEvent{settle, cancel}
}

// seedLoadSQL writes creators, enrolments, videos and all but the last loadTrickle
// orders straight into the file at path, in one transaction, and returns the events
// of the rest.
func seedLoadSQL(b *testing.B, path string, camp models.Campaign) []models.OrderEvent {
	b.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000&_foreign_keys=on&_txlock=immediate&_cache_size=-500000")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	created := inCampaign.UTC().Add(-30 * 24 * time.Hour)
	ins := func(table string, cols []string, rows int) *bulkInsert {
		return newBulkInsert(b, tx, table, cols, rows)
	}
	accounts := ins("accounts", []string{"id", "email", "password_hash", "display_name", "role", "channel_id", "channel_name",
		"fans", "self_operated", "short_video_enabled", "created_at", "updated_at"}, 100)
	enrolments := ins("enrollments", []string{"id", "account_id", "campaign_id", "status", "created_at"}, 100)
	videos := ins("videos", []string{"account_id", "campaign_id", "title", "product_name", "video_url", "day", "seq", "created_at"}, 100)
	for i := range loadAccounts {
		id := loadFirstID + i
		accounts.add(id, fmt.Sprintf("load%05d@example.com", i), testHash, fmt.Sprintf("带货者%d", i), models.RoleCreator,
			fmt.Sprintf("load_%05d", i), fmt.Sprintf("好物分享%d号", i), 1000+i*37%200000, false, true, created, created)
	}
	accounts.flush() // before the rows that refer to them
	for i := range loadAccounts {
		id := loadFirstID + i
		enrolments.add(id, id, camp.ID, models.EnrollPending, created)
		for d := range loadVideosPerAccount {
			at := inCampaign.Add(-time.Duration(d) * 24 * time.Hour)
			videos.add(id, camp.ID, fmt.Sprintf("第%d天的带货短视频:冬季保温杯开箱测评", d), "316不锈钢保温杯 500ml",
				fmt.Sprintf("https://channels.weixin.qq.com/v/%d", id*100+d), models.Day(at), 1, at.UTC())
		}
	}
	events := ins("order_events", []string{"event_id", "order_id", "channel_id", "video_id", "source", "amount", "status",
		"settled_at", "via", "received_at"}, 100)
	orders := ins("orders", []string{"order_id", "channel_id", "video_id", "source", "amount", "status", "cancelled",
		"settled_at", "settled_day", "last_event_id", "updated_at"}, 100)
	rng := rand.New(rand.NewPCG(7, 7))
	total := loadAccounts * loadOrdersPerAccount
	var trickle []models.OrderEvent
	for n := range total {
		evs := loadOrder(rng, camp, n)
		if n >= total-loadTrickle {
			trickle = append(trickle, evs...)
			continue
		}
		var state *models.OrderState
		for _, ev := range evs {
			events.add(ev.EventID, ev.OrderID, ev.ChannelID, ev.VideoID, ev.Source, int64(ev.Amount), ev.Status,
				ev.SettledAt.UTC(), "import:0", created)
			next := models.ApplyEvent(state, ev)
			state = &next
		}
		orders.add(state.OrderID, state.ChannelID, state.VideoID, state.Source, int64(state.Amount), state.Status,
			state.Cancelled, state.SettledAt.UTC(), models.Day(state.SettledAt), state.EventID, created)
	}
	for _, bi := range []*bulkInsert{enrolments, videos, events, orders} {
		bi.flush()
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return trickle
}

// bulkInsert batches rows into multi-row INSERT statements.
type bulkInsert struct {
	b     *testing.B
	tx    *sql.Tx
	head  string
	cols  int
	rows  int
	full  *sql.Stmt
	queue []any
}

func newBulkInsert(b *testing.B, tx *sql.Tx, table string, cols []string, rows int) *bulkInsert {
	bi := &bulkInsert{b: b, tx: tx, head: "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ",
		cols: len(cols), rows: rows}
	var err error
	if bi.full, err = tx.Prepare(bi.query(rows)); err != nil {
		b.Fatal(err)
	}
	return bi
}

func (bi *bulkInsert) query(rows int) string {
	group := "(" + strings.Repeat("?,", bi.cols-1) + "?)"
	return bi.head + strings.Repeat(group+",", rows-1) + group
}

// add queues one row, writing a full statement's worth when there is one.
func (bi *bulkInsert) add(values ...any) {
	bi.queue = append(bi.queue, values...)
	if len(bi.queue) == bi.cols*bi.rows {
		if _, err := bi.full.Exec(bi.queue...); err != nil {
			bi.b.Fatal(err)
		}
		bi.queue = bi.queue[:0]
	}
}

// flush writes the queued rows.
func (bi *bulkInsert) flush() {
	if len(bi.queue) == 0 {
		return
	}
	if _, err := bi.tx.Exec(bi.query(len(bi.queue)/bi.cols), bi.queue...); err != nil {
		bi.b.Fatal(err)
	}
	bi.queue = bi.queue[:0]
}

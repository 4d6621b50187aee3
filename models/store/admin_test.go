package store

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"growthcard/models"
)

// admNow is the clock of these tests: day 19 of the default campaign.
var admNow = time.Date(2025, 12, 10, 10, 0, 0, 0, models.Beijing)

// admStore opens a fresh store in a temporary directory with a fixed clock; the
// package's manager actor is its first manager.
func admStore(t testing.TB) (*Store, models.Campaign) {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "admin.db"), func() time.Time { return admNow })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c, err := s.RunningCampaign(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.UpsertManager(context.Background(), manager.Email, "运营", "x")
	if err != nil || m.ID != manager.ID {
		t.Fatalf("manager %d %v", m.ID, err)
	}
	return s, c
}

// admAccount creates a creator (or merchant) with a channel.
func admAccount(t testing.TB, s *Store, key string, fans int64, opts ...func(*models.Account)) models.Account {
	t.Helper()
	ch := key
	a := models.Account{Email: strings.ToLower(key) + itoa(fans) + "@example.com", PasswordHash: "x", DisplayName: "名" + key,
		Role: models.RoleCreator, ChannelID: &ch, ChannelName: "频道" + key, Fans: fans, ShortVideoEnabled: true}
	for _, o := range opts {
		o(&a)
	}
	if err := s.CreateAccount(context.Background(), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

func admEnroll(t testing.TB, s *Store, a models.Account, c models.Campaign) models.Enrollment {
	t.Helper()
	e, err := s.Enroll(context.Background(), Actor{ID: a.ID, Email: a.Email}, a.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// admSettle stores one settled short-video order through the ingestion path.
func admSettle(t testing.TB, s *Store, id, channel string, yuan int64, at time.Time) {
	t.Helper()
	_, err := s.IngestEvents(context.Background(), []models.OrderEvent{{EventID: id + "-s", OrderID: id,
		ChannelID: channel, Source: models.SourceShortVideo, Amount: models.Fen(yuan * 100),
		Status: models.StatusSettled, SettledAt: at}}, "test")
	if err != nil {
		t.Fatal(err)
	}
}

// manager is the first account of every test store.
var manager = Actor{ID: 1, Email: "boss@example.com", IP: "127.0.0.1"}

func TestListQueueFiltersSortsAndHints(t *testing.T) {
	ctx := context.Background()
	s, c := admStore(t)
	veteran := admAccount(t, s, "veteran", 50000)
	newbie := admAccount(t, s, "newbie", 1020)
	shop := admAccount(t, s, "shop", 300, func(a *models.Account) { a.Role, a.SelfOperated = models.RoleMerchant, true })
	twin := admAccount(t, s, "Veteran_2", 4000)
	dup := admAccount(t, s, "VETERAN", 2000) // the same channel as "veteran", other letter case
	admSettle(t, s, "b1", "veteran", 1000, time.Date(2025, 9, 1, 12, 0, 0, 0, models.Beijing))
	for _, a := range []models.Account{veteran, newbie, shop, twin} {
		admEnroll(t, s, a, c)
	}
	for range 2 { // two enrol/withdraw cycles, then a third application
		admEnroll(t, s, dup, c)
		if err := s.Withdraw(ctx, Actor{ID: dup.ID}, dup.ID, c.ID); err != nil {
			t.Fatal(err)
		}
	}
	admEnroll(t, s, dup, c)

	list := func(f models.EnrollmentFilter) ([]models.QueueRow, int64) {
		t.Helper()
		f.CampaignID = c.ID
		rows, total, err := s.ListQueue(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return rows, total
	}
	names := func(rows []models.QueueRow) string {
		var out []string
		for _, r := range rows {
			out = append(out, r.ChannelID)
		}
		return strings.Join(out, ",")
	}
	if rows, total := list(models.EnrollmentFilter{Status: models.EnrollPending}); total != 5 || names(rows) != "veteran,newbie,shop,Veteran_2,VETERAN" {
		t.Errorf("pending: %d %s", total, names(rows))
	}
	if _, total := list(models.EnrollmentFilter{}); total != 7 {
		t.Errorf("every state: %d; want 7", total)
	}
	if rows, _ := list(models.EnrollmentFilter{Status: models.EnrollWithdrawn}); names(rows) != "VETERAN,VETERAN" {
		t.Errorf("withdrawn: %s", names(rows))
	}
	if rows, _ := list(models.EnrollmentFilter{Status: models.EnrollPending, Newcomer: models.FilterNo}); names(rows) != "veteran" {
		t.Errorf("veterans: %s", names(rows))
	}
	if rows, _ := list(models.EnrollmentFilter{Status: models.EnrollPending, Newcomer: models.FilterYes}); len(rows) != 4 {
		t.Errorf("newcomers: %s", names(rows))
	}
	if rows, _ := list(models.EnrollmentFilter{Role: models.RoleMerchant, SelfOperated: models.FilterYes}); names(rows) != "shop" {
		t.Errorf("self-operated merchants: %s", names(rows))
	}
	min, max := int64(1000), int64(4000)
	if rows, _ := list(models.EnrollmentFilter{Status: models.EnrollPending, FansMin: &min, FansMax: &max, Sort: models.SortFansDesc}); names(rows) != "Veteran_2,VETERAN,newbie" {
		t.Errorf("fans 1,000–4,000 by fans: %s", names(rows))
	}
	if rows, _ := list(models.EnrollmentFilter{Status: models.EnrollPending, Query: "VETERAN_"}); names(rows) != "Veteran_2" {
		t.Errorf("search is case-insensitive and _ is literal: %s", names(rows))
	}
	if rows, total := list(models.EnrollmentFilter{Status: models.EnrollPending, PerPage: 2, Page: 3}); total != 5 || names(rows) != "VETERAN" {
		t.Errorf("page 3 of 2: %d %s", total, names(rows))
	}
	if rows, total := list(models.EnrollmentFilter{Status: models.EnrollPending, Query: "vet", PerPage: 2, Page: 2}); total != 3 || names(rows) != "VETERAN" {
		t.Errorf("filtered page 2 of 2: %d %s", total, names(rows))
	}
	if rows, total := list(models.EnrollmentFilter{Status: models.EnrollPending, Query: "vet", PerPage: 2, Page: 7}); total != 3 || len(rows) != 0 {
		t.Errorf("past the last filtered page: %d %s", total, names(rows))
	}

	rows, _ := list(models.EnrollmentFilter{Status: models.EnrollPending})
	hints := map[string]string{}
	for _, r := range rows {
		hints[r.ChannelID] = strings.Join(r.Risks, "+")
		if r.ChannelID == "veteran" && r.Newcomer {
			t.Error("veteran flagged as newcomer")
		}
	}
	want := map[string]string{"veteran": "channel_reused", "newbie": "near_threshold", "shop": "",
		"Veteran_2": "", "VETERAN": "channel_reused+withdraw_cycles"}
	for ch, w := range want {
		if hints[ch] != w {
			t.Errorf("hints of %s = %q; want %q", ch, hints[ch], w)
		}
	}
	for _, r := range rows {
		if r.ChannelID == "VETERAN" && (r.History.Applications != 3 || r.History.Withdrawn != 2) {
			t.Errorf("history %+v", r.History)
		}
	}
}

func TestUpdateCampaignRecomputesThroughTheLedger(t *testing.T) {
	ctx := context.Background()
	s, c := admStore(t)
	a := admAccount(t, s, "newbie", 5000)
	e := admEnroll(t, s, a, c)
	admSettle(t, s, "o1", "newbie", 200000, time.Date(2025, 11, 25, 12, 0, 0, 0, models.Beijing))
	if err := s.Decide(ctx, manager, []int64{e.ID}, Decision{Approve: true}); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.Balance(ctx, a.ID, c.ID); b.Earned != 300000 {
		t.Fatalf("earned %s before; want 3000.00", b.Earned)
	}
	changed := c
	changed.RateBps = 300
	n, err := s.UpdateCampaign(ctx, manager, changed)
	if err != nil || n != 1 {
		t.Fatalf("update: %d %v", n, err)
	}
	b, _ := s.Balance(ctx, a.ID, c.ID)
	if b.Earned != 600000 || b.Balance != 600000 {
		t.Errorf("after doubling the rate: %+v", b)
	}
	var entries []LedgerEntry
	s.read(ctx).Where("account_id = ?", a.ID).Order("id").Find(&entries)
	last := entries[len(entries)-1]
	if !strings.HasPrefix(last.CauseKey, "settings:"+itoa(c.ID)+":") || last.Delta != 300000 {
		t.Errorf("last entry %+v", last)
	}
	audit, _, _ := s.ListAudit(ctx, models.AuditFilter{Action: "campaign.update"})
	if len(audit) != 1 || !strings.Contains(audit[0].Before, `"rate_bps":150`) || !strings.Contains(audit[0].After, `"rate_bps":300`) {
		t.Errorf("audit %+v", audit)
	}
	if last.CauseKey != "settings:"+itoa(c.ID)+":"+itoa(audit[0].ID)+":"+itoa(a.ID) {
		t.Errorf("cause key %q names another audit entry", last.CauseKey)
	}
	// A setting that does not change points writes no ledger entry.
	changed.Name, changed.MinFans = "改名", 2000
	if n, err := s.UpdateCampaign(ctx, manager, changed); err != nil || n != 0 {
		t.Errorf("non-reward update: %d %v", n, err)
	}
	var count int64
	s.read(ctx).Model(&LedgerEntry{}).Where("account_id = ?", a.ID).Count(&count)
	if count != int64(len(entries)) {
		t.Errorf("ledger grew to %d", count)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestNewCampaignOneRunningAtATime(t *testing.T) {
	ctx := context.Background()
	s, c := admStore(t)
	next := models.NextEdition(c)
	next.Running = true
	if err := s.NewCampaign(ctx, manager, &next); err != nil {
		t.Fatal(err)
	}
	running, err := s.RunningCampaign(ctx)
	if err != nil || running.ID != next.ID {
		t.Fatalf("running %+v %v", running, err)
	}
	if old, _ := s.Campaign(ctx, c.ID); old.Running {
		t.Error("the old campaign still runs")
	}
	again := models.NextEdition(c)
	var fe models.FieldErrors
	if err := s.NewCampaign(ctx, manager, &again); !errors.As(err, &fe) || fe.For("slug") == "" {
		t.Errorf("duplicate slug: %v", err)
	}
}

func TestCorrectFansAuditedAndAuditAppendOnly(t *testing.T) {
	ctx := context.Background()
	s, _ := admStore(t)
	a := admAccount(t, s, "fans", 52000)
	if err := s.CorrectFans(ctx, manager, a.ID, 15200, "核对后台"); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Account(ctx, a.ID)
	if got.Fans != 15200 {
		t.Errorf("fans %d", got.Fans)
	}
	rows, _, _ := s.ListAudit(ctx, models.AuditFilter{Action: "account.fans_correct", Target: "account:" + itoa(a.ID)})
	if len(rows) != 1 || rows[0].Before != `{"fans":52000}` || !strings.Contains(rows[0].After, `"fans":15200`) {
		t.Fatalf("audit %+v", rows)
	}
	if err := s.w.Exec("UPDATE audit_log SET action = 'x'").Error; err == nil {
		t.Error("audit log entry updated")
	}
	if err := s.w.Exec("DELETE FROM audit_log").Error; err == nil {
		t.Error("audit log entry deleted")
	}
	if err := s.CorrectFans(ctx, manager, 99999, 1, ""); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unknown account: %v", err)
	}
}

func TestStreamEnrollmentsAndPoints(t *testing.T) {
	ctx := context.Background()
	s, c := admStore(t)
	a := admAccount(t, s, "seller", 5000)
	b := admAccount(t, s, "other", 800, func(a *models.Account) { a.Role = models.RoleMerchant })
	e := admEnroll(t, s, a, c)
	admEnroll(t, s, b, c)
	admSettle(t, s, "o1", "seller", 200000, time.Date(2025, 11, 25, 12, 0, 0, 0, models.Beijing))
	if err := s.Decide(ctx, manager, []int64{e.ID}, Decision{Approve: true}); err != nil {
		t.Fatal(err)
	}
	var rows []models.ExportRow
	err := s.StreamEnrollments(ctx, models.EnrollmentFilter{CampaignID: c.ID, Status: models.EnrollApproved},
		func(r models.ExportRow) error { rows = append(rows, r); return nil })
	if err != nil || len(rows) != 1 {
		t.Fatalf("rows %+v %v", rows, err)
	}
	r := rows[0]
	if r.Email != "seller5000@example.com" || !r.Newcomer || r.CampaignGMV != 20000000 || r.Points.Earned != 300000 || r.DecidedAt == nil {
		t.Errorf("row %+v", r)
	}
	var points []models.PointsRow
	if err := s.StreamPoints(ctx, c, func(r models.PointsRow) error { points = append(points, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(points) != 1 || points[0].Entitlement.Points != 300000 || points[0].Points.Balance != 300000 || points[0].Status != models.EnrollApproved {
		t.Errorf("points %+v", points)
	}
	stop := errors.New("stop")
	if err := s.StreamEnrollments(ctx, models.EnrollmentFilter{CampaignID: c.ID}, func(models.ExportRow) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("callback error not returned: %v", err)
	}
}

func TestOverview(t *testing.T) {
	ctx := context.Background()
	s, c := admStore(t)
	a := admAccount(t, s, "seller", 5000)
	vet := admAccount(t, s, "vet", 20000)
	pend := admAccount(t, s, "pend", 3000)
	for _, x := range []models.Account{a, vet} {
		e := admEnroll(t, s, x, c)
		if err := s.Decide(ctx, manager, []int64{e.ID}, Decision{Approve: true}); err != nil {
			t.Fatal(err)
		}
	}
	admEnroll(t, s, pend, c)
	admSettle(t, s, "b1", "vet", 100, time.Date(2025, 8, 2, 12, 0, 0, 0, models.Beijing))
	admSettle(t, s, "o1", "seller", 1000, time.Date(2025, 11, 23, 23, 59, 0, 0, models.Beijing))
	admSettle(t, s, "o2", "seller", 500, time.Date(2025, 11, 24, 0, 1, 0, 0, models.Beijing))
	admSettle(t, s, "o3", "pend", 700, time.Date(2025, 11, 24, 0, 1, 0, 0, models.Beijing)) // not approved
	v := models.Video{AccountID: a.ID, CampaignID: c.ID, Title: "t", ProductName: "p", Day: "2025-12-10"}
	if err := s.RegisterVideo(ctx, &v, 2); err != nil {
		t.Fatal(err)
	}
	o, err := s.Overview(ctx, c, admNow)
	if err != nil {
		t.Fatal(err)
	}
	if o.Approved != 2 || o.Counts[models.EnrollPending] != 1 || o.Newcomers != 1 {
		t.Errorf("counts %+v newcomers %d", o.Counts, o.Newcomers)
	}
	if len(o.Days) != 19 || o.Days[18] != "2025-12-10" || o.GMV[1] != 100000 || o.GMV[2] != 50000 || o.TotalGMV != 150000 {
		t.Errorf("days %d gmv %v total %v", len(o.Days), o.GMV[:3], o.TotalGMV)
	}
	if o.VideosToday() != 1 || o.Capacity() != 2+5 {
		t.Errorf("videos today %d capacity %d", o.VideosToday(), o.Capacity())
	}
	var pts models.Points
	for _, p := range o.Points {
		pts += p
	}
	if pts != o.Earned || o.Earned != 2250 { // ¥1,500.00 × 1.5 %
		t.Errorf("points per day sum %s, earned %s", pts, o.Earned)
	}
	if len(o.Top) != 1 || o.Top[0].AccountID != a.ID || o.Top[0].GMV != 150000 {
		t.Errorf("top %+v", o.Top)
	}
}

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"growthcard/models/store"
)

// strangers numbers the unknown addresses that try to log in.
var strangers atomic.Int64

// login signs in through the form and answers where it landed.
func (tb *tab) login(email string) string {
	tb.t.Helper()
	tb.open("/login")
	tb.fill("#f-email", email)
	tb.fill("#f-password", password)
	if st := tb.submit("log in as "+email, `[data-testid="login-form"] button[type="submit"]`); st != 200 && st != 404 {
		tb.fail("log in as "+email, "status %d", st)
	}
	return tb.path()
}

// visit is one page state the layout, accessibility and screenshot checks cover.
type visit struct {
	Name   string
	Path   string
	As     string // "" visitor, else the e-mail to log in with
	Status int64  // expected document status
	Prep   func(tb *tab)
}

// fixture fills a server with one of every account state the pages show:
// a fresh creator, a pending one with orders waiting for approval, an approved one
// with videos, points and a heated video, one with a full quota, an ineligible
// one, and managers with a queue to review, an audit log and order imports.
type fixture struct {
	s                                          *server
	fresh, pending, approved, full, ineligible string
	managers                                   [3]string // the console's pages, shared out so they run in parallel
	approvedID, campaignID                     int64
	goodCSV, badCSV                            string // orders files for the import form
}

// sharedFixture is one fixture for the tests that only look at pages (the
// accessibility, layout and screenshot walks), so its accounts are made once.
// Its server lives until all the package's tests have run.
func sharedFixture(t *testing.T) *fixture {
	t.Helper()
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "growthcard-e2e-")
		if err != nil {
			t.Fatal(err)
		}
		afterAll = append(afterAll, func() { _ = os.RemoveAll(dir) })
		s := startServer(t, dir, func(f func()) { afterAll = append(afterAll, f) })
		shared.f = fill(t, s, dir)
		shared.ok = !t.Failed()
	})
	if !shared.ok {
		t.Fatal("the shared fixture could not be built")
	}
	return shared.f
}

var shared struct {
	once sync.Once
	f    *fixture
	ok   bool
}

// fill creates the fixture's accounts on s, and its orders files in dir.
func fill(t *testing.T, s *server, dir string) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{s: s, fresh: "fresh@e2e.test", pending: "pending@e2e.test", approved: "approved@e2e.test",
		full: "full@e2e.test", ineligible: "small@e2e.test",
		managers: [3]string{"manager@e2e.test", "manager2@e2e.test", "manager3@e2e.test"}}
	s.creator(t, f.fresh, "新来的小周", "fresh_channel", 3200)
	p := s.creator(t, f.pending, "等待审核的小李", "pending_channel", 25000)
	s.enrol(t, p, false)
	a := s.creator(t, f.approved, "已通过的小王", "approved_channel", 150000)
	s.enrol(t, a, true)
	f.approvedID = a.ID
	coat := s.video(t, a, "冬季加厚羽绒服上身实测", "轻薄羽绒服")
	s.video(t, a, "三分钟学会手冲咖啡", "手冲咖啡壶套装")
	full := s.creator(t, f.full, "发满了的小陈", "full_channel", 3200)
	s.enrol(t, full, true)
	s.video(t, full, "厨房收纳好物合集", "伸缩置物架")
	s.video(t, full, "宿舍也能用的小电锅", "多功能电煮锅")
	s.creator(t, f.ineligible, "粉丝还少的小赵", "small_channel", 500)
	for i, n := range []string{"申请人一号", "申请人二号"} {
		c := s.creator(t, "queue"+string(rune('a'+i))+"@e2e.test", n, "queue_channel_"+string(rune('a'+i)), int64(1200*(i+1)))
		s.enrol(t, c, false)
	}
	for _, m := range f.managers {
		s.manager(t, m)
	}

	// Orders: the approved creator earns (¥20,000.00 + ¥6,000.00 − a refund of the
	// ¥6,000.00) × 1.5 % = 300.00 points and heats a video with 120; the pending
	// one has ¥8,000.00 waiting for the approval.
	ev := func(id, channel, amount, status, at string) orderEvent {
		return orderEvent{EventID: id + "-" + status, OrderID: id, ChannelID: channel, VideoID: "v-" + id,
			Source: "short_video", Amount: amount, Status: status, SettledAt: at}
	}
	if a := s.deliver(t, webhookBody(t, []orderEvent{
		ev("fx-1", "approved_channel", "20000.00", "settled", "2025-11-23T14:05:00+08:00"),
		ev("fx-2", "approved_channel", "6000.00", "settled", "2025-11-24T11:00:00+08:00"),
		ev("fx-2", "approved_channel", "", "cancelled", "2025-11-25T09:00:00+08:00"),
		ev("fx-3", "pending_channel", "8000.00", "settled", "2025-11-24T20:30:00+08:00"),
	})); a.Applied != 4 {
		t.Fatalf("fixture orders: %+v", a)
	}
	camp, err := s.Store.RunningCampaign(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f.campaignID = camp.ID
	if _, err := s.Store.Heat(ctx, store.Actor{ID: a.ID, Email: a.Email}, a.ID, coat.ID, camp.ID, 12000); err != nil {
		t.Fatalf("heat: %v", err)
	}

	// Orders files: a good one for a channel nobody has signed up with yet (so
	// importing it again and again changes no page), and one with bad rows.
	f.goodCSV, f.badCSV = filepath.Join(dir, "orders.csv"), filepath.Join(dir, "orders-bad.csv")
	good := "order_id,channel_id,video_id,source,amount,status,settled_at\n" +
		"imp-1,walkin_channel,v9,short_video,199.00,settled,2025-11-23 14:05:00\n" +
		"imp-2,walkin_channel,v9,live,89.90,settled,2025-11-24T10:00:00+08:00\n"
	bad := "order_id,channel_id,video_id,source,amount,status,settled_at\n" +
		"bad-1,walkin_channel,v9,short_video,一百,settled,2025-11-23 14:05:00\n" +
		"bad-2,walkin_channel,v9,tv,89.90,settled,2025-11-24T10:00:00+08:00\n" +
		"bad-3,,v9,short_video,10.00,paid,\n"
	for name, body := range map[string]string{f.goodCSV: good, f.badCSV: bad} {
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// visits lists every page state, in both languages' checks.
func (f *fixture) visits() []visit {
	m0, m1, m2 := f.managers[0], f.managers[1], f.managers[2]
	account := "/admin/accounts/" + strconv.FormatInt(f.approvedID, 10)
	campaign := "/admin/campaigns/" + strconv.FormatInt(f.campaignID, 10)
	return []visit{
		{Name: "home", Path: "/", Status: 200},
		{Name: "signup", Path: "/signup", Status: 200},
		{Name: "signup-errors", Path: "/signup", Status: 422, Prep: func(tb *tab) {
			tb.fill("#f-email", "not-an-email")
			tb.fill("#f-password", "12345678")
			tb.fill("#f-fans", "很多")
		}},
		{Name: "login", Path: "/login", Status: 200},
		{Name: "login-error", Path: "/login", Status: 401, Prep: func(tb *tab) {
			// a new address each time: five failures on one address would throttle it
			tb.fill("#f-email", "nobody"+strconv.FormatInt(strangers.Add(1), 10)+"@e2e.test")
			tb.fill("#f-password", "wrong-password")
		}},
		{Name: "not-found", Path: "/no-such-page", Status: 404},
		{Name: "dashboard-new", Path: "/dashboard", As: f.fresh, Status: 200},
		{Name: "video-errors", Path: "/dashboard", As: f.fresh, Status: 422, Prep: func(tb *tab) {
			tb.fill("#f-video_url", "ftp://example.com/video")
		}},
		{Name: "points-none", Path: "/points", As: f.fresh, Status: 200},
		{Name: "dashboard-pending", Path: "/dashboard", As: f.pending, Status: 200},
		{Name: "points-pending", Path: "/points", As: f.pending, Status: 200},
		{Name: "dashboard-approved", Path: "/dashboard", As: f.approved, Status: 200},
		{Name: "heat-error", Path: "/dashboard", As: f.approved, Status: 409, Prep: func(tb *tab) {
			tb.fill(`[data-testid="video-row"] input[name="points"]`, "5000")
		}},
		{Name: "points", Path: "/points", As: f.approved, Status: 200},
		{Name: "dashboard-full", Path: "/dashboard", As: f.full, Status: 200},
		{Name: "dashboard-ineligible", Path: "/dashboard", As: f.ineligible, Status: 200},
		{Name: "admin", Path: "/admin", As: m0, Status: 200},
		{Name: "admin-queue", Path: "/admin/enrollments?status=pending", As: m0, Status: 200},
		{Name: "admin-queue-empty", Path: "/admin/enrollments?status=rejected", As: m0, Status: 200},
		{Name: "admin-accounts", Path: "/admin/accounts", As: m0, Status: 200},
		{Name: "admin-account", Path: account, As: m1, Status: 200},
		{Name: "admin-campaigns", Path: "/admin/campaigns", As: m1, Status: 200},
		{Name: "admin-campaign", Path: campaign, As: m1, Status: 200},
		{Name: "admin-campaign-errors", Path: "/admin/campaigns/new", As: m1, Status: 422, Prep: func(tb *tab) {
			tb.fill("#f-slug", "Not A Slug!")
			tb.fill("#f-tiers", "0:1,很多")
		}},
		{Name: "admin-audit", Path: "/admin/audit", As: m2, Status: 200},
		{Name: "admin-exports", Path: "/admin/exports", As: m2, Status: 200},
		{Name: "import", Path: "/admin/orders/import", As: m2, Status: 200},
		{Name: "import-errors", Path: "/admin/orders/import", As: m2, Status: 422, Prep: func(tb *tab) {
			tb.upload("#f-file", f.badCSV)
		}},
		{Name: "import-job", Path: "/admin/orders/import", As: m2, Status: 200, Prep: func(tb *tab) {
			tb.upload("#f-file", f.goodCSV)
		}},
	}
}

// sessions lists who the visits are made as, in order ("" is a visitor).
func (f *fixture) sessions() []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range f.visits() {
		if !seen[v.As] {
			seen[v.As] = true
			out = append(out, v.As)
		}
	}
	return out
}

// forms name the form each Prep fills, by page.
var forms = map[string]string{
	"signup-errors":         `[data-testid="signup-form"]`,
	"login-error":           `[data-testid="login-form"]`,
	"video-errors":          `[data-testid="video-form"]`,
	"heat-error":            `[data-testid="video-row"] [data-testid="heat-form"]`,
	"admin-campaign-errors": `[data-testid="campaign-form"]`,
	"import-errors":         `[data-testid="import-form"]`,
	"import-job":            `[data-testid="import-form"]`,
}

// show brings tb to the page state v and checks its status.
func (f *fixture) show(tb *tab, v visit) {
	tb.t.Helper()
	st := tb.open(v.Path)
	if v.Prep != nil {
		v.Prep(tb)
		st = tb.submitForm(v.Name, forms[v.Name])
	}
	if st != v.Status {
		tb.fail(v.Name, "status %d, want %d", st, v.Status)
	}
}

package e2e

import (
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
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
	Issue  string // PENDING MERGE: the issue whose route this page needs, if any
}

// fixture fills a server with one of every account state the pages show:
// a fresh creator, a pending one, an approved one with videos and a full quota,
// an ineligible one, and a manager with a queue to review.
type fixture struct {
	s                                          *server
	fresh, pending, approved, full, ineligible string
	manager                                    string
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
		shared.f = fill(t, s)
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

// fill creates the fixture's accounts on s.
func fill(t *testing.T, s *server) *fixture {
	t.Helper()
	f := &fixture{s: s, fresh: "fresh@e2e.test", pending: "pending@e2e.test", approved: "approved@e2e.test",
		full: "full@e2e.test", ineligible: "small@e2e.test", manager: "manager@e2e.test"}
	s.creator(t, f.fresh, "新来的小周", "fresh_channel", 3200)
	p := s.creator(t, f.pending, "等待审核的小李", "pending_channel", 25000)
	s.enrol(t, p, false)
	a := s.creator(t, f.approved, "已通过的小王", "approved_channel", 150000)
	s.enrol(t, a, true)
	s.video(t, a, "冬季加厚羽绒服上身实测", "轻薄羽绒服")
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
	s.manager(t, f.manager)
	return f
}

// visits lists every page state, in both languages' checks.
func (f *fixture) visits() []visit {
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
		{Name: "dashboard-pending", Path: "/dashboard", As: f.pending, Status: 200},
		{Name: "dashboard-approved", Path: "/dashboard", As: f.approved, Status: 200},
		{Name: "dashboard-full", Path: "/dashboard", As: f.full, Status: 200},
		{Name: "dashboard-ineligible", Path: "/dashboard", As: f.ineligible, Status: 200},
		{Name: "video-errors", Path: "/dashboard", As: f.fresh, Status: 422, Prep: func(tb *tab) {
			tb.fill("#f-video_url", "ftp://example.com/video")
		}},
		{Name: "points", Path: "/points", As: f.approved, Status: 200, Issue: "issue 3 (points)"},
		{Name: "admin-queue", Path: "/admin/enrollments?status=pending", As: f.manager, Status: 200},
		{Name: "admin-queue-empty", Path: "/admin/enrollments?status=rejected", As: f.manager, Status: 200},
		{Name: "admin", Path: "/admin", As: f.manager, Status: 200, Issue: "issue 4 (admin console)"},
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
	"signup-errors": `[data-testid="signup-form"]`,
	"login-error":   `[data-testid="login-form"]`,
	"video-errors":  `[data-testid="video-form"]`,
}

// show brings tb to the page state v and checks its status. It answers false
// when the page needs a route still pending merge (it answers 404).
func (f *fixture) show(tb *tab, v visit) bool {
	tb.t.Helper()
	st := tb.open(v.Path)
	if v.Issue != "" && st == 404 {
		pendingMerge(tb.t, "GET "+v.Path, v.Issue)
		return false
	}
	if v.Prep != nil {
		v.Prep(tb)
		st = tb.submitForm(v.Name, forms[v.Name])
	}
	if st != v.Status {
		tb.fail(v.Name, "status %d, want %d", st, v.Status)
	}
	return true
}

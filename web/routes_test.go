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

// roles are the four kinds of caller every route is tried with.
var roles = []string{"visitor", "creator", "other creator", "manager"}

// TestRoutesByRole tries every route as a visitor, a creator, another creator and a
// manager, and checks the status (and the redirect target) each one gets.
func TestRoutesByRole(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	creator, _ := e.creator(3200, true, false)
	other, _ := e.creator(50000, true, false)
	manager, _ := e.manager()
	clients := map[string]*client{"visitor": e.client(), "creator": creator, "other creator": other, "manager": manager}

	// A third creator has a pending application for the admin routes to act on.
	_, applicant := e.creator(1000, true, false)
	camp, _ := e.store.RunningCampaign(context.Background())
	enr, err := e.store.Enroll(context.Background(), actorOf(applicant), applicant.ID, camp.ID)
	if err != nil {
		t.Fatal(err)
	}
	approve := fmt.Sprintf("/admin/enrollments/%d/approve", enr.ID)
	reject := fmt.Sprintf("/admin/enrollments/%d/reject", enr.ID)

	type want struct {
		status int
		loc    string
	}
	w := func(status int, loc ...string) want {
		if len(loc) > 0 {
			return want{status, loc[0]}
		}
		return want{status, ""}
	}
	// Rows run in order; within a row the roles run in the order of `roles`, so
	// the manager acts last on the shared enrolment.
	tests := []struct {
		method, path string
		form         url.Values
		want         [4]want // visitor, creator, other creator, manager
	}{
		{"GET", "/", nil, [4]want{w(200), w(200), w(200), w(200)}},
		{"GET", "/signup", nil, [4]want{w(200), w(303, "/dashboard"), w(303, "/dashboard"), w(303, "/admin")}},
		{"GET", "/login", nil, [4]want{w(200), w(303, "/dashboard"), w(303, "/dashboard"), w(303, "/admin")}},
		{"GET", "/dashboard", nil, [4]want{w(303, "/login"), w(200), w(200), w(303, "/admin")}},
		{"GET", "/api/v1/me", nil, [4]want{w(401), w(200), w(200), w(401)}},
		{"GET", "/admin/enrollments?status=pending", nil, [4]want{w(303, "/login"), w(404), w(404), w(200)}},
		{"GET", "/admin/enrollments", nil, [4]want{w(303, "/login"), w(404), w(404), w(200)}},
		{"GET", "/admin/no-such-page", nil, [4]want{w(303, "/login"), w(404), w(404), w(404)}},
		{"GET", "/healthz", nil, [4]want{w(200), w(200), w(200), w(200)}},
		{"GET", "/metrics", nil, [4]want{w(200), w(200), w(200), w(200)}},
		{"GET", "/no-such-page", nil, [4]want{w(404), w(404), w(404), w(404)}},
		{"GET", "/static/css/app.css", nil, [4]want{w(200), w(200), w(200), w(200)}},
		{"GET", "/static/nope.css", nil, [4]want{w(404), w(404), w(404), w(404)}},
		{"POST", "/dashboard", url.Values{}, [4]want{w(405), w(405), w(405), w(405)}},
		{"POST", "/enrollment/withdraw", url.Values{}, [4]want{w(401), w(409), w(409), w(404)}},
		{"POST", "/videos", url.Values{"title": {""}}, [4]want{w(401), w(422), w(422), w(404)}},
		{"POST", reject, url.Values{"reason": {"nonsense"}}, [4]want{w(401), w(404), w(404), w(422)}},
		{"POST", "/admin/enrollments/999999/approve", url.Values{}, [4]want{w(401), w(404), w(404), w(404)}},
		{"POST", "/admin/enrollments/abc/approve", url.Values{}, [4]want{w(401), w(404), w(404), w(404)}},
		{"POST", approve, url.Values{}, [4]want{w(401), w(404), w(404), w(303, "/admin/enrollments?status=pending")}},
		{"POST", approve, url.Values{}, [4]want{w(401), w(404), w(404), w(409)}},
		{"POST", "/enrollment", url.Values{}, [4]want{w(401), w(303, "/dashboard"), w(303, "/dashboard"), w(404)}},
		{"POST", "/enrollment", url.Values{}, [4]want{w(401), w(409), w(409), w(404)}},
		{"POST", "/enrollment/withdraw", url.Values{}, [4]want{w(401), w(303, "/dashboard"), w(303, "/dashboard"), w(404)}},
		{"POST", "/lang", url.Values{"lang": {"zh-CN"}, "next": {"/"}}, [4]want{w(303, "/"), w(303, "/"), w(303, "/"), w(303, "/")}},
		{"POST", "/logout", url.Values{}, [4]want{w(303, "/"), w(303, "/"), w(303, "/"), w(303, "/")}},
		{"GET", "/dashboard", nil, [4]want{w(303, "/login"), w(303, "/login"), w(303, "/login"), w(303, "/login")}},
	}
	for _, tt := range tests {
		for i, role := range roles {
			c := clients[role]
			var r *response
			if tt.method == "GET" {
				r = c.get(tt.path)
			} else {
				form := url.Values{}
				for k, v := range tt.form {
					form[k] = v
				}
				r = c.post(tt.path, form)
			}
			wantStatus(t, fmt.Sprintf("%s %s as %s", tt.method, tt.path, role), r, tt.want[i].status, tt.want[i].loc)
		}
	}
	got, _ := e.store.Enrollment(context.Background(), enr.ID)
	if got.Status != models.EnrollApproved {
		t.Errorf("enrolment is %s; want approved by the manager alone", got.Status)
	}
}

// TestCSRFRequiredOnEveryPost sends every form post without a token and with a wrong
// one, signed in as someone allowed to use it: 403 each time, and nothing changes.
func TestCSRFRequiredOnEveryPost(t *testing.T) {
	t.Parallel()
	e := newServer(t, inCampaign)
	creator, a := e.creator(3200, true, false)
	manager, _ := e.manager()
	visitor := e.client()
	visitor.token()
	camp, _ := e.store.RunningCampaign(context.Background())
	enr, _ := e.store.Enroll(context.Background(), actorOf(a), a.ID, camp.ID)

	posts := []struct {
		c    *client
		path string
		form url.Values
	}{
		{visitor, "/signup", signupForm(nil)},
		{visitor, "/login", url.Values{"email": {a.Email}, "password": {testPassword}}},
		{visitor, "/lang", url.Values{"lang": {"en"}}},
		{creator, "/logout", nil},
		{creator, "/enrollment", nil},
		{creator, "/enrollment/withdraw", nil},
		{creator, "/videos", url.Values{"title": {"开箱"}, "product_name": {"杯子"}}},
		{manager, fmt.Sprintf("/admin/enrollments/%d/approve", enr.ID), nil},
		{manager, fmt.Sprintf("/admin/enrollments/%d/reject", enr.ID), url.Values{"reason": {"other"}}},
	}
	for _, p := range posts {
		for _, tok := range []*string{nil, ptr(""), ptr("forged-token"), ptr(p.c.token() + "x")} {
			form := url.Values{}
			for k, v := range p.form {
				form[k] = v
			}
			what := p.path + " without a token"
			if tok != nil {
				form.Set("_csrf", *tok)
				what = fmt.Sprintf("%s with token %q", p.path, *tok)
			}
			r := p.c.postRaw(p.path, form)
			wantStatus(t, what, r, http.StatusForbidden)
			if !strings.Contains(r.body, "页面已过期或请求无效") {
				t.Errorf("%s: 403 page is not the Chinese one:\n%s", what, r.body)
			}
		}
	}
	// A token taken from another browser does not work either: tokens are bound to
	// the caller's own cookie.
	r := creator.postRaw("/videos", url.Values{"_csrf": {manager.token()}, "title": {"开箱"}, "product_name": {"杯子"}})
	wantStatus(t, "creator using the manager's token", r, http.StatusForbidden)

	// Nothing happened: no account, no video, the enrolment still pending, still
	// signed in, language unchanged.
	if n, _ := e.store.CountAccounts(context.Background(), ""); n != 2 {
		t.Errorf("%d accounts; want 2", n)
	}
	if n, _ := e.store.CountVideos(context.Background(), a.ID); n != 0 {
		t.Errorf("%d videos; want 0", n)
	}
	if got, _ := e.store.Enrollment(context.Background(), enr.ID); got.Status != models.EnrollPending {
		t.Errorf("enrolment %s; want pending", got.Status)
	}
	wantStatus(t, "creator still signed in", creator.get("/dashboard"), http.StatusOK)

	// A browser's cross-site form post is refused by Sec-Fetch-Site, in Chinese too.
	r = creator.postRaw("/enrollment/withdraw", url.Values{"_csrf": {creator.token()}}, "Sec-Fetch-Site", "cross-site")
	wantStatus(t, "cross-site post", r, http.StatusForbidden)
	if !strings.Contains(r.body, "页面已过期或请求无效") || strings.Contains(r.body, "CSRF") {
		t.Errorf("cross-site 403 page is not the Chinese one:\n%s", r.text(t, "h1"))
	}
	if got, _ := e.store.Enrollment(context.Background(), enr.ID); got.Status != models.EnrollPending {
		t.Errorf("cross-site post withdrew the enrolment")
	}
	// …while a same-origin one with a good token goes through.
	r = creator.postRaw("/enrollment/withdraw", url.Values{"_csrf": {creator.token()}}, "Sec-Fetch-Site", "same-origin")
	wantStatus(t, "same-origin post", r, http.StatusSeeOther, "/dashboard")
}

func ptr(s string) *string { return &s }

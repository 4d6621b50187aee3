package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAdminRoutesByRole calls every console route as a visitor, a creator and a
// manager: visitors are sent to log in (GET) or refused (POST, 401), creators are
// told the console does not exist (404), managers get their page or their redirect.
func TestAdminRoutesByRole(t *testing.T) {
	env := admSetup(t)
	mgr := env.admManager("boss@example.com")
	creator := env.admCreator("maker@example.com", 5000)
	var pending []string
	for _, email := range []string{"p1@example.com", "p2@example.com", "p3@example.com", "p4@example.com"} {
		pending = append(pending, admID(env.admEnroll(env.admCreator(email, 3000)).ID))
	}
	type route struct {
		method, path string
		form         url.Values
		want         int // for a manager
	}
	routes := []route{
		{"GET", "/admin", nil, 200},
		{"GET", "/admin/enrollments", nil, 200},
		{"GET", "/admin/enrollments?status=pending&role=creator&newcomer=yes&fans_min=1&sort=-fans", nil, 200},
		{"GET", "/admin/enrollments/export.csv", nil, 200},
		{"GET", "/admin/enrollments/export.xlsx", nil, 200},
		{"GET", "/admin/accounts", nil, 200},
		{"GET", "/admin/accounts/" + admID(creator.ID), nil, 200},
		{"GET", "/admin/accounts/" + admID(mgr.ID), nil, 200},
		{"GET", "/admin/campaigns", nil, 200},
		{"GET", "/admin/campaigns/new", nil, 200},
		{"GET", "/admin/campaigns/" + admID(env.camp.ID), nil, 200},
		{"GET", "/admin/audit", nil, 200},
		{"GET", "/admin/enrollments?page=9223372036854775807&fans_min=9&fans_max=1", nil, 200},
		{"GET", "/admin/accounts/" + admID(creator.ID) + "?orders_page=99999999999", nil, 200},
		{"GET", "/admin/audit?action=login.success&from=2025-12-01&to=2025-12-31", nil, 200},
		{"GET", "/admin/exports", nil, 200},
		{"GET", "/admin/points/export.csv", nil, 200},
		{"GET", "/admin/points/export.xlsx", nil, 200},
		{"POST", "/admin/enrollments/" + pending[0] + "/approve", nil, 303},
		{"POST", "/admin/enrollments/" + pending[1] + "/reject", url.Values{"reason": {"other"}, "note": {"资料不全"}}, 303},
		{"POST", "/admin/enrollments/bulk-approve", url.Values{"ids": {pending[2]}}, 303},
		{"POST", "/admin/enrollments/bulk-reject", url.Values{"ids": {pending[3]}, "reason": {"violation"}}, 303},
		{"POST", "/admin/accounts/" + admID(creator.ID) + "/fans", url.Values{"fans": {"6000"}}, 303},
		{"POST", "/admin/campaigns/" + admID(env.camp.ID), formOfCampaign(env, nil), 303},
		{"POST", "/admin/campaigns/new", formOfCampaign(env, map[string]string{"slug": "2026-short-video", "name": "次年活动",
			"starts_at": "2026-11-22T00:00", "ends_at": "2027-01-01T00:00", "baseline_start": "2026-08-01T00:00",
			"baseline_end": "2026-11-01T00:00"}), 303},
	}
	visitor := env.admVisitor()
	maker := env.admLogin("maker@example.com")
	boss := env.admLogin("boss@example.com")
	for _, r := range routes {
		t.Run(r.method+" "+r.path, func(t *testing.T) {
			if r.method == "GET" {
				res, _ := visitor.admGet(r.path)
				if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
					t.Errorf("visitor: %d → %q; want 303 to /login", res.StatusCode, res.Header.Get("Location"))
				}
				res, _ = maker.admGet(r.path)
				admStatus(t, "creator", res, http.StatusNotFound)
				res, _ = boss.admGet(r.path)
				admStatus(t, "manager", res, r.want)
				return
			}
			res := visitor.admPost("/login", r.path, cloneForm(r.form))
			admStatus(t, "visitor", res, http.StatusUnauthorized)
			res = maker.admPost("/dashboard", r.path, cloneForm(r.form))
			admStatus(t, "creator", res, http.StatusNotFound)
			res = boss.admPost("/admin", r.path, cloneForm(r.form))
			admStatus(t, "manager", res, r.want)
		})
	}
	t.Run("unknown ids are 404", func(t *testing.T) {
		for _, p := range []string{"/admin/accounts/999999", "/admin/accounts/abc", "/admin/campaigns/999", "/admin/nothing"} {
			res, _ := boss.admGet(p)
			admStatus(t, p, res, http.StatusNotFound)
		}
		res := boss.admPost("/admin", "/admin/enrollments/999999/approve", nil)
		admStatus(t, "approve unknown", res, http.StatusNotFound)
		res = boss.admPost("/admin", "/admin/accounts/"+admID(mgr.ID)+"/fans", url.Values{"fans": {"5"}})
		admStatus(t, "a manager has no fans", res, http.StatusNotFound)
	})
	t.Run("POST without a CSRF token is 403", func(t *testing.T) {
		res, err := boss.c.PostForm(boss.base+"/admin/enrollments/bulk-approve", url.Values{"ids": {pending[0]}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		admStatus(t, "no token", res, http.StatusForbidden)
	})
}

func cloneForm(f url.Values) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// formOfCampaign is the running campaign's settings as form fields, with overrides.
func formOfCampaign(env *admEnv, over map[string]string) url.Values {
	f := url.Values{"slug": {env.camp.Slug}, "name": {env.camp.Name}, "starts_at": {"2025-11-22T00:00"},
		"ends_at": {"2026-01-01T00:00"}, "baseline_start": {"2025-08-01T00:00"}, "baseline_end": {"2025-11-01T00:00"},
		"min_fans": {"1000"}, "rate_bps": {"150"}, "cap_points": {"150000"}, "tiers": {"0:1,1000:2,10000:5,100000:10"}}
	for k, v := range over {
		f.Set(k, v)
	}
	return f
}

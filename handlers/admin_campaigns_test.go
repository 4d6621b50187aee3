package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"growthcard/models"
	"growthcard/models/store"
)

func TestCampaignEditValidation(t *testing.T) {
	env := admSetup(t)
	env.admManager("boss@example.com")
	boss := env.admLogin("boss@example.com")
	path := "/admin/campaigns/" + admID(env.camp.ID)
	cases := []struct {
		over  map[string]string
		field string
	}{
		{map[string]string{"ends_at": "2025-11-01T00:00"}, "ends_at"},
		{map[string]string{"baseline_end": "2025-12-01T00:00"}, "baseline_end"},
		{map[string]string{"starts_at": "someday"}, "starts_at"},
		{map[string]string{"rate_bps": "-3"}, "rate_bps"},
		{map[string]string{"rate_bps": "1.5%"}, "rate_bps"},
		{map[string]string{"cap_points": "lots"}, "cap_points"},
		{map[string]string{"min_fans": "-1"}, "min_fans"},
		{map[string]string{"tiers": "1000:2"}, "tiers"},
		{map[string]string{"tiers": "0:1,1000:0"}, "tiers"},
		{map[string]string{"slug": "Has Spaces"}, "slug"},
		{map[string]string{"name": " "}, "name"},
	}
	for _, tc := range cases {
		res, doc := boss.admPostDoc(path, path, formOfCampaign(env, tc.over))
		admStatus(t, tc.field, res, http.StatusUnprocessableEntity)
		if doc.Find(`[data-testid="error-`+tc.field+`"]`).Length() != 1 {
			t.Errorf("%v: no message on field %s", tc.over, tc.field)
		}
	}
	got, _ := env.st.Campaign(context.Background(), env.camp.ID)
	if got.RateBps != 150 || got.Tiers.String() != env.camp.Tiers.String() {
		t.Errorf("invalid settings saved: %+v", got)
	}
	// A slug another campaign uses is refused on its field.
	next := models.NextEdition(env.camp)
	if err := env.st.NewCampaign(context.Background(), store.Actor{Email: "t"}, &next); err != nil {
		t.Fatal(err)
	}
	res, doc := boss.admPostDoc(path, path, formOfCampaign(env, map[string]string{"slug": next.Slug}))
	admStatus(t, "taken slug", res, http.StatusUnprocessableEntity)
	if doc.Find(`[data-testid="error-slug"]`).Length() != 1 {
		t.Error("no slug message")
	}
}

func TestCampaignRateChangeRecomputesPoints(t *testing.T) {
	env := admSetup(t)
	env.admManager("boss@example.com")
	seller := env.admCreator("seller@example.com", 5000)
	e := env.admEnroll(seller)
	env.admSettle("o1", "seller", 200000, time.Date(2025, 11, 30, 12, 0, 0, 0, models.Beijing))
	boss := env.admLogin("boss@example.com")
	res := boss.admPost("/admin", "/admin/enrollments/"+admID(e.ID)+"/approve", nil)
	admStatus(t, "approve", res, http.StatusSeeOther)
	if b, _ := env.st.Balance(context.Background(), seller.ID, env.camp.ID); b.Earned != 300000 {
		t.Fatalf("earned %s; want 3000.00", b.Earned)
	}
	path := "/admin/campaigns/" + admID(env.camp.ID)
	res = boss.admPost(path, path, formOfCampaign(env, map[string]string{"rate_bps": "100", "cap_points": "1500"}))
	admStatus(t, "rate and cap change", res, http.StatusSeeOther)
	_, doc := boss.admGet(res.Header.Get("Location"))
	if !strings.Contains(doc.Find(`[data-testid="flash"]`).Text(), "重新计算 1 个") {
		t.Errorf("flash %q", doc.Find(`[data-testid="flash"]`).Text())
	}
	b, _ := env.st.Balance(context.Background(), seller.ID, env.camp.ID)
	if b.Earned != 150000 || b.Balance != 150000 { // min(1,500.00, ¥200,000.00 × 1 % = 2,000.00)
		t.Errorf("after the change: %+v", b)
	}
	_, doc = boss.admGet("/admin/accounts/" + admID(seller.ID))
	cause := doc.Find(`[data-testid="ledger-row"]`).First().AttrOr("data-cause", "")
	if !strings.HasPrefix(cause, "settings:"+admID(env.camp.ID)+":") {
		t.Errorf("latest ledger entry caused by %q", cause)
	}
	if f := strings.TrimSpace(doc.Find(`[data-testid="f-points"]`).Text()); !strings.HasPrefix(f, "1,500.00") {
		t.Errorf("formula shows %q", f)
	}
	upd := env.admAudit("campaign.update")
	if len(upd) != 1 || !strings.Contains(upd[0].Before, `"rate_bps":150`) || !strings.Contains(upd[0].After, `"rate_bps":100`) {
		t.Errorf("audit %+v", upd)
	}
}

func TestCreateNextCampaignAndMakeItRun(t *testing.T) {
	env := admSetup(t)
	env.admManager("boss@example.com")
	boss := env.admLogin("boss@example.com")
	_, doc := boss.admGet("/admin/campaigns/new")
	if v, _ := doc.Find(`input[name="slug"]`).Attr("value"); v != "2026-short-video" {
		t.Errorf("proposed slug %q", v)
	}
	if v, _ := doc.Find(`input[name="starts_at"]`).Attr("value"); v != "2026-11-22T00:00" {
		t.Errorf("proposed start %q", v)
	}
	form := formOfCampaign(env, map[string]string{"slug": "2026-short-video", "name": "第二期",
		"starts_at": "2026-11-22T00:00", "ends_at": "2027-01-01T00:00", "baseline_start": "2026-08-01T00:00",
		"baseline_end": "2026-11-01T00:00", "running": "on"})
	res := boss.admPost("/admin/campaigns/new", "/admin/campaigns/new", form)
	admStatus(t, "create", res, http.StatusSeeOther)
	running, err := env.st.RunningCampaign(context.Background())
	if err != nil || running.Slug != "2026-short-video" || !running.StartsAt.Equal(time.Date(2026, 11, 22, 0, 0, 0, 0, models.Beijing)) {
		t.Fatalf("running %+v %v", running, err)
	}
	res = boss.admPost("/admin/campaigns/new", "/admin/campaigns/new", form)
	admStatus(t, "the same slug again", res, http.StatusUnprocessableEntity)
	_, doc = boss.admGet("/admin/campaigns")
	if n := doc.Find(`[data-testid="running"]`).Length(); n != 1 {
		t.Errorf("%d running badges", n)
	}
	if c := env.admAudit("campaign.create"); len(c) != 1 || !strings.Contains(c[0].After, `"replaces_running":"2025-short-video"`) {
		t.Errorf("audit %+v", c)
	}
}

// TestCampaignTierErrorsInEnglish: tier problems name the tier by number, and still
// read as one translated sentence, on the field and in the summary.
func TestCampaignTierErrorsInEnglish(t *testing.T) {
	env := admSetup(t)
	env.admManager("boss@example.com")
	boss := env.admLogin("boss@example.com")
	u, _ := url.Parse(boss.base)
	boss.c.Jar.SetCookies(u, []*http.Cookie{{Name: "gc_lang", Value: "en"}})
	path := "/admin/campaigns/" + admID(env.camp.ID)
	for tiers, want := range map[string]string{
		"0:1,1000:0": "Tier 2: videos per day must be between 1 and 100",
		"0:1,x":      "Cannot read the tier “x”: write it as minimum followers:videos per day",
		"1000:2":     "The first tier must start at 0 followers",
	} {
		res, doc := boss.admPostDoc(path, path, formOfCampaign(env, map[string]string{"tiers": tiers}))
		admStatus(t, tiers, res, http.StatusUnprocessableEntity)
		if got := strings.TrimSpace(doc.Find(`[data-testid="error-tiers"]`).Text()); got != want {
			t.Errorf("%s: field error %q, want %q", tiers, got, want)
		}
		if got := doc.Find(`[data-testid="form-errors"] li`).Text(); got != want {
			t.Errorf("%s: summary %q, want %q", tiers, got, want)
		}
	}
}

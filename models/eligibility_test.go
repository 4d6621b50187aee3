package models

import (
	"reflect"
	"testing"
)

func eligAccount(role string, fans int64, selfOperated, enabled bool) Account {
	ch := "wx_channel_1"
	return Account{Role: role, ChannelID: &ch, Fans: fans, SelfOperated: selfOperated, ShortVideoEnabled: enabled}
}

// TestEligibilityAllCombinations walks every combination of the inputs of SPEC rule 1,
// (fans >= min_fans OR self_operated) AND short_video_enabled, for both participant
// roles, and checks that every failed condition is listed.
func TestEligibilityAllCombinations(t *testing.T) {
	c := DefaultCampaign()
	tests := []struct {
		fans         int64
		selfOperated bool
		enabled      bool
		want         []string
	}{
		{999, false, false, []string{ReasonFewFans, ReasonNotEnabled}},
		{999, false, true, []string{ReasonFewFans}},
		{999, true, false, []string{ReasonNotEnabled}},
		{999, true, true, nil},
		{1000, false, false, []string{ReasonNotEnabled}},
		{1000, false, true, nil},
		{1000, true, false, []string{ReasonNotEnabled}},
		{1000, true, true, nil},
		{0, false, true, []string{ReasonFewFans}},
		{0, true, true, nil},
		{MaxFans, false, true, nil},
	}
	for _, role := range []string{RoleCreator, RoleMerchant} {
		for _, tt := range tests {
			a := eligAccount(role, tt.fans, tt.selfOperated, tt.enabled)
			got := Eligibility(a, c)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s fans=%d self=%v enabled=%v: Eligibility = %q; want %q",
					role, tt.fans, tt.selfOperated, tt.enabled, got, tt.want)
			}
		}
	}
}

func TestEligibilityManagerNeverParticipates(t *testing.T) {
	c := DefaultCampaign()
	for _, a := range []Account{
		{Role: RoleManager},
		eligAccount(RoleManager, 1_000_000, true, true),
		eligAccount("", 5000, false, true),
		eligAccount("admin", 5000, false, true),
	} {
		got := Eligibility(a, c)
		if !reflect.DeepEqual(got, []string{ReasonNotParticipant}) {
			t.Errorf("role %q: Eligibility = %q; want only %q", a.Role, got, ReasonNotParticipant)
		}
	}
}

func TestEligibilityWithoutChannel(t *testing.T) {
	c := DefaultCampaign()
	a := eligAccount(RoleCreator, 500, false, false)
	a.ChannelID = nil
	want := []string{ReasonNoChannel, ReasonFewFans, ReasonNotEnabled}
	if got := Eligibility(a, c); !reflect.DeepEqual(got, want) {
		t.Errorf("no channel: Eligibility = %q; want %q", got, want)
	}
	empty := ""
	a.ChannelID = &empty
	if got := Eligibility(a, c); !reflect.DeepEqual(got, want) {
		t.Errorf("empty channel: Eligibility = %q; want %q", got, want)
	}
}

// TestEligibilityFollowsCampaignSetting checks min_fans is read from the campaign, not
// a constant.
func TestEligibilityFollowsCampaignSetting(t *testing.T) {
	c := DefaultCampaign()
	c.MinFans = 5000
	if got := Eligibility(eligAccount(RoleCreator, 4999, false, true), c); !reflect.DeepEqual(got, []string{ReasonFewFans}) {
		t.Errorf("4999 fans with min 5000: %q", got)
	}
	if got := Eligibility(eligAccount(RoleCreator, 5000, false, true), c); len(got) != 0 {
		t.Errorf("5000 fans with min 5000: %q; want eligible", got)
	}
	c.MinFans = 0
	if got := Eligibility(eligAccount(RoleCreator, 0, false, true), c); len(got) != 0 {
		t.Errorf("0 fans with min 0: %q; want eligible", got)
	}
}

func TestCanEnroll(t *testing.T) {
	tests := []struct {
		latest *Enrollment
		want   bool
	}{
		{nil, true},
		{&Enrollment{Status: EnrollPending}, false},
		{&Enrollment{Status: EnrollApproved}, false},
		{&Enrollment{Status: EnrollRejected}, true},
		{&Enrollment{Status: EnrollWithdrawn}, true},
	}
	for _, tt := range tests {
		if got := CanEnroll(tt.latest); got != tt.want {
			t.Errorf("CanEnroll(%+v) = %v; want %v", tt.latest, got, tt.want)
		}
	}
	for _, r := range []string{"fans_mismatch", "not_enabled", "violation", "duplicate", "other"} {
		if !ValidRejectReason(r) {
			t.Errorf("ValidRejectReason(%q) = false", r)
		}
	}
	for _, r := range []string{"", "Other", "spam", "few_fans"} {
		if ValidRejectReason(r) {
			t.Errorf("ValidRejectReason(%q) = true", r)
		}
	}
}

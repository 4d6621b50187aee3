package models

// Ineligibility reasons, as codes; pages translate them.
const (
	ReasonFewFans        = "few_fans"
	ReasonNotEnabled     = "short_video_disabled"
	ReasonNoChannel      = "no_channel"
	ReasonNotParticipant = "not_participant"
)

// Eligibility lists every reason the account may not join the campaign (SPEC rule 1):
// (fans >= min_fans OR self_operated) AND short_video_enabled. Empty means eligible.
func Eligibility(a Account, c Campaign) []string {
	if a.Role != RoleCreator && a.Role != RoleMerchant {
		return []string{ReasonNotParticipant}
	}
	var reasons []string
	if a.Channel() == "" {
		reasons = append(reasons, ReasonNoChannel)
	}
	if a.Fans < c.MinFans && !a.SelfOperated {
		reasons = append(reasons, ReasonFewFans)
	}
	if !a.ShortVideoEnabled {
		reasons = append(reasons, ReasonNotEnabled)
	}
	return reasons
}

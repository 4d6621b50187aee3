package models

import "time"

// Enrolment states. Pending and approved are "active": one per account and campaign.
const (
	EnrollNone      = "none"
	EnrollPending   = "pending"
	EnrollApproved  = "approved"
	EnrollRejected  = "rejected"
	EnrollWithdrawn = "withdrawn"
)

// Rejection reason codes a manager may choose.
var RejectReasons = []string{"fans_mismatch", "not_enabled", "violation", "duplicate", "other"}

// ValidRejectReason reports whether code is one of RejectReasons.
func ValidRejectReason(code string) bool {
	for _, r := range RejectReasons {
		if r == code {
			return true
		}
	}
	return false
}

// Enrollment is one application of an account to a campaign, and its decision.
type Enrollment struct {
	ID         int64
	AccountID  int64
	CampaignID int64
	Status     string
	Reason     string // rejection reason code
	Note       string // manager's note shown to the applicant
	CreatedAt  time.Time
	DecidedAt  *time.Time
	DecidedBy  *int64
}

// Active reports whether the enrolment blocks a new application.
func (e Enrollment) Active() bool { return e.Status == EnrollPending || e.Status == EnrollApproved }

// CanEnroll reports whether an account whose latest enrolment is latest may apply now.
func CanEnroll(latest *Enrollment) bool { return latest == nil || !latest.Active() }

// EnrollmentRow is an enrolment joined with its applicant, for review lists.
type EnrollmentRow struct {
	Enrollment
	Email             string
	DisplayName       string
	Role              string
	ChannelID         string
	ChannelName       string
	Fans              int64
	SelfOperated      bool
	ShortVideoEnabled bool
}

package models

import (
	"net/url"
	"strconv"
	"strings"
	"time"
)

// AccountFilter narrows the managers' list of accounts.
type AccountFilter struct {
	Query   string // e-mail, name or channel id (substring)
	Role    string // creator, merchant, manager or ""
	Page    int
	PerPage int
}

// ParseAccountFilter reads the accounts list's query parameters, forgivingly.
func ParseAccountFilter(q url.Values) AccountFilter {
	f := AccountFilter{Query: strings.TrimSpace(q.Get("q")), PerPage: 50}
	switch r := q.Get("role"); r {
	case RoleCreator, RoleMerchant, RoleManager:
		f.Role = r
	}
	f.Page = ParsePage(q.Get("page"))
	return f
}

// AccountListRow is one line of the accounts list: the account, its latest enrolment
// status in the running campaign ("none" without one) and the points it earned there.
type AccountListRow struct {
	Account
	Status string
	Earned Points
}

// LedgerLine is one ledger entry as pages show it.
type LedgerLine struct {
	ID           int64
	Kind         string // earn or heat
	Delta        Points
	Cause        string    // a Chinese message, a format when CauseArgs is not empty
	CauseArgs    CauseArgs // values for the format
	CauseKey     string
	OrderID      string
	BalanceAfter Points
	CreatedAt    time.Time
}

// PointTotals is an account's points in one campaign.
type PointTotals struct {
	Earned  Points
	Spent   Points
	Balance Points
}

// AccountOrdersPerPage is the page size of the orders on the manager's account page.
const AccountOrdersPerPage = 50

// AccountDetail is everything the manager's account page shows.
type AccountDetail struct {
	Account     Account
	Campaign    Campaign
	Enrollments []Enrollment
	Deciders    map[int64]string // manager id → e-mail, for the enrolment history
	Videos      []Video
	VideosTotal int64
	Orders      []OrderState
	OrdersTotal int64
	OrdersPage  int
	Ledger      []LedgerLine
	Points      PointTotals
	Entitlement Entitlement
}

// AuditRecord is one audit-log entry as pages show it.
type AuditRecord struct {
	ID         int64
	ActorID    *int64
	ActorEmail string
	Action     string
	TargetType string
	TargetID   string
	Before     string
	After      string
	IP         string
	At         time.Time
}

// AuditFilter narrows the audit log. From and To are Beijing days (YYYY-MM-DD), To
// inclusive; Target is "type:id", "type" or an id.
type AuditFilter struct {
	Action  string
	Actor   string
	Target  string
	From    string
	To      string
	Page    int
	PerPage int
}

// ParseAuditFilter reads the audit log's query parameters; malformed days are dropped.
func ParseAuditFilter(q url.Values) AuditFilter {
	f := AuditFilter{Action: strings.TrimSpace(q.Get("action")), Actor: strings.TrimSpace(q.Get("actor")),
		Target: strings.TrimSpace(q.Get("target")), PerPage: 50}
	if _, err := ParseDay(q.Get("from")); err == nil {
		f.From = q.Get("from")
	}
	if _, err := ParseDay(q.Get("to")); err == nil {
		f.To = q.Get("to")
	}
	f.Page = ParsePage(q.Get("page"))
	return f
}

// Values encodes the filter as query parameters (without the page).
func (f AuditFilter) Values() url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"action": f.Action, "actor": f.Actor, "target": f.Target, "from": f.From, "to": f.To} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// TargetParts splits Target into a type and an id; either may be empty.
func (f AuditFilter) TargetParts() (kind, id string) {
	t := f.Target
	if k, v, ok := strings.Cut(t, ":"); ok {
		return strings.TrimSpace(k), strings.TrimSpace(v)
	}
	if _, err := strconv.ParseInt(t, 10, 64); err == nil {
		return "", t
	}
	return t, ""
}

// ExportRow is one line of the enrolment export.
type ExportRow struct {
	EnrollmentRow
	Newcomer    bool
	CampaignGMV Fen
	Points      PointTotals
}

// PointsRow is one line of the points-per-account export for finance.
type PointsRow struct {
	AccountID   int64
	Email       string
	DisplayName string
	Role        string
	ChannelID   string
	ChannelName string
	Status      string
	Entitlement Entitlement
	Points      PointTotals
}

// Pages is the number of pages total items fill at perPage a page (at least 1).
func Pages(total int64, perPage int) int {
	if perPage <= 0 {
		return 1
	}
	n := int((total + int64(perPage) - 1) / int64(perPage))
	return max(n, 1)
}

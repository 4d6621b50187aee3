package models

import (
	"net/url"
	"strconv"
	"strings"
)

// Sort orders of the review queue. A leading "-" means descending.
const (
	SortSubmitted     = "submitted"  // oldest first: the fair order for a queue
	SortSubmittedDesc = "-submitted" // newest first
	SortFans          = "fans"
	SortFansDesc      = "-fans"
	SortName          = "name"
	SortNameDesc      = "-name"
)

// QueueSorts lists the sort orders the queue offers, the default first.
var QueueSorts = []string{SortSubmitted, SortSubmittedDesc, SortFansDesc, SortFans, SortName, SortNameDesc}

// Tri-state filter values for yes/no questions (newcomer, self-operated).
const (
	FilterYes = "yes"
	FilterNo  = "no"
)

// QueuePerPage is the review queue's page size.
const QueuePerPage = 50

// EnrollmentFilter narrows and orders the review queue; the exports honour it too.
// Zero values mean "no filter".
type EnrollmentFilter struct {
	CampaignID   int64
	Status       string // pending, approved, rejected, withdrawn or ""
	Role         string // creator, merchant or ""
	Newcomer     string // yes, no or ""
	SelfOperated string // yes, no or ""
	FansMin      *int64
	FansMax      *int64
	Query        string // e-mail, name or channel id (substring)
	Sort         string // one of QueueSorts; "" is SortSubmitted
	Page         int
	PerPage      int
}

// ParseEnrollmentFilter reads the queue's query parameters. Filters are forgiving:
// an unknown value is dropped rather than answered with an error, so an old bookmark
// still opens the queue.
func ParseEnrollmentFilter(q url.Values) EnrollmentFilter {
	f := EnrollmentFilter{Query: strings.TrimSpace(q.Get("q")), PerPage: QueuePerPage}
	if len([]rune(f.Query)) > 100 {
		f.Query = string([]rune(f.Query)[:100])
	}
	switch s := q.Get("status"); s {
	case EnrollPending, EnrollApproved, EnrollRejected, EnrollWithdrawn:
		f.Status = s
	}
	switch r := q.Get("role"); r {
	case RoleCreator, RoleMerchant:
		f.Role = r
	}
	f.Newcomer = yesNo(q.Get("newcomer"))
	f.SelfOperated = yesNo(q.Get("self_operated"))
	f.FansMin = optionalFans(q.Get("fans_min"))
	f.FansMax = optionalFans(q.Get("fans_max"))
	for _, s := range QueueSorts {
		if q.Get("sort") == s {
			f.Sort = s
		}
	}
	if f.Sort == "" {
		f.Sort = SortSubmitted
	}
	f.Page = ParsePage(q.Get("page"))
	return f
}

// MaxPage bounds page numbers, so that an offset can never overflow.
const MaxPage = 1_000_000

// ParsePage reads a 1-based page number; anything else is page 1.
func ParsePage(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 1
	}
	return min(n, MaxPage)
}

func yesNo(s string) string {
	if s == FilterYes || s == FilterNo {
		return s
	}
	return ""
}

func optionalFans(s string) *int64 {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" {
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > MaxFans {
		return nil
	}
	return &n
}

// Values encodes the filter as query parameters (without the page), for links that
// keep the current filters: pagination, sorting, exports.
func (f EnrollmentFilter) Values() url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("status", f.Status)
	set("role", f.Role)
	set("newcomer", f.Newcomer)
	set("self_operated", f.SelfOperated)
	if f.FansMin != nil {
		q.Set("fans_min", strconv.FormatInt(*f.FansMin, 10))
	}
	if f.FansMax != nil {
		q.Set("fans_max", strconv.FormatInt(*f.FansMax, 10))
	}
	set("q", f.Query)
	if f.Sort != "" && f.Sort != SortSubmitted {
		q.Set("sort", f.Sort)
	}
	return q
}

// Narrowed reports whether any filter beyond the status is set.
func (f EnrollmentFilter) Narrowed() bool {
	return f.Role != "" || f.Newcomer != "" || f.SelfOperated != "" || f.FansMin != nil || f.FansMax != nil || f.Query != ""
}

// Risk hint codes shown on a queue row; pages translate them.
const (
	RiskNearThreshold  = "near_threshold"  // fans within 5 % of the minimum
	RiskChannelReused  = "channel_reused"  // the channel was seen under another account
	RiskWithdrawCycles = "withdraw_cycles" // enrolled and withdrew at least twice
)

// NearThreshold reports whether fans lie within 5 % of the campaign's minimum, on
// either side: declared counts that just clear (or just miss) the bar are the ones
// worth a second look.
func NearThreshold(fans, minFans int64) bool {
	if minFans <= 0 {
		return false
	}
	return fans*100 >= minFans*95 && fans*100 <= minFans*105
}

// EnrollHistory counts one account's applications to a campaign by outcome.
type EnrollHistory struct {
	Applications int
	Approved     int
	Rejected     int
	Withdrawn    int
}

// RiskHints lists the hints for a queue row: the fans near the minimum, a channel
// already seen under another account, and repeated enrol/withdraw cycles (two or more).
func RiskHints(fans, minFans int64, channelReused bool, h EnrollHistory) []string {
	var hints []string
	if NearThreshold(fans, minFans) {
		hints = append(hints, RiskNearThreshold)
	}
	if channelReused {
		hints = append(hints, RiskChannelReused)
	}
	if h.Withdrawn >= 2 {
		hints = append(hints, RiskWithdrawCycles)
	}
	return hints
}

// QueueRow is one line of the review queue: the application, its applicant, whether
// the channel is a newcomer, its risk hints and the applicant's history.
type QueueRow struct {
	EnrollmentRow
	Newcomer bool
	Risks    []string
	History  EnrollHistory
}

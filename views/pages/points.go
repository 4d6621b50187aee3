package pages

import (
	"math"
	"net/url"
	"strconv"
	"time"

	"growthcard/models"
)

// PointsStep is the "next" milestone the points page counts towards: 100 points.
const PointsStep models.Points = 100 * 100

// PointsData is the creator's points page: balance, the formula with their own
// numbers, and one page of the ledger.
type PointsData struct {
	Campaign    models.Campaign
	Enrollment  *models.Enrollment
	Entitlement models.Entitlement // what the rules give on every known order
	Balance     Balance
	Entries     []models.LedgerEntry
	Total       int64 // ledger entries
	Page        int
	PerPage     int
}

// Status is the enrolment status, "none" without an application.
func (d PointsData) Status() string {
	if d.Enrollment == nil {
		return models.EnrollNone
	}
	return d.Enrollment.Status
}

// Approved reports whether the account is earning points.
func (d PointsData) Approved() bool { return d.Status() == models.EnrollApproved }

// DailyAverage is the baseline GMV per baseline day, rounded down to the fen, and
// whether that division is exact.
func (d PointsData) DailyAverage() (models.Fen, bool) {
	days := d.Campaign.BaselineDays()
	if days < 1 {
		return d.Entitlement.Baseline, true
	}
	return d.Entitlement.Baseline / models.Fen(days), int64(d.Entitlement.Baseline)%days == 0
}

// RawPoints is floor(reward base × rate) before the cap.
func (d PointsData) RawPoints() models.Points {
	uncapped := d.Campaign
	uncapped.CapPoints = math.MaxInt64
	return models.ComputePoints(uncapped, d.Entitlement.GMV)
}

// NextTarget is the next multiple of 100 points (or the cap), and the settled GMV
// still needed to reach it; ok is false when nothing more can be earned.
func (d PointsData) NextTarget() (target models.Points, need models.Fen, ok bool) {
	need = models.GMVForNextPoints(d.Campaign, d.Entitlement, PointsStep)
	if need <= 0 || need == math.MaxInt64 {
		return 0, 0, false
	}
	target = (max(d.Entitlement.Points, 0)/PointsStep + 1) * PointsStep
	return min(target, d.Campaign.CapPoints), need, true
}

// CapPercent is the progress of the entitlement towards the cap, 0–100.
func (d PointsData) CapPercent() int { return models.CapProgress(d.Campaign, d.Entitlement.Points) }

// LastDay is the last natural day of a period that ends (exclusively) at end.
func LastDay(end time.Time) time.Time { return end.Add(-time.Nanosecond) }

// Pages is the number of ledger pages.
func (d PointsData) Pages() int {
	if d.PerPage <= 0 || d.Total == 0 {
		return 1
	}
	return int((d.Total + int64(d.PerPage) - 1) / int64(d.PerPage))
}

// PageURL is the points page showing ledger page n.
func (d PointsData) PageURL(n int) string {
	return "/points?" + url.Values{"page": {strconv.Itoa(n)}}.Encode() + "#ledger"
}

// Signed formats a ledger delta with its sign, "+1,800.00" or "-150.00".
func Signed(p models.Points) string {
	if p > 0 {
		return "+" + p.Display()
	}
	return p.Display()
}

// EntryLabel names a ledger entry's kind for people: earned, clawed back, heated.
func EntryLabel(e models.LedgerEntry) string {
	switch {
	case e.Kind == models.LedgerHeat:
		return "加热"
	case e.Delta < 0:
		return "扣回"
	}
	return "获得"
}

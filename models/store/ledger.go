package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"growthcard/models"
)

// orderRow is the current state of one order, kept by order_id.
type orderRow struct {
	OrderID     string `gorm:"primaryKey"`
	ChannelID   string
	VideoID     string
	Source      string
	Amount      models.Fen
	Status      string
	Cancelled   bool
	SettledAt   time.Time
	SettledDay  string
	LastEventID string
	UpdatedAt   time.Time
}

// TableName maps orderRow to the orders table.
func (orderRow) TableName() string { return "orders" }

func (o orderRow) state() models.OrderState {
	return models.OrderState{OrderID: o.OrderID, ChannelID: o.ChannelID, VideoID: o.VideoID,
		Source: o.Source, Amount: o.Amount, Status: o.Status, SettledAt: o.SettledAt, Cancelled: o.Cancelled,
		EventID: o.LastEventID}
}

// LedgerEntry is one append-only change to an account's points (see models.LedgerEntry).
type LedgerEntry = models.LedgerEntry

// PointBalance is the cached sum of an account's ledger in one campaign.
type PointBalance struct {
	AccountID  int64 `gorm:"primaryKey"`
	CampaignID int64 `gorm:"primaryKey"`
	Earned     models.Points
	Spent      models.Points
	Balance    models.Points
	UpdatedAt  time.Time
}

// Balance returns the account's cached points in the campaign (zeros when none).
func (s *Store) Balance(ctx context.Context, accountID, campaignID int64) (PointBalance, error) {
	var b PointBalance
	err := s.read(ctx).Where("account_id = ? AND campaign_id = ?", accountID, campaignID).First(&b).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return PointBalance{AccountID: accountID, CampaignID: campaignID}, nil
	}
	return b, err
}

// recomputeEntitlement recomputes the account's entitlement in the campaign from all
// known orders and, when it differs from what was earned so far, appends one earn
// entry for the difference under causeKey and updates the cached balance in the same
// transaction. Accounts without an approved enrolment earn nothing (SPEC rule 8).
func (s *Store) recomputeEntitlement(tx *gorm.DB, accountID, campaignID int64, causeKey, cause string) error {
	return s.recompute(tx, accountID, campaignID, causeKey, ledgerCause{format: cause}, "")
}

// ledgerCause is what a ledger entry says made it: a Chinese message id, which is a
// format when args are given, so that every language fills in its own sentence.
type ledgerCause struct {
	format string
	args   models.CauseArgs
}

// recompute is recomputeEntitlement with the order the cause names, if one.
func (s *Store) recompute(tx *gorm.DB, accountID, campaignID int64, causeKey string, cause ledgerCause, orderID string) error {
	var approved int64
	if err := tx.Model(&models.Enrollment{}).
		Where("account_id = ? AND campaign_id = ? AND status = ?", accountID, campaignID, models.EnrollApproved).
		Count(&approved).Error; err != nil {
		return err
	}
	if approved == 0 {
		return nil
	}
	var acct models.Account
	if err := tx.First(&acct, accountID).Error; err != nil {
		return notFound(err)
	}
	var c models.Campaign
	if err := tx.First(&c, campaignID).Error; err != nil {
		return notFound(err)
	}
	return s.settle(tx, c, accountID, acct.Channel(), causeKey, cause, orderID)
}

// settle computes the entitlement in campaign c of the account approved in it, whose
// channel is channelID, from all known orders, and writes the difference to what it
// earned so far (see writeEarn).
func (s *Store) settle(tx *gorm.DB, c models.Campaign, accountID int64, channelID, causeKey string, cause ledgerCause, orderID string) error {
	orders, err := s.countingOrders(tx, channelID)
	if err != nil {
		return err
	}
	return s.writeEarn(tx, accountID, c.ID, models.Entitle(c, orders).Points, causeKey, cause, orderID)
}

// The statements of settle, prepared on the writer (see hotStmts).
const (
	countingOrdersSQL = "SELECT amount, settled_at FROM orders WHERE channel_id = ? AND source = '" + models.SourceShortVideo +
		"' AND status = '" + models.StatusSettled + "' AND cancelled = 0 AND amount > 0"
	balanceSQL       = "SELECT earned, balance FROM point_balances WHERE account_id = ? AND campaign_id = ?"
	createBalanceSQL = "INSERT INTO point_balances (account_id, campaign_id, earned, spent, balance, updated_at) VALUES (?, ?, 0, 0, 0, ?)"
	updateEarnedSQL  = "UPDATE point_balances SET earned = ?, balance = balance + ?, updated_at = ? WHERE account_id = ? AND campaign_id = ? AND earned = ?"
	insertEarnSQL    = "INSERT INTO ledger_entries (account_id, campaign_id, kind, delta, cause_key, cause, cause_args, order_id, balance_after, created_at) VALUES (?, ?, '" +
		models.LedgerEarn + "', ?, ?, ?, ?, ?, ?, ?)"
)

// countingOrders loads the channel's orders that can count towards GMV (settled
// short-video orders with an amount, not cancelled) and only the columns the rules
// read. It is a pure pre-filter of what models.ComputeGMV keeps, so that recomputing
// a big channel stays cheap; the rules still decide.
func (s *Store) countingOrders(tx *gorm.DB, channelID string) ([]models.OrderState, error) {
	if channelID == "" {
		return nil, nil
	}
	st, err := bind(tx, s.hot.countingOrders)
	if err != nil {
		return nil, err
	}
	return scanCounting(st.Query(channelID))
}

// scanCounting reads the rows of countingOrdersSQL.
func scanCounting(rows *sql.Rows, err error) ([]models.OrderState, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.OrderState
	for rows.Next() {
		o := models.OrderState{Source: models.SourceShortVideo, Status: models.StatusSettled}
		if err := rows.Scan(&o.Amount, &o.SettledAt); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// writeEarn appends an earn entry bringing the account's earned points to target and
// updates the cached balance in the same transaction. The update is conditional on
// the earned points read, so a lost update shows as ErrConflict rather than a wrong
// balance; a cause key written before is ErrDuplicate.
func (s *Store) writeEarn(tx *gorm.DB, accountID, campaignID int64, target models.Points, causeKey string, cause ledgerCause, orderID string) error {
	var stmts [4]*sql.Stmt
	for i, p := range []*sql.Stmt{s.hot.balance, s.hot.createBalance, s.hot.updateEarned, s.hot.insertEarn} {
		var err error
		if stmts[i], err = bind(tx, p); err != nil {
			return err
		}
	}
	now := s.now()
	var earned, balance models.Points
	err := stmts[0].QueryRow(accountID, campaignID).Scan(&earned, &balance)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = stmts[1].Exec(accountID, campaignID, now)
	}
	if err != nil {
		return err
	}
	delta := target - earned
	if delta == 0 {
		return nil
	}
	res, err := stmts[2].Exec(int64(target), int64(delta), now, accountID, campaignID, int64(earned))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("balance of account %d changed underneath: %w", accountID, models.ErrConflict)
	}
	args, err := cause.args.Value()
	if err != nil {
		return err
	}
	_, err = stmts[3].Exec(accountID, campaignID, int64(delta), causeKey, cause.format, args, orderID, int64(balance+delta), now)
	if err = s.translate(err); errors.Is(err, gorm.ErrDuplicatedKey) {
		return fmt.Errorf("ledger cause %s: %w", causeKey, models.ErrDuplicate)
	}
	return err
}

// translate turns a driver error into gorm's (ErrDuplicatedKey, …), as gorm does for
// its own statements with TranslateError.
func (s *Store) translate(err error) error {
	if t, ok := s.w.Dialector.(gorm.ErrorTranslator); ok && err != nil {
		return t.Translate(err)
	}
	return err
}

// Entitlement computes the channel's GMV and points from every known order, whether
// or not the account is approved (the points page shows what approval would give).
// Like a recompute, it reads only the orders that can count (see countingOrders),
// through a statement prepared on the reader pool: the points page and /api/v1/me
// ask for it on every request.
func (s *Store) Entitlement(ctx context.Context, channelID string, c models.Campaign) (models.Entitlement, error) {
	if channelID == "" {
		return models.Entitle(c, nil), nil
	}
	orders, err := scanCounting(s.readCounting.QueryContext(ctx, channelID))
	if err != nil {
		return models.Entitlement{}, err
	}
	return models.Entitle(c, orders), nil
}

// Ledger returns one page (1-based) of the account's ledger in the campaign, newest
// first, and the number of entries.
func (s *Store) Ledger(ctx context.Context, accountID, campaignID int64, page, perPage int) ([]LedgerEntry, int64, error) {
	if perPage <= 0 || perPage > 500 {
		perPage = 30
	}
	if page < 1 {
		page = 1
	}
	q := s.read(ctx).Model(&LedgerEntry{}).Where("account_id = ? AND campaign_id = ?", accountID, campaignID)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []LedgerEntry
	err := q.Order("id DESC").Limit(perPage).Offset((page - 1) * perPage).Find(&out).Error
	return out, total, err
}

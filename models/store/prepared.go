package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// hotStmts are the statements of order ingestion, prepared once on the writer's
// single connection when the store opens. gorm's PrepareStmt does not help inside
// transactions: a statement it first prepares in one is bound to that transaction,
// and database/sql prepares it again on every later use. A connection-level
// statement handed to each transaction with StmtContext is prepared once. They must
// be prepared outside any transaction: the writer has only one connection.
type hotStmts struct {
	insertEvents, knownEvents, loadOrders, upsertOrders, approvedOf bulkStmt

	countingOrders, balance, createBalance, updateEarned, insertEarn *sql.Stmt
}

// Row counts of the two shapes every multi-row statement is prepared in: parts of
// bigChunk rows while that many remain, then parts of smallChunk, the last one padded
// by repeating its last row. Fixed shapes keep one prepared statement each; a small
// second shape keeps a lone webhook event from carrying hundreds of padding rows.
const (
	bigChunk   = 250
	smallChunk = 10
)

// bulkStmt is one multi-row statement prepared in both shapes.
type bulkStmt struct{ big, small *sql.Stmt }

// prepareHot prepares the ingestion statements on the writer.
func (s *Store) prepareHot() error {
	db, err := s.w.DB()
	if err != nil {
		return err
	}
	prep := func(dst **sql.Stmt, query string) {
		if err == nil {
			if *dst, err = db.Prepare(query); err != nil {
				err = fmt.Errorf("prepare %.60s: %w", query, err)
			}
		}
	}
	for _, b := range []struct {
		dst   *bulkStmt
		query func(rows int) string
	}{
		{&s.hot.insertEvents, insertEventsSQL}, {&s.hot.knownEvents, knownEventsSQL},
		{&s.hot.loadOrders, loadOrdersSQL}, {&s.hot.upsertOrders, upsertOrdersSQL},
		{&s.hot.approvedOf, approvedOfSQL},
	} {
		prep(&b.dst.big, b.query(bigChunk))
		prep(&b.dst.small, b.query(smallChunk))
	}
	prep(&s.hot.countingOrders, countingOrdersSQL)
	prep(&s.hot.balance, balanceSQL)
	prep(&s.hot.createBalance, createBalanceSQL)
	prep(&s.hot.updateEarned, updateEarnedSQL)
	prep(&s.hot.insertEarn, insertEarnSQL)
	return err
}

// closeHot closes the ingestion statements.
func (s *Store) closeHot() error {
	h := &s.hot
	var errs []error
	for _, st := range []*sql.Stmt{h.insertEvents.big, h.insertEvents.small, h.knownEvents.big, h.knownEvents.small,
		h.loadOrders.big, h.loadOrders.small, h.upsertOrders.big, h.upsertOrders.small, h.approvedOf.big,
		h.approvedOf.small, h.countingOrders, h.balance, h.createBalance, h.updateEarned, h.insertEarn} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
}

// bind hands a prepared statement to the transaction tx runs in.
func bind(tx *gorm.DB, st *sql.Stmt) (*sql.Stmt, error) {
	t, ok := tx.Statement.ConnPool.(gorm.Tx)
	if !ok {
		return nil, errors.New("store: prepared statement used outside a transaction")
	}
	return t.StmtContext(tx.Statement.Context, st), nil
}

// each cuts n rows into parts in b's shapes and calls fn for each with the statement
// bound to tx, the real rows [from, to) and size, the rows the statement takes: fn
// pads rows to-1 … size-1 by repeating row to-1.
func (b bulkStmt) each(tx *gorm.DB, n int, fn func(st *sql.Stmt, from, to, size int) error) error {
	var big, small *sql.Stmt
	for from := 0; from < n; {
		size, prepared, st := bigChunk, b.big, &big
		if n-from < bigChunk {
			size, prepared, st = smallChunk, b.small, &small
		}
		if *st == nil {
			var err error
			if *st, err = bind(tx, prepared); err != nil {
				return err
			}
		}
		to := min(from+size, n)
		if err := fn(*st, from, to, size); err != nil {
			return err
		}
		from = to
	}
	return nil
}

// numbered returns rows groups "(?a,?b,…)" of cols numbered parameters each, the
// first row starting at ?first, followed in every group by the shared parameters
// (for instance "?1"), which every row repeats without binding them again.
func numbered(rows, cols, first int, shared ...string) string {
	var b strings.Builder
	n := first
	for r := range rows {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('?')
			b.WriteString(strconv.Itoa(n))
			n++
		}
		for _, p := range shared {
			b.WriteString("," + p)
		}
		b.WriteByte(')')
	}
	return b.String()
}

// inList returns "(?,?,…)" with n marks.
func inList(n int) string { return "(" + strings.Repeat("?,", n-1) + "?)" }

package store

import (
	"database/sql"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// hotStmts are the bulk statements of order ingestion, prepared once on the writer's
// single connection when the store opens. gorm's PrepareStmt does not help inside
// transactions: a statement it first prepares in one is bound to that transaction,
// and database/sql prepares it again on every later use. A connection-level
// statement handed to each transaction with StmtContext is prepared once. They must
// be prepared outside any transaction: the writer has only one connection.
type hotStmts struct {
	insertEvents *sql.Stmt
	loadOrders   *sql.Stmt
	upsertOrders *sql.Stmt
	approvedOf   *sql.Stmt
}

// prepareHot prepares the bulk statements on the writer.
func (s *Store) prepareHot() error {
	db, err := s.w.DB()
	if err != nil {
		return err
	}
	for _, p := range []struct {
		dst   **sql.Stmt
		query string
	}{
		{&s.hot.insertEvents, insertEventsSQL}, {&s.hot.loadOrders, loadOrdersSQL},
		{&s.hot.upsertOrders, upsertOrdersSQL}, {&s.hot.approvedOf, approvedOfSQL},
	} {
		if *p.dst, err = db.Prepare(p.query); err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
	}
	return nil
}

// closeHot closes the bulk statements.
func (s *Store) closeHot() error {
	var errs []error
	for _, st := range []*sql.Stmt{s.hot.insertEvents, s.hot.loadOrders, s.hot.upsertOrders, s.hot.approvedOf} {
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
		return nil, errors.New("store: bulk statement used outside a transaction")
	}
	return t.StmtContext(tx.Statement.Context, st), nil
}

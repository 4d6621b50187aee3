// Package store keeps growthcard's data in SQLite through gorm. It is the only package
// that imports gorm: one writer connection (IMMEDIATE transactions) and a reader pool.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"growthcard/models"
)

// Store is the database: w is the single writer connection, r the read-only pool.
type Store struct {
	w   *gorm.DB
	r   *gorm.DB
	now func() time.Time
	hot hotStmts // bulk statements of order ingestion, prepared on w

	readCounting *sql.Stmt // countingOrdersSQL on the reader pool, for Entitlement

	bulkMu  sync.Mutex // guards bulkers
	bulkers int        // imports running: while any does, the writer has bulk settings
}

// Open opens (creating if needed) the SQLite file at path, applies pending migrations
// and seeds the default campaign. now is the program clock, used for timestamps.
func Open(path string, now func() time.Time) (*Store, error) {
	if now == nil {
		now = time.Now
	}
	utcNow := func() time.Time { return now().UTC() }
	cfg := func() *gorm.Config {
		return &gorm.Config{
			TranslateError: true,
			NowFunc:        utcNow,
			Logger:         logger.Discard,
			PrepareStmt:    true,
		}
	}
	w, err := gorm.Open(sqlite.Open(dsn(path, false)), cfg())
	if err != nil {
		return nil, fmt.Errorf("open writer: %w", err)
	}
	wdb, _ := w.DB()
	wdb.SetMaxOpenConns(1)
	wdb.SetMaxIdleConns(1)
	wdb.SetConnMaxLifetime(0)
	s := &Store{w: w, now: utcNow}
	if err := s.migrate(); err != nil {
		wdb.Close()
		return nil, err
	}
	if err := s.prepareHot(); err != nil {
		wdb.Close()
		return nil, err
	}
	r, err := gorm.Open(sqlite.Open(dsn(path, true)), cfg())
	if err != nil {
		wdb.Close()
		return nil, fmt.Errorf("open reader: %w", err)
	}
	rdb, _ := r.DB()
	rdb.SetMaxOpenConns(8)
	rdb.SetMaxIdleConns(8)
	s.r = r
	if s.readCounting, err = rdb.Prepare(countingOrdersSQL); err != nil {
		s.Close()
		return nil, fmt.Errorf("prepare: %w", err)
	}
	if err := s.seed(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// cacheSize is every connection's page cache: negative is in KiB (about 20 MB).
const cacheSize = "-20000"

// dsn builds mattn/go-sqlite3 parameters: WAL, busy timeout, foreign keys, and
// IMMEDIATE transactions on the writer or query_only on readers.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "10000")
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "NORMAL")
	q.Set("_cache_size", cacheSize)
	if readOnly {
		q.Set("_query_only", "1")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Close checkpoints and closes both pools.
func (s *Store) Close() error {
	errs := []error{s.closeHot()}
	if s.readCounting != nil {
		errs = append(errs, s.readCounting.Close())
	}
	if s.r != nil {
		if db, err := s.r.DB(); err == nil {
			errs = append(errs, db.Close())
		}
	}
	if db, err := s.w.DB(); err == nil {
		_, _ = db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		errs = append(errs, db.Close())
	}
	return errors.Join(errs...)
}

// Ping checks both pools answer.
func (s *Store) Ping(ctx context.Context) error {
	for _, g := range []*gorm.DB{s.w, s.r} {
		db, err := g.DB()
		if err != nil {
			return err
		}
		if err := db.PingContext(ctx); err != nil {
			return err
		}
	}
	return nil
}

// tx runs fn in one IMMEDIATE write transaction.
func (s *Store) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.w.WithContext(ctx).Transaction(fn)
}

// read returns the reader pool bound to ctx.
func (s *Store) read(ctx context.Context) *gorm.DB { return s.r.WithContext(ctx) }

// notFound translates gorm's not-found into models.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) || errors.Is(err, sql.ErrNoRows) {
		return models.ErrNotFound
	}
	return err
}

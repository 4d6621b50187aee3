package store

import "fmt"

// migration is one versioned schema step; applied steps are recorded in schema_migrations.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists every schema step in order. Never edit an applied step: add one.
func migrations() []migration {
	return []migration{
		{1, "initial schema", schemaV1},
		{2, "lighter order indexes for bulk ingestion", schemaV2},
		{10, "manager console: queue, overview and export indexes; channel history; append-only audit", schemaAdmin},
		{11, "ledger causes keep their values apart, so each language fills its own sentence",
			"ALTER TABLE ledger_entries ADD COLUMN cause_args TEXT NOT NULL DEFAULT ''"},
	}
}

// schemaV2 lightens what every ingested order writes. orders_channel is written all
// over the index (orders arrive in time order, channels at random), so each batch
// dirties a page per row or so: keyed on channel_id alone its entries are a third the
// size, and so are the pages a batch rewrites. No query read settled_at from it: the
// rules take a channel's orders whole. order_events_order served no query at all.
const schemaV2 = `
DROP INDEX order_events_order;
DROP INDEX orders_channel;
CREATE INDEX orders_channel ON orders(channel_id);
`

const schemaV1 = `
CREATE TABLE campaigns (
	id INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	starts_at DATETIME NOT NULL,
	ends_at DATETIME NOT NULL,
	baseline_start DATETIME NOT NULL,
	baseline_end DATETIME NOT NULL,
	min_fans INTEGER NOT NULL,
	rate_bps INTEGER NOT NULL,
	cap_points INTEGER NOT NULL,
	tiers TEXT NOT NULL,
	running BOOLEAN NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX campaigns_one_running ON campaigns(running) WHERE running = 1;

CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,
	password_hash TEXT NOT NULL,
	display_name TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('creator','merchant','manager')),
	channel_id TEXT UNIQUE,
	channel_name TEXT NOT NULL DEFAULT '',
	fans INTEGER NOT NULL DEFAULT 0,
	self_operated BOOLEAN NOT NULL DEFAULT 0,
	short_video_enabled BOOLEAN NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL
);
CREATE INDEX accounts_role ON accounts(role, id);

CREATE TABLE sessions (
	id TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	created_at DATETIME NOT NULL,
	expires_at DATETIME NOT NULL,
	last_seen_at DATETIME NOT NULL,
	ip TEXT NOT NULL DEFAULT '',
	user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE login_attempts (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	ip TEXT NOT NULL,
	success BOOLEAN NOT NULL,
	at DATETIME NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts(email, at);
CREATE INDEX login_attempts_ip ON login_attempts(ip, at);

CREATE TABLE enrollments (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts(id),
	campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
	status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected','withdrawn')),
	reason TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	created_at DATETIME NOT NULL,
	decided_at DATETIME,
	decided_by INTEGER REFERENCES accounts(id)
);
CREATE UNIQUE INDEX enrollments_one_active ON enrollments(account_id, campaign_id)
	WHERE status IN ('pending','approved');
CREATE INDEX enrollments_campaign_status ON enrollments(campaign_id, status, id);
CREATE INDEX enrollments_account ON enrollments(account_id, campaign_id, id);

CREATE TABLE videos (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts(id),
	campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
	title TEXT NOT NULL,
	product_name TEXT NOT NULL,
	video_url TEXT NOT NULL DEFAULT '',
	day TEXT NOT NULL,
	seq INTEGER NOT NULL,
	heated_points INTEGER NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL,
	deleted_at DATETIME
);
CREATE UNIQUE INDEX videos_account_day_seq ON videos(account_id, day, seq);
CREATE INDEX videos_account_created ON videos(account_id, id);
CREATE INDEX videos_campaign_day ON videos(campaign_id, day);

CREATE TABLE order_events (
	event_id TEXT PRIMARY KEY,
	order_id TEXT NOT NULL,
	channel_id TEXT NOT NULL,
	video_id TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL,
	amount INTEGER NOT NULL,
	status TEXT NOT NULL,
	settled_at DATETIME NOT NULL,
	via TEXT NOT NULL,
	received_at DATETIME NOT NULL
);
CREATE INDEX order_events_order ON order_events(order_id);

CREATE TABLE orders (
	order_id TEXT PRIMARY KEY,
	channel_id TEXT NOT NULL,
	video_id TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL,
	amount INTEGER NOT NULL,
	status TEXT NOT NULL,
	cancelled BOOLEAN NOT NULL DEFAULT 0,
	settled_at DATETIME NOT NULL,
	settled_day TEXT NOT NULL,
	last_event_id TEXT NOT NULL,
	updated_at DATETIME NOT NULL
);
CREATE INDEX orders_channel ON orders(channel_id, settled_at);
CREATE INDEX orders_day ON orders(settled_day);

CREATE TABLE ledger_entries (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts(id),
	campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
	kind TEXT NOT NULL CHECK (kind IN ('earn','heat')),
	delta INTEGER NOT NULL,
	cause_key TEXT NOT NULL UNIQUE,
	cause TEXT NOT NULL,
	order_id TEXT NOT NULL DEFAULT '',
	video_id INTEGER,
	balance_after INTEGER NOT NULL,
	created_at DATETIME NOT NULL
);
CREATE INDEX ledger_account ON ledger_entries(account_id, campaign_id, id);
CREATE INDEX ledger_campaign_day ON ledger_entries(campaign_id, created_at);

CREATE TABLE point_balances (
	account_id INTEGER NOT NULL REFERENCES accounts(id),
	campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
	earned INTEGER NOT NULL DEFAULT 0,
	spent INTEGER NOT NULL DEFAULT 0,
	balance INTEGER NOT NULL DEFAULT 0,
	updated_at DATETIME NOT NULL,
	PRIMARY KEY (account_id, campaign_id)
);

CREATE TABLE import_jobs (
	id INTEGER PRIMARY KEY,
	filename TEXT NOT NULL,
	status TEXT NOT NULL,
	total_rows INTEGER NOT NULL DEFAULT 0,
	done_rows INTEGER NOT NULL DEFAULT 0,
	applied INTEGER NOT NULL DEFAULT 0,
	duplicates INTEGER NOT NULL DEFAULT 0,
	errors TEXT NOT NULL DEFAULT '',
	created_by INTEGER REFERENCES accounts(id),
	created_at DATETIME NOT NULL,
	finished_at DATETIME
);

CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	actor_id INTEGER,
	actor_email TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	target_type TEXT NOT NULL DEFAULT '',
	target_id TEXT NOT NULL DEFAULT '',
	before TEXT NOT NULL DEFAULT '',
	after TEXT NOT NULL DEFAULT '',
	ip TEXT NOT NULL DEFAULT '',
	at DATETIME NOT NULL
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_action ON audit_log(action, at);
CREATE INDEX audit_target ON audit_log(target_type, target_id);
`

// migrate applies every migration not yet recorded, each in its own transaction. It
// uses database/sql directly because a step holds several statements.
func (s *Store) migrate() error {
	db, err := s.w.DB()
	if err != nil {
		return err
	}
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at DATETIME NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, m := range migrations() {
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", m.version).Scan(&n); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if n > 0 {
			continue
		}
		tx, err := db.Begin()
		if err != nil {
			return fmt.Errorf("migration %d: %w", m.version, err)
		}
		if _, err := tx.Exec(m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
		}
		if _, err := tx.Exec("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
			m.version, m.name, s.now()); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", m.version, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", m.version, err)
		}
	}
	return nil
}

// LatestSchemaVersion is the version a database has once every migration this build
// knows is applied: caches of seeded databases (benchmarks) are keyed by it.
func LatestSchemaVersion() int {
	m := migrations()
	return m[len(m)-1].version
}

// SchemaVersion returns the highest applied migration.
func (s *Store) SchemaVersion() (int, error) {
	var v int
	err := s.w.Raw("SELECT COALESCE(MAX(version),0) FROM schema_migrations").Scan(&v).Error
	return v, err
}

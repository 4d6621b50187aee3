package store

// schemaAdmin serves the manager console.
//
//   - Covering indexes, so that the overview, the queue's newcomer flag and the exports
//     sum GMV per channel and Beijing day from the index alone, and points per day from
//     the ledger's (campaign, kind, time) range, with a million orders.
//   - channel_seen remembers every channel id (lower-cased) each account has used, so
//     the queue can flag a channel seen before under another account. Triggers keep it
//     whatever code writes accounts; the audit log's sign-ups backfill it.
//   - The audit log becomes append-only in the database itself, not just by convention.
const schemaAdmin = `
CREATE INDEX orders_channel_day ON orders(channel_id, settled_day, source, status, cancelled, amount);
CREATE INDEX ledger_campaign_kind_at ON ledger_entries(campaign_id, kind, created_at, delta);
CREATE INDEX accounts_fans ON accounts(fans);
CREATE INDEX audit_actor ON audit_log(actor_email, at);

CREATE TABLE channel_seen (
	channel_key TEXT NOT NULL,
	channel_id TEXT NOT NULL,
	account_id INTEGER NOT NULL REFERENCES accounts(id),
	seen_at DATETIME NOT NULL,
	PRIMARY KEY (channel_key, account_id)
);
INSERT OR IGNORE INTO channel_seen (channel_key, channel_id, account_id, seen_at)
	SELECT lower(channel_id), channel_id, id, created_at FROM accounts WHERE channel_id IS NOT NULL;
INSERT OR IGNORE INTO channel_seen (channel_key, channel_id, account_id, seen_at)
	SELECT lower(ch), ch, acct, at FROM (
		SELECT CASE WHEN json_valid(after) THEN json_extract(after, '$.channel_id') END AS ch,
			CAST(target_id AS INTEGER) AS acct, at
		FROM audit_log WHERE action = 'account.signup' AND target_type = 'account')
	WHERE ch IS NOT NULL AND ch <> '' AND acct IN (SELECT id FROM accounts);
CREATE TRIGGER accounts_channel_seen_insert AFTER INSERT ON accounts WHEN NEW.channel_id IS NOT NULL
BEGIN
	INSERT OR IGNORE INTO channel_seen (channel_key, channel_id, account_id, seen_at)
	VALUES (lower(NEW.channel_id), NEW.channel_id, NEW.id, NEW.created_at);
END;
CREATE TRIGGER accounts_channel_seen_update AFTER UPDATE OF channel_id ON accounts WHEN NEW.channel_id IS NOT NULL
BEGIN
	INSERT OR IGNORE INTO channel_seen (channel_key, channel_id, account_id, seen_at)
	VALUES (lower(NEW.channel_id), NEW.channel_id, NEW.id, NEW.updated_at);
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`

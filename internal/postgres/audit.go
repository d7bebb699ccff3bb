package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// change is one audit record, written in the same transaction as the change.
type change struct {
	actor     directory.Actor
	entity    string
	key       string
	action    string
	reason    string
	before    any // nil for a creation
	after     any // nil for a removal
	timestamp string
}

// record appends a change to the audit log, inside the change's own
// transaction, so that the two land together or not at all.
func record(ctx context.Context, tx pgx.Tx, c change) error {
	before, err := snapshot(c.before)
	if err != nil {
		return err
	}
	after, err := snapshot(c.after)
	if err != nil {
		return err
	}
	var user *int64
	if c.actor.UserID != 0 {
		user = &c.actor.UserID
	}
	name := c.actor.Name
	if name == "" {
		name = "system"
	}
	if _, err := tx.Exec(ctx, `
		INSERT INTO audit_log (at, user_id, user_name, entity, entity_key, action, reason, before, after)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		c.timestamp, user, name, c.entity, c.key, c.action, c.reason, before, after); err != nil {
		return fmt.Errorf("write audit record: %w", err)
	}
	return nil
}

// snapshot encodes a record as the audit log keeps it: JSON, or "" for none.
func snapshot(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode audit snapshot: %w", err)
	}
	return string(b), nil
}

const auditColumns = `id, at, coalesce(user_id, 0), user_name, entity, entity_key, action, reason, before, after`

func scanAudit(row pgx.Row) (directory.AuditEntry, error) {
	var e directory.AuditEntry
	err := row.Scan(&e.ID, &e.At, &e.UserID, &e.UserName, &e.Entity, &e.EntityKey, &e.Action, &e.Reason, &e.Before, &e.After)
	return e, err
}

// History returns the audit records of one record, newest first.
func (db *DB) History(ctx context.Context, entity, key string) ([]directory.AuditEntry, error) {
	return db.auditQuery(ctx, `SELECT `+auditColumns+` FROM audit_log WHERE entity = $1 AND entity_key = $2 ORDER BY id DESC`, entity, key)
}

// RecentChanges returns the latest audit records across the directory,
// newest first.
func (db *DB) RecentChanges(ctx context.Context, limit int) ([]directory.AuditEntry, error) {
	return db.auditQuery(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY id DESC LIMIT $1`, limit)
}

// AuditEntry returns one audit record, or an ENOTFOUND error.
func (db *DB) AuditEntry(ctx context.Context, id int64) (directory.AuditEntry, error) {
	e, err := scanAudit(db.pool.QueryRow(ctx, `SELECT `+auditColumns+` FROM audit_log WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return e, directory.Errorf(directory.ENOTFOUND, "There is no change %d in the history.", id)
	}
	if err != nil {
		return e, fmt.Errorf("find audit record %d: %w", id, err)
	}
	return e, nil
}

// savedVersion decodes into dst the version of a record that an audit
// record saved: the one after its change or, with before set, the one before
// it. noun names the kind of record in words, such as "service type". It
// returns the reason a restore of that version is audited with. A change to
// another record, or one without that side, is refused.
func (db *DB) savedVersion(ctx context.Context, entity, key, noun string, auditID int64, before bool, dst any) (reason string, err error) {
	entry, err := db.AuditEntry(ctx, auditID)
	if err != nil {
		return "", err
	}
	saved, when := entry.After, "after the change"
	if before {
		saved, when = entry.Before, "before the change"
	}
	if entry.Entity != entity || entry.EntityKey != key || saved == "" {
		return "", directory.Errorf(directory.EINVALID, "That change does not hold a version of this %s.", noun)
	}
	if err := json.Unmarshal([]byte(saved), dst); err != nil {
		return "", fmt.Errorf("read saved version %d: %w", auditID, err)
	}
	return fmt.Sprintf("Restored the version from %s made on %s by %s", when, entry.At, entry.UserName), nil
}

func (db *DB) auditQuery(ctx context.Context, query string, args ...any) ([]directory.AuditEntry, error) {
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var out []directory.AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("scan audit record: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

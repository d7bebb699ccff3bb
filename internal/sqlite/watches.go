package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// watchedExists reports whether the record a watch would name exists.
func watchedExists(ctx context.Context, tx *sql.Tx, entity, key string) (bool, error) {
	var n int
	var err error
	switch entity {
	case directory.EntityService:
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM services WHERE slug = ?`, key).Scan(&n)
	case directory.EntityCoverageCell:
		serviceType, area, ok := strings.Cut(key, "/")
		if !ok {
			return false, nil
		}
		err = tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM service_types WHERE slug = ?) * (SELECT count(*) FROM areas WHERE slug = ?)`,
			serviceType, area).Scan(&n)
	}
	if err != nil {
		return false, fmt.Errorf("find the watched record: %w", err)
	}
	return n > 0, nil
}

// Watch adds a watch, or leaves one that is there.
func (db *DB) Watch(ctx context.Context, userID int64, entity, key string) error {
	if !directory.Watchable(entity) {
		return directory.Errorf(directory.EINVALID, "Only services and coverage cells can be watched.")
	}
	tx, err := db.writeTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ok, err := watchedExists(ctx, tx, entity, key)
	if err != nil {
		return err
	}
	if !ok {
		return directory.Errorf(directory.ENOTFOUND, "There is no %s %q to watch.", entity, key)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO watches (user_id, entity, entity_key, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, userID, entity, key, db.now()); err != nil {
		return fmt.Errorf("watch %s %q: %w", entity, key, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO watch_digests (user_id, last_audit_id)
		VALUES (?, (SELECT coalesce(max(id), 0) FROM audit_log)) ON CONFLICT DO NOTHING`, userID); err != nil {
		return fmt.Errorf("start the digest of user %d: %w", userID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit watch: %w", err)
	}
	return nil
}

// Unwatch removes a watch, if there is one.
func (db *DB) Unwatch(ctx context.Context, userID int64, entity, key string) error {
	tx, err := db.writeTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM watches WHERE user_id = ? AND entity = ? AND entity_key = ?`, userID, entity, key); err != nil {
		return fmt.Errorf("stop watching %s %q: %w", entity, key, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit unwatch: %w", err)
	}
	return nil
}

// Watches returns what a user watches, in the order they began.
func (db *DB) Watches(ctx context.Context, userID int64) ([]directory.Watch, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT user_id, entity, entity_key, created_at FROM watches
		WHERE user_id = ? ORDER BY created_at, entity, entity_key`, userID)
	if err != nil {
		return nil, fmt.Errorf("list watches: %w", err)
	}
	defer rows.Close()
	var out []directory.Watch
	for rows.Next() {
		var w directory.Watch
		if err := rows.Scan(&w.UserID, &w.Entity, &w.Key, &w.CreatedAt); err != nil {
			return nil, fmt.Errorf("scan watch: %w", err)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// WatchedChanges returns the changes by others to what the user watches
// since the last digest, oldest first, read in one snapshot with the id of
// the latest audit record.
func (db *DB) WatchedChanges(ctx context.Context, userID int64) ([]directory.AuditEntry, int64, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("read watched changes: %w", err)
	}
	defer tx.Rollback()
	var since, upTo int64
	err = tx.QueryRowContext(ctx, `SELECT last_audit_id FROM watch_digests WHERE user_id = ?`, userID).Scan(&since)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil // watches nothing, nor ever has
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read the digest of user %d: %w", userID, err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM audit_log`).Scan(&upTo); err != nil {
		return nil, 0, fmt.Errorf("read the audit log: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.at, coalesce(a.user_id, 0), a.user_name, a.entity, a.entity_key, a.action, a.reason, a.before, a.after
		FROM audit_log a
		JOIN watches w ON w.entity = a.entity AND w.entity_key = a.entity_key AND w.user_id = ?
		WHERE a.id > ? AND a.id <= ? AND coalesce(a.user_id, 0) <> ? ORDER BY a.id`, userID, since, upTo, userID)
	if err != nil {
		return nil, 0, fmt.Errorf("read watched changes: %w", err)
	}
	defer rows.Close()
	var out []directory.AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan watched change: %w", err)
		}
		out = append(out, e)
	}
	return out, upTo, rows.Err()
}

// MarkWatchDigest records that the user has been told of every change up to
// the audit record upTo. It never moves the mark back.
func (db *DB) MarkWatchDigest(ctx context.Context, userID int64, upTo int64) error {
	tx, err := db.writeTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE watch_digests SET last_audit_id = max(last_audit_id, ?) WHERE user_id = ?`, upTo, userID); err != nil {
		return fmt.Errorf("mark the digest of user %d: %w", userID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit digest mark: %w", err)
	}
	return nil
}

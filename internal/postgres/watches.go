package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// Watch adds a watch, or leaves one that is there. Watches are on no public
// page, so it takes a plain transaction and leaves the content version
// alone.
func (db *DB) Watch(ctx context.Context, userID int64, entity, key string) error {
	if !directory.Watchable(entity) {
		return directory.Errorf(directory.EINVALID, "Only services and coverage cells can be watched.")
	}
	var n int
	var err error
	switch entity {
	case directory.EntityService:
		err = db.pool.QueryRow(ctx, `SELECT count(*) FROM services WHERE slug = $1`, key).Scan(&n)
	case directory.EntityCoverageCell:
		if serviceType, area, ok := strings.Cut(key, "/"); ok {
			err = db.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM service_types WHERE slug = $1) * (SELECT count(*) FROM areas WHERE slug = $2)`,
				serviceType, area).Scan(&n)
		}
	}
	if err != nil {
		return fmt.Errorf("find the watched record: %w", err)
	}
	if n == 0 {
		return directory.Errorf(directory.ENOTFOUND, "There is no %s %q to watch.", entity, key)
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("watch %s %q: %w", entity, key, err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `INSERT INTO watches (user_id, entity, entity_key, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT DO NOTHING`, userID, entity, key, db.now()); err != nil {
		return fmt.Errorf("watch %s %q: %w", entity, key, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO watch_digests (user_id, last_audit_id)
		VALUES ($1, (SELECT coalesce(max(id), 0) FROM audit_log)) ON CONFLICT DO NOTHING`, userID); err != nil {
		return fmt.Errorf("start the digest of user %d: %w", userID, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit watch: %w", err)
	}
	return nil
}

// Unwatch removes a watch, if there is one.
func (db *DB) Unwatch(ctx context.Context, userID int64, entity, key string) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM watches WHERE user_id = $1 AND entity = $2 AND entity_key = $3`, userID, entity, key); err != nil {
		return fmt.Errorf("stop watching %s %q: %w", entity, key, err)
	}
	return nil
}

// Watches returns what a user watches, in the order they began.
func (db *DB) Watches(ctx context.Context, userID int64) ([]directory.Watch, error) {
	rows, err := db.pool.Query(ctx, `SELECT user_id, entity, entity_key, created_at FROM watches
		WHERE user_id = $1 ORDER BY created_at, entity, entity_key`, userID)
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list watches: %w", err)
	}
	return out, nil
}

// WatchedChanges returns the changes by others to what the user watches
// since the last digest, oldest first, read in one snapshot with the id of
// the latest audit record.
func (db *DB) WatchedChanges(ctx context.Context, userID int64) ([]directory.AuditEntry, int64, error) {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, 0, fmt.Errorf("read watched changes: %w", err)
	}
	defer tx.Rollback(ctx)
	var since, upTo int64
	err = tx.QueryRow(ctx, `SELECT last_audit_id FROM watch_digests WHERE user_id = $1`, userID).Scan(&since)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, 0, nil // watches nothing, nor ever has
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read the digest of user %d: %w", userID, err)
	}
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM audit_log`).Scan(&upTo); err != nil {
		return nil, 0, fmt.Errorf("read the audit log: %w", err)
	}
	rows, err := tx.Query(ctx, `SELECT a.id, a.at, coalesce(a.user_id, 0), a.user_name, a.entity, a.entity_key, a.action, a.reason, a.before, a.after
		FROM audit_log a
		JOIN watches w ON w.entity = a.entity AND w.entity_key = a.entity_key AND w.user_id = $1
		WHERE a.id > $2 AND a.id <= $3 AND coalesce(a.user_id, 0) <> $1 ORDER BY a.id`, userID, since, upTo)
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
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("read watched changes: %w", err)
	}
	return out, upTo, nil
}

// MarkWatchDigest records that the user has been told of every change up to
// the audit record upTo. It never moves the mark back.
func (db *DB) MarkWatchDigest(ctx context.Context, userID int64, upTo int64) error {
	if _, err := db.pool.Exec(ctx, `UPDATE watch_digests SET last_audit_id = greatest(last_audit_id, $1) WHERE user_id = $2`, upTo, userID); err != nil {
		return fmt.Errorf("mark the digest of user %d: %w", userID, err)
	}
	return nil
}

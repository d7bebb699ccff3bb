package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// SetServiceOwner makes a member of staff the owner of a service's review,
// or with ownerID zero leaves it to the organisation's providers, and
// audits it. The audit log bumps the content version, so the transaction
// queues for the version's row first.
func (db *DB) SetServiceOwner(ctx context.Context, actor directory.Actor, slug string, ownerID int64) error {
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return fmt.Errorf("set the owner of %q: %w", slug, err)
	}
	defer tx.Rollback(ctx)
	var serviceID int64
	err = tx.QueryRow(ctx, `SELECT id FROM services WHERE slug = $1`, slug).Scan(&serviceID)
	if errors.Is(err, pgx.ErrNoRows) {
		return directory.Errorf(directory.ENOTFOUND, "There is no service %q.", slug)
	}
	if err != nil {
		return fmt.Errorf("find service %q: %w", slug, err)
	}
	reason := "Review owner: the organisation's provider accounts"
	if ownerID != 0 {
		var name, role, disabled string
		err := tx.QueryRow(ctx, `SELECT name, role, disabled_at FROM users WHERE id = $1`, ownerID).Scan(&name, &role, &disabled)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && (disabled != "" || !directory.Role(role).Staff())) {
			return directory.FieldErrors{{Field: "owner", Message: "Choose an active admin or editor as the owner"}}.Err()
		}
		if err != nil {
			return fmt.Errorf("find user %d: %w", ownerID, err)
		}
		reason = "Review owner: " + name
		if _, err := tx.Exec(ctx, `INSERT INTO service_owners (service_id, user_id) VALUES ($1, $2)
			ON CONFLICT (service_id) DO UPDATE SET user_id = excluded.user_id`, serviceID, ownerID); err != nil {
			return fmt.Errorf("set the owner of %q: %w", slug, err)
		}
	} else if _, err := tx.Exec(ctx, `DELETE FROM service_owners WHERE service_id = $1`, serviceID); err != nil {
		return fmt.Errorf("clear the owner of %q: %w", slug, err)
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityService, key: slug, action: "owner", reason: reason,
		timestamp: db.now()}); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit the owner of %q: %w", slug, err)
	}
	return nil
}

// ServiceOwners returns each owned service's owner, by slug.
func (db *DB) ServiceOwners(ctx context.Context) (map[string]int64, error) {
	rows, err := db.pool.Query(ctx, `SELECT s.slug, o.user_id FROM service_owners o JOIN services s ON s.id = o.service_id`)
	if err != nil {
		return nil, fmt.Errorf("list service owners: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var slug string
		var id int64
		if err := rows.Scan(&slug, &id); err != nil {
			return nil, fmt.Errorf("scan service owner: %w", err)
		}
		out[slug] = id
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list service owners: %w", err)
	}
	return out, nil
}

// ClaimReviewReminder records that a reminder has gone, once: of several
// servers that try at once, one inserts the row.
func (db *DB) ClaimReviewReminder(ctx context.Context, serviceID int64, dueOn string, stage directory.ReviewStage) (bool, error) {
	tag, err := db.pool.Exec(ctx, `INSERT INTO review_reminders (service_id, due_on, stage, sent_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT DO NOTHING`, serviceID, dueOn, int(stage), db.now())
	if err != nil {
		return false, fmt.Errorf("claim a review reminder: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

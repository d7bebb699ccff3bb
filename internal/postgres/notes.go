package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// AddServiceNote adds a note by actor to a service, and audits it. The note
// table is quiet, but the audit log bumps the content version, so the
// transaction queues for the version's row first, as every write to a
// public table does.
func (db *DB) AddServiceNote(ctx context.Context, actor directory.Actor, slug, body string) (directory.ServiceNote, error) {
	body = strings.TrimSpace(body)
	if errs := directory.ValidateNote(body); len(errs) > 0 {
		return directory.ServiceNote{}, errs.Err()
	}
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return directory.ServiceNote{}, fmt.Errorf("add note to %q: %w", slug, err)
	}
	defer tx.Rollback(ctx)
	var serviceID int64
	err = tx.QueryRow(ctx, `SELECT id FROM services WHERE slug = $1`, slug).Scan(&serviceID)
	if errors.Is(err, pgx.ErrNoRows) {
		return directory.ServiceNote{}, directory.Errorf(directory.ENOTFOUND, "There is no service %q.", slug)
	}
	if err != nil {
		return directory.ServiceNote{}, fmt.Errorf("find service %q: %w", slug, err)
	}
	author := actor.Name
	if author == "" {
		author = "system"
	}
	n := directory.ServiceNote{ServiceSlug: slug, Body: body, AuthorName: author, CreatedAt: db.now()}
	if err := tx.QueryRow(ctx, `INSERT INTO service_notes (service_id, body, author_name, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		serviceID, n.Body, n.AuthorName, n.CreatedAt).Scan(&n.ID); err != nil {
		return n, fmt.Errorf("add note to %q: %w", slug, err)
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityServiceNote, key: slug, action: "create",
		after: n, timestamp: n.CreatedAt}); err != nil {
		return n, err
	}
	if err := tx.Commit(ctx); err != nil {
		return n, fmt.Errorf("commit note on %q: %w", slug, err)
	}
	return n, nil
}

// ServiceNotes returns a service's notes, newest first.
func (db *DB) ServiceNotes(ctx context.Context, slug string) ([]directory.ServiceNote, error) {
	rows, err := db.pool.Query(ctx, `SELECT n.id, s.slug, n.body, n.author_name, n.created_at
		FROM service_notes n JOIN services s ON s.id = n.service_id WHERE s.slug = $1 ORDER BY n.id DESC`, slug)
	if err != nil {
		return nil, fmt.Errorf("list notes on %q: %w", slug, err)
	}
	defer rows.Close()
	var out []directory.ServiceNote
	for rows.Next() {
		var n directory.ServiceNote
		if err := rows.Scan(&n.ID, &n.ServiceSlug, &n.Body, &n.AuthorName, &n.CreatedAt); err != nil {
			return nil, fmt.Errorf("scan note on %q: %w", slug, err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list notes on %q: %w", slug, err)
	}
	return out, nil
}

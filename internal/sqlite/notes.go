package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// AddServiceNote adds a note by actor to a service, and audits it. The note
// table is quiet; the audit record alone moves the content version.
func (db *DB) AddServiceNote(ctx context.Context, actor directory.Actor, slug, body string) (directory.ServiceNote, error) {
	body = strings.TrimSpace(body)
	if errs := directory.ValidateNote(body); len(errs) > 0 {
		return directory.ServiceNote{}, errs.Err()
	}
	tx, err := db.writeTx(ctx)
	if err != nil {
		return directory.ServiceNote{}, err
	}
	defer tx.Rollback()
	var serviceID int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM services WHERE slug = ?`, slug).Scan(&serviceID)
	if errors.Is(err, sql.ErrNoRows) {
		return directory.ServiceNote{}, directory.Errorf(directory.ENOTFOUND, "There is no service %q.", slug)
	}
	if err != nil {
		return directory.ServiceNote{}, fmt.Errorf("find service %q: %w", slug, err)
	}
	n := directory.ServiceNote{ServiceSlug: slug, Body: body, AuthorName: actorName(actor), CreatedAt: db.now()}
	res, err := tx.ExecContext(ctx, `INSERT INTO service_notes (service_id, body, author_name, created_at) VALUES (?, ?, ?, ?)`,
		serviceID, n.Body, n.AuthorName, n.CreatedAt)
	if err != nil {
		return n, fmt.Errorf("add note to %q: %w", slug, err)
	}
	if n.ID, err = res.LastInsertId(); err != nil {
		return n, fmt.Errorf("add note to %q: %w", slug, err)
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityServiceNote, key: slug, action: "create",
		after: n, timestamp: n.CreatedAt}); err != nil {
		return n, err
	}
	if err := tx.Commit(); err != nil {
		return n, fmt.Errorf("commit note on %q: %w", slug, err)
	}
	return n, nil
}

// ServiceNotes returns a service's notes, newest first.
func (db *DB) ServiceNotes(ctx context.Context, slug string) ([]directory.ServiceNote, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT n.id, s.slug, n.body, n.author_name, n.created_at
		FROM service_notes n JOIN services s ON s.id = n.service_id WHERE s.slug = ? ORDER BY n.id DESC`, slug)
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
	return out, rows.Err()
}

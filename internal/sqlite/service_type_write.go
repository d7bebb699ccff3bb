package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// CreateServiceType adds a service type after the last one, and audits it.
// A slug that is taken gives a field error.
func (db *DB) CreateServiceType(ctx context.Context, actor directory.Actor, t directory.ServiceType) (directory.ServiceType, error) {
	t.Name, t.Description = strings.TrimSpace(t.Name), strings.TrimSpace(t.Description)
	tx, err := db.writeTx(ctx)
	if err != nil {
		return t, err
	}
	defer tx.Rollback()
	errs := t.Validate()
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM service_types WHERE slug = ?`, t.Slug).Scan(&taken); err != nil {
		return t, fmt.Errorf("check service type slug: %w", err)
	}
	if taken > 0 && errs.For("slug") == "" {
		errs.Add("slug", "Another service type already uses this web address name")
	}
	if len(errs) > 0 {
		return t, errs.Err()
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO service_types (slug, name, description, position, version)
		VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM service_types), 1)`,
		t.Slug, t.Name, t.Description); err != nil {
		return t, fmt.Errorf("create service type %q: %w", t.Slug, err)
	}
	created, err := serviceTypeInTx(ctx, tx, t.Slug)
	if err != nil {
		return t, err
	}
	now := db.now()
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityServiceType, key: t.Slug, action: "create",
		after: created, timestamp: now}); err != nil {
		return t, err
	}
	if err := tx.Commit(); err != nil {
		return t, fmt.Errorf("commit new service type: %w", err)
	}
	return created, nil
}

// UpdateServiceType saves an admin's edit of a service type's name and
// description. t.Version must be the version the edit started from; if the
// stored one has moved on, the edit is refused with a ConflictError that
// carries the stored service type. The slug never changes: coverage, services
// and the audit log all refer to it.
func (db *DB) UpdateServiceType(ctx context.Context, actor directory.Actor, t directory.ServiceType) (directory.ServiceType, error) {
	tx, err := db.writeTx(ctx)
	if err != nil {
		return t, err
	}
	defer tx.Rollback()
	current, err := serviceTypeInTx(ctx, tx, t.Slug)
	if err != nil {
		return t, err
	}
	if current.Version != t.Version {
		return current, &directory.ConflictError{Current: current}
	}
	next := current
	next.Name, next.Description = strings.TrimSpace(t.Name), strings.TrimSpace(t.Description)
	if errs := next.Validate(); len(errs) > 0 {
		return next, errs.Err()
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE service_types SET name = ?, description = ?, version = version + 1
		WHERE id = ? AND version = ?`, next.Name, next.Description, current.ID, t.Version)
	if err != nil {
		return next, fmt.Errorf("update service type %q: %w", t.Slug, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return current, &directory.ConflictError{Current: current}
	}
	saved, err := serviceTypeInTx(ctx, tx, t.Slug)
	if err != nil {
		return next, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityServiceType, key: t.Slug, action: "update",
		before: current, after: saved, timestamp: db.now()}); err != nil {
		return next, err
	}
	if err := tx.Commit(); err != nil {
		return next, fmt.Errorf("commit service type change: %w", err)
	}
	return saved, nil
}

// serviceTypeInTx reads a service type inside a write transaction.
func serviceTypeInTx(ctx context.Context, tx *sql.Tx, slug string) (directory.ServiceType, error) {
	t, err := scanServiceType(tx.QueryRowContext(ctx, `SELECT `+serviceTypeColumns+` FROM service_types WHERE slug = ?`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return t, directory.Errorf(directory.ENOTFOUND, "There is no service type called %q.", slug)
	}
	if err != nil {
		return t, fmt.Errorf("find service type %q: %w", slug, err)
	}
	return t, nil
}

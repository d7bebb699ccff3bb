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
	return db.changeServiceType(ctx, actor, t.Slug, t.Version, "update", "", t)
}

// RestoreServiceType gives a service type again the name and description an
// audit record saved: after its change or, with before set, before it (the
// only way back to the version first loaded). Those are the only fields an
// edit can change, so the slug and the place in the matrix stay. version is
// the one the restore started from, checked as an edit's is, and the restore
// is itself audited.
func (db *DB) RestoreServiceType(ctx context.Context, actor directory.Actor, slug string, version int, auditID int64, before bool) (directory.ServiceType, error) {
	var old directory.ServiceType
	reason, err := db.savedVersion(ctx, directory.EntityServiceType, slug, "service type", auditID, before, &old)
	if err != nil {
		return directory.ServiceType{}, err
	}
	return db.changeServiceType(ctx, actor, slug, version, "restore", reason, old)
}

// changeServiceType is the one way a stored service type changes: in one
// transaction it checks the version, takes the name and description from
// edit, validates, writes them with the next version, and audits the change
// with the service type before and after.
func (db *DB) changeServiceType(ctx context.Context, actor directory.Actor, slug string, version int, action, reason string,
	edit directory.ServiceType) (directory.ServiceType, error) {
	tx, err := db.writeTx(ctx)
	if err != nil {
		return edit, err
	}
	defer tx.Rollback()
	current, err := serviceTypeInTx(ctx, tx, slug)
	if err != nil {
		return edit, err
	}
	if current.Version != version {
		return current, &directory.ConflictError{Current: current}
	}
	next := current
	next.Name, next.Description = strings.TrimSpace(edit.Name), strings.TrimSpace(edit.Description)
	if errs := next.Validate(); len(errs) > 0 {
		return next, errs.Err()
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE service_types SET name = ?, description = ?, version = version + 1
		WHERE id = ? AND version = ?`, next.Name, next.Description, current.ID, version)
	if err != nil {
		return next, fmt.Errorf("update service type %q: %w", slug, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return current, &directory.ConflictError{Current: current}
	}
	saved, err := serviceTypeInTx(ctx, tx, slug)
	if err != nil {
		return next, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityServiceType, key: slug, action: action,
		reason: reason, before: current, after: saved, timestamp: db.now()}); err != nil {
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

package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// serviceTypesLock is the advisory lock under which service types are
// created, so that two servers creating one at once give them different
// places at the end of the matrix.
const serviceTypesLock = "service_types order"

// CreateServiceType adds a service type after the last one, and audits it.
// A slug that is taken gives a field error, even when another server takes
// it at the same moment.
func (db *DB) CreateServiceType(ctx context.Context, actor directory.Actor, t directory.ServiceType) (directory.ServiceType, error) {
	t.Name, t.Description = strings.TrimSpace(t.Name), strings.TrimSpace(t.Description)
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return t, fmt.Errorf("begin write: %w", err)
	}
	defer tx.Rollback(ctx)
	if err := coverageLock(ctx, tx, serviceTypesLock); err != nil {
		return t, err
	}
	errs := t.Validate()
	var taken bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM service_types WHERE slug = $1)`, t.Slug).Scan(&taken); err != nil {
		return t, fmt.Errorf("check service type slug: %w", err)
	}
	if taken && errs.For("slug") == "" {
		errs.Add("slug", "Another service type already uses this web address name")
	}
	if len(errs) > 0 {
		return t, errs.Err()
	}
	tag, err := tx.Exec(ctx, `
		INSERT INTO service_types (slug, name, description, position, version)
		VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM service_types), 1)
		ON CONFLICT (slug) DO NOTHING`,
		t.Slug, t.Name, t.Description)
	if err != nil {
		return t, fmt.Errorf("create service type %q: %w", t.Slug, err)
	}
	if tag.RowsAffected() == 0 { // taken since the check, by a writer outside the lock
		errs.Add("slug", "Another service type already uses this web address name")
		return t, errs.Err()
	}
	created, err := serviceTypeBySlug(ctx, tx, t.Slug)
	if err != nil {
		return t, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityServiceType, key: t.Slug, action: "create",
		after: created, timestamp: db.now()}); err != nil {
		return t, err
	}
	if err := tx.Commit(ctx); err != nil {
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
// transaction it locks the row (FOR NO KEY UPDATE, which leaves ratings and
// services that refer to it free to be written), checks the version, takes
// the name and description from edit, validates, writes them with the next
// version, and audits the change with the service type before and after.
// Of editors saving from one version at once, the first to lock the row
// saves and the others then read the version it wrote, and are refused.
func (db *DB) changeServiceType(ctx context.Context, actor directory.Actor, slug string, version int, action, reason string,
	edit directory.ServiceType) (directory.ServiceType, error) {
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return edit, fmt.Errorf("begin write: %w", err)
	}
	defer tx.Rollback(ctx)
	current, err := serviceTypeForUpdate(ctx, tx, slug)
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
	tag, err := tx.Exec(ctx, `
		UPDATE service_types SET name = $1, description = $2, version = version + 1
		WHERE id = $3 AND version = $4`, next.Name, next.Description, current.ID, version)
	if err != nil {
		return next, fmt.Errorf("update service type %q: %w", slug, err)
	}
	if tag.RowsAffected() != 1 {
		return current, &directory.ConflictError{Current: current}
	}
	saved, err := serviceTypeBySlug(ctx, tx, slug)
	if err != nil {
		return next, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityServiceType, key: slug, action: action,
		reason: reason, before: current, after: saved, timestamp: db.now()}); err != nil {
		return next, err
	}
	if err := tx.Commit(ctx); err != nil {
		return next, fmt.Errorf("commit service type change: %w", err)
	}
	return saved, nil
}

// serviceTypeForUpdate reads a service type inside a write transaction,
// locking its row until the transaction ends, or gives an ENOTFOUND error.
func serviceTypeForUpdate(ctx context.Context, tx pgx.Tx, slug string) (directory.ServiceType, error) {
	t, err := scanServiceType(tx.QueryRow(ctx, `SELECT `+serviceTypeColumns+` FROM service_types WHERE slug = $1
		FOR NO KEY UPDATE`, slug))
	if errors.Is(err, pgx.ErrNoRows) {
		return t, directory.Errorf(directory.ENOTFOUND, "There is no service type called %q.", slug)
	}
	if err != nil {
		return t, fmt.Errorf("find service type %q: %w", slug, err)
	}
	return t, nil
}

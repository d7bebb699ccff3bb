package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// areasLock is the advisory lock under which areas are created and changed,
// so that two servers at once neither give new areas the same place at the
// end of the list nor, each checking its own edit against the tree as it
// stood, together make a loop of parents (A inside B while B goes inside A).
const areasLock = "areas tree"

// CreateArea adds an area after the last one, and audits it. A slug that is
// taken, or a parent that does not exist, gives a field error.
func (db *DB) CreateArea(ctx context.Context, actor directory.Actor, a directory.Area) (directory.Area, error) {
	a = trimArea(a)
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return a, fmt.Errorf("begin write: %w", err)
	}
	defer tx.Rollback(ctx)
	if err := coverageLock(ctx, tx, areasLock); err != nil {
		return a, err
	}
	errs := a.Validate()
	var taken bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM areas WHERE slug = $1)`, a.Slug).Scan(&taken); err != nil {
		return a, fmt.Errorf("check area slug: %w", err)
	}
	if taken && errs.For("slug") == "" {
		errs.Add("slug", "Another area already uses this web address name")
	}
	if err := checkParent(ctx, tx, a.ParentSlug, 0, &errs); err != nil {
		return a, err
	}
	if len(errs) > 0 {
		return a, errs.Err()
	}
	tag, err := tx.Exec(ctx, `
		INSERT INTO areas (slug, name, short_name, kind, parent_id, ons_code, valid_from, valid_to, position, note, version)
		VALUES ($1, $2, $3, $4, (SELECT id FROM areas WHERE slug = $5), $6, $7, $8,
			(SELECT coalesce(max(position), 0) + 1 FROM areas), $9, 1)
		ON CONFLICT (slug) DO NOTHING`,
		a.Slug, a.Name, a.ShortName, a.Kind, a.ParentSlug, a.Code, a.ValidFrom, a.ValidTo, a.Note)
	if err != nil {
		return a, fmt.Errorf("create area %q: %w", a.Slug, err)
	}
	if tag.RowsAffected() == 0 { // taken since the check, by a writer outside the lock
		errs.Add("slug", "Another area already uses this web address name")
		return a, errs.Err()
	}
	created, err := areaBySlug(ctx, tx, a.Slug)
	if err != nil {
		return a, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityArea, key: a.Slug, action: "create",
		after: created, timestamp: db.now()}); err != nil {
		return a, err
	}
	if err := tx.Commit(ctx); err != nil {
		return a, fmt.Errorf("commit new area: %w", err)
	}
	return created, nil
}

// UpdateArea saves an admin's edit of an area. a.Version must be the version
// the edit started from; if the stored one has moved on, the edit is refused
// with a ConflictError that carries the stored area. The slug never changes,
// because coverage history, services and the audit log refer to it, and a
// parent that would make the area its own ancestor is refused.
func (db *DB) UpdateArea(ctx context.Context, actor directory.Actor, a directory.Area) (directory.Area, error) {
	return db.changeArea(ctx, actor, strings.TrimSpace(a.Slug), a.Version, "update", "", a)
}

// RestoreArea gives an area again the fields an admin can edit (name, short
// name, kind, parent, ONS code, dates and note) as an audit record saved them:
// after its change or, with before set, before it (the only way back to the
// version first loaded). The slug and the place in the list stay, and the
// restored fields are checked as an edit's are, so a parent that has since
// come inside the area is refused. version is the one the restore started
// from, checked as an edit's is, and the restore is itself audited.
func (db *DB) RestoreArea(ctx context.Context, actor directory.Actor, slug string, version int, auditID int64, before bool) (directory.Area, error) {
	var old directory.Area
	reason, err := db.savedVersion(ctx, directory.EntityArea, slug, "area", auditID, before, &old)
	if err != nil {
		return directory.Area{}, err
	}
	return db.changeArea(ctx, actor, slug, version, "restore", reason, old)
}

// changeArea is the one way a stored area changes: in one transaction, under
// the areas' advisory lock, it reads the area, checks the version, takes
// from edit the fields an admin can edit, validates them and the parent
// against the tree as the last change left it, writes them with the next
// version, and audits the change with the area before and after.
func (db *DB) changeArea(ctx context.Context, actor directory.Actor, slug string, version int, action, reason string,
	edit directory.Area) (directory.Area, error) {
	edit = trimArea(edit)
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return edit, fmt.Errorf("begin write: %w", err)
	}
	defer tx.Rollback(ctx)
	if err := coverageLock(ctx, tx, areasLock); err != nil {
		return edit, err
	}
	// The row is locked too, for any writer of areas that does not take the
	// advisory lock; FOR NO KEY UPDATE leaves rows that refer to it free.
	if _, err := tx.Exec(ctx, `SELECT 1 FROM areas WHERE slug = $1 FOR NO KEY UPDATE`, slug); err != nil {
		return edit, fmt.Errorf("lock area %q: %w", slug, err)
	}
	current, err := areaBySlug(ctx, tx, slug)
	if err != nil {
		return edit, err
	}
	if current.Version != version {
		return current, &directory.ConflictError{Current: current}
	}
	next := current
	next.Name, next.ShortName, next.Kind, next.ParentSlug = edit.Name, edit.ShortName, edit.Kind, edit.ParentSlug
	next.Code, next.ValidFrom, next.ValidTo, next.Note = edit.Code, edit.ValidFrom, edit.ValidTo, edit.Note
	errs := next.Validate()
	if err := checkParent(ctx, tx, next.ParentSlug, current.ID, &errs); err != nil {
		return next, err
	}
	if len(errs) > 0 {
		return next, errs.Err()
	}
	tag, err := tx.Exec(ctx, `
		UPDATE areas SET name = $1, short_name = $2, kind = $3, parent_id = (SELECT id FROM areas WHERE slug = $4),
			ons_code = $5, valid_from = $6, valid_to = $7, note = $8, version = version + 1
		WHERE id = $9 AND version = $10`,
		next.Name, next.ShortName, next.Kind, next.ParentSlug, next.Code, next.ValidFrom, next.ValidTo, next.Note,
		current.ID, version)
	if err != nil {
		return next, fmt.Errorf("update area %q: %w", slug, err)
	}
	if tag.RowsAffected() != 1 {
		return current, &directory.ConflictError{Current: current}
	}
	saved, err := areaBySlug(ctx, tx, slug)
	if err != nil {
		return next, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityArea, key: slug, action: action,
		reason: reason, before: current, after: saved, timestamp: db.now()}); err != nil {
		return next, err
	}
	if err := tx.Commit(ctx); err != nil {
		return next, fmt.Errorf("commit area change: %w", err)
	}
	return saved, nil
}

// checkParent makes sure a parent area exists and, when self is an existing
// area's id, that self is not the parent or one of its ancestors, which would
// make a loop. Problems are added to errs, unless the parent already has one;
// the error is for failures only.
func checkParent(ctx context.Context, tx pgx.Tx, parent string, self int64, errs *directory.FieldErrors) error {
	if parent == "" || errs.For("parent") != "" {
		return nil
	}
	var id int64
	err := tx.QueryRow(ctx, `SELECT id FROM areas WHERE slug = $1`, parent).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		errs.Add("parent", "Choose a parent area from the list")
		return nil
	}
	if err != nil {
		return fmt.Errorf("find parent area %q: %w", parent, err)
	}
	if self == 0 {
		return nil
	}
	// Walk up from the proposed parent; meeting the area itself means a loop.
	// The step limit guards against a loop already in the data.
	var loop bool
	if err := tx.QueryRow(ctx, `
		WITH RECURSIVE up (id, steps) AS (
			SELECT $1::bigint, 0
			UNION ALL
			SELECT a.parent_id, up.steps + 1 FROM up JOIN areas a ON a.id = up.id
			WHERE a.parent_id IS NOT NULL AND up.steps + 1 < 1000
		)
		SELECT EXISTS (SELECT 1 FROM up WHERE id = $2)`, id, self).Scan(&loop); err != nil {
		return fmt.Errorf("walk up the areas from %q: %w", parent, err)
	}
	if loop {
		errs.Add("parent", "An area cannot be inside itself or an area within it: choose another parent")
	}
	return nil
}

// trimArea removes stray spaces from what an admin typed, and writes an ONS
// code in capitals, as ONS does.
func trimArea(a directory.Area) directory.Area {
	a.Slug = strings.TrimSpace(a.Slug)
	a.Name = strings.TrimSpace(a.Name)
	a.ShortName = strings.TrimSpace(a.ShortName)
	a.Kind = strings.TrimSpace(a.Kind)
	a.ParentSlug = strings.TrimSpace(a.ParentSlug)
	a.Code = strings.ToUpper(strings.TrimSpace(a.Code))
	a.ValidFrom = strings.TrimSpace(a.ValidFrom)
	a.ValidTo = strings.TrimSpace(a.ValidTo)
	a.Note = strings.TrimSpace(a.Note)
	return a
}

package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// Recommendations returns the report's recommendations in its order.
func (db *DB) Recommendations(ctx context.Context) ([]directory.Recommendation, error) {
	return recommendationsOf(ctx, db.pool)
}

// recommendationsOf reads the report's recommendations, in its order,
// through the pool or inside a transaction.
func recommendationsOf(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}) ([]directory.Recommendation, error) {
	rows, err := q.Query(ctx, `SELECT slug, name, summary, source FROM recommendations ORDER BY position`)
	if err != nil {
		return nil, fmt.Errorf("list recommendations: %w", err)
	}
	defer rows.Close()
	var out []directory.Recommendation
	for rows.Next() {
		var r directory.Recommendation
		if err := rows.Scan(&r.Slug, &r.Name, &r.Summary, &r.Source); err != nil {
			return nil, fmt.Errorf("scan recommendation: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list recommendations: %w", err)
	}
	return out, nil
}

// actionColumns are the columns scanAction reads, in its order, from
// actionFrom.
const actionColumns = `g.id, t.slug, t.name, a.slug, a.name, g.what, g.lead, g.due, g.status,
	coalesce(r.slug, ''), g.version, g.updated_at`

// actionFrom joins an action to its cell's service type and area and to the
// recommendation it serves, if any.
const actionFrom = ` FROM gap_actions g JOIN service_types t ON t.id = g.service_type_id JOIN areas a ON a.id = g.area_id
	LEFT JOIN recommendations r ON r.id = g.recommendation_id`

// scanAction reads an action from a row of actionColumns.
func scanAction(row pgx.Row) (directory.GapAction, error) {
	var g directory.GapAction
	err := row.Scan(&g.ID, &g.ServiceType, &g.ServiceTypeName, &g.Area, &g.AreaName, &g.What, &g.Lead, &g.Due, &g.Status,
		&g.Recommendation, &g.Version, &g.UpdatedAt)
	return g, err
}

// Actions returns every action on a gap, in the matrix's order of areas and
// service types, oldest first within a cell. area, when not empty, keeps
// one area's.
func (db *DB) Actions(ctx context.Context, area string) ([]directory.GapAction, error) {
	where, args := "", []any{}
	if area != "" {
		where, args = " WHERE a.slug = $1", append(args, area)
	}
	rows, err := db.pool.Query(ctx, `SELECT `+actionColumns+actionFrom+where+` ORDER BY a.position, t.position, g.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list actions: %w", err)
	}
	defer rows.Close()
	var out []directory.GapAction
	for rows.Next() {
		g, err := scanAction(rows)
		if err != nil {
			return nil, fmt.Errorf("scan action: %w", err)
		}
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list actions: %w", err)
	}
	return out, nil
}

// Action returns one action on a gap, or ENOTFOUND.
func (db *DB) Action(ctx context.Context, id int64) (directory.GapAction, error) {
	g, err := scanAction(db.pool.QueryRow(ctx, `SELECT `+actionColumns+actionFrom+` WHERE g.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return g, directory.Errorf(directory.ENOTFOUND, "There is no action number %d.", id)
	}
	if err != nil {
		return g, fmt.Errorf("find action %d: %w", id, err)
	}
	return g, nil
}

// actionInTx reads one action inside a transaction, or gives ENOTFOUND.
// With lock set it also locks the action's row until the transaction ends,
// so that a concurrent change of it waits and then reads what this one
// wrote.
func actionInTx(ctx context.Context, tx pgx.Tx, id int64, lock bool) (directory.GapAction, error) {
	query := `SELECT ` + actionColumns + actionFrom + ` WHERE g.id = $1`
	if lock {
		query += ` FOR UPDATE OF g`
	}
	g, err := scanAction(tx.QueryRow(ctx, query, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return g, directory.Errorf(directory.ENOTFOUND, "There is no action number %d.", id)
	}
	if err != nil {
		return g, fmt.Errorf("find action %d: %w", id, err)
	}
	return g, nil
}

// trimAction tidies what staff typed.
func trimAction(g directory.GapAction) directory.GapAction {
	g.What, g.Lead, g.Due = strings.TrimSpace(g.What), strings.TrimSpace(g.Lead), strings.TrimSpace(g.Due)
	return g
}

// CreateAction records a new action on a cell of the matrix, and audits it,
// in one transaction. Invalid fields, or a cell that is not in the matrix,
// give a ValidationError and write nothing.
func (db *DB) CreateAction(ctx context.Context, actor directory.Actor, g directory.GapAction) (directory.GapAction, error) {
	g = trimAction(g)
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return g, fmt.Errorf("create action: %w", err)
	}
	defer tx.Rollback(ctx)
	recs, err := recommendationsOf(ctx, tx)
	if err != nil {
		return g, err
	}
	errs := g.Validate(recs)
	var typeID, areaID int64
	if err := tx.QueryRow(ctx, `SELECT id FROM service_types WHERE slug = $1`, g.ServiceType).Scan(&typeID); err != nil {
		if !errors.Is(err, pgx.ErrNoRows) {
			return g, fmt.Errorf("find service type %q: %w", g.ServiceType, err)
		}
		errs.Add("service_type", "Choose a kind of service from the matrix")
	}
	if err := tx.QueryRow(ctx, `SELECT id FROM areas WHERE slug = $1`, g.Area).Scan(&areaID); err != nil {
		if !errors.Is(err, pgx.ErrNoRows) {
			return g, fmt.Errorf("find area %q: %w", g.Area, err)
		}
		errs.Add("area", "Choose an area from the matrix")
	}
	if len(errs) > 0 {
		return g, errs.Err()
	}
	now := db.now()
	var id int64
	if err := tx.QueryRow(ctx, `
		INSERT INTO gap_actions (service_type_id, area_id, what, lead, due, status, recommendation_id, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, (SELECT id FROM recommendations WHERE slug = $7), 1, $8, $8)
		RETURNING id`,
		typeID, areaID, g.What, g.Lead, g.Due, g.Status, g.Recommendation, now).Scan(&id); err != nil {
		return g, fmt.Errorf("create action: %w", err)
	}
	created, err := actionInTx(ctx, tx, id, false)
	if err != nil {
		return g, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityAction, key: strconv.FormatInt(id, 10),
		action: "create", after: created, timestamp: now}); err != nil {
		return g, err
	}
	if err := tx.Commit(ctx); err != nil {
		return g, fmt.Errorf("commit new action: %w", err)
	}
	return created, nil
}

// UpdateAction saves an edit of an action. g.Version must be the version the
// edit started from; if the stored one has moved on, the edit is refused
// with a ConflictError that carries the stored action. The cell it is on
// never changes.
func (db *DB) UpdateAction(ctx context.Context, actor directory.Actor, g directory.GapAction) (directory.GapAction, error) {
	return db.changeAction(ctx, actor, g.ID, g.Version, "update", "", g)
}

// RestoreAction gives an action again the fields an audit record saved,
// after its change or, with before set, before it. version is checked as an
// edit's is, and the restore is itself audited.
func (db *DB) RestoreAction(ctx context.Context, actor directory.Actor, id int64, version int, auditID int64, before bool) (directory.GapAction, error) {
	var old directory.GapAction
	reason, err := db.savedVersion(ctx, directory.EntityAction, strconv.FormatInt(id, 10), "action", auditID, before, &old)
	if err != nil {
		return directory.GapAction{}, err
	}
	return db.changeAction(ctx, actor, id, version, "restore", reason, old)
}

// changeAction is the one way a stored action changes: in one transaction
// it locks the action's row, checks the version, validates, writes with the
// next version, and audits the change with the action before and after. Of
// several changes from one version, on any number of servers, the row lock
// lets exactly one land; the others read the version it wrote and are
// refused with a ConflictError carrying it.
func (db *DB) changeAction(ctx context.Context, actor directory.Actor, id int64, version int, action, reason string,
	edit directory.GapAction) (directory.GapAction, error) {
	edit = trimAction(edit)
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return edit, fmt.Errorf("change action %d: %w", id, err)
	}
	defer tx.Rollback(ctx)
	current, err := actionInTx(ctx, tx, id, true)
	if err != nil {
		return edit, err
	}
	if current.Version != version {
		return current, &directory.ConflictError{Current: current}
	}
	next := current
	next.What, next.Lead, next.Due, next.Status, next.Recommendation = edit.What, edit.Lead, edit.Due, edit.Status, edit.Recommendation
	recs, err := recommendationsOf(ctx, tx)
	if err != nil {
		return edit, err
	}
	if errs := next.Validate(recs); len(errs) > 0 {
		return next, errs.Err()
	}
	now := db.now()
	tag, err := tx.Exec(ctx, `
		UPDATE gap_actions SET what = $1, lead = $2, due = $3, status = $4,
			recommendation_id = (SELECT id FROM recommendations WHERE slug = $5), version = version + 1, updated_at = $6
		WHERE id = $7 AND version = $8`, next.What, next.Lead, next.Due, next.Status, next.Recommendation, now, id, version)
	if err != nil {
		return next, fmt.Errorf("update action %d: %w", id, err)
	}
	if tag.RowsAffected() != 1 {
		return current, &directory.ConflictError{Current: current}
	}
	saved, err := actionInTx(ctx, tx, id, false)
	if err != nil {
		return next, err
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityAction, key: strconv.FormatInt(id, 10),
		action: action, reason: reason, before: current, after: saved, timestamp: now}); err != nil {
		return next, err
	}
	if err := tx.Commit(ctx); err != nil {
		return next, fmt.Errorf("commit action change: %w", err)
	}
	return saved, nil
}

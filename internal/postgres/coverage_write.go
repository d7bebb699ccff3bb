package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

const cellColumns = `c.id, t.slug, a.slug, c.rating, c.note, c.source, c.effective_from, c.recorded_at, c.reason, c.recorded_by`

const cellFrom = ` FROM coverage_cells c
	JOIN service_types t ON t.id = c.service_type_id
	JOIN areas a ON a.id = c.area_id`

func scanCell(row pgx.Row) (directory.CoverageCell, error) {
	var c directory.CoverageCell
	err := row.Scan(&c.ID, &c.ServiceType, &c.Area, &c.Rating, &c.Note, &c.Source, &c.EffectiveFrom, &c.RecordedAt, &c.Reason, &c.RecordedBy)
	return c, err
}

// CellHistory returns every rating recorded for a service type in an area,
// the latest first. The first is the one in force.
func (db *DB) CellHistory(ctx context.Context, serviceType, area string) ([]directory.CoverageCell, error) {
	return cellHistory(ctx, db.pool, serviceType, area)
}

// cellHistory reads a cell's history, latest first, through the pool or
// inside a transaction.
func cellHistory(ctx context.Context, q coverageQuerier, serviceType, area string) ([]directory.CoverageCell, error) {
	rows, err := q.Query(ctx, `SELECT `+cellColumns+cellFrom+`
		WHERE t.slug = $1 AND a.slug = $2 ORDER BY c.effective_from DESC, c.id DESC`, serviceType, area)
	if err != nil {
		return nil, fmt.Errorf("cell history: %w", err)
	}
	defer rows.Close()
	var cells []directory.CoverageCell
	for rows.Next() {
		c, err := scanCell(rows)
		if err != nil {
			return nil, fmt.Errorf("scan cell: %w", err)
		}
		cells = append(cells, c)
	}
	return cells, rows.Err()
}

// RateCell records a new rating for a cell, effective from the given date,
// and audits it. The history keeps every earlier rating. c.BasedOn must be
// the id of the latest cell when the edit began (0 for none); if another
// rating has been recorded since, by this server or another, the edit is
// refused with a ConflictError carrying the latest cell.
func (db *DB) RateCell(ctx context.Context, actor directory.Actor, c directory.CellChange) (directory.CoverageCell, error) {
	if errs := c.Validate(); len(errs) > 0 {
		return directory.CoverageCell{}, errs.Err()
	}
	return db.addCell(ctx, actor, c, "rate", strings.TrimSpace(c.Reason))
}

// RestoreCell records again the rating and note of an earlier cell, effective
// today, and audits it as a restore. basedOn is checked as RateCell checks
// it.
func (db *DB) RestoreCell(ctx context.Context, actor directory.Actor, serviceType, area string, cellID, basedOn int64) (directory.CoverageCell, error) {
	old, err := scanCell(db.pool.QueryRow(ctx, `SELECT `+cellColumns+cellFrom+` WHERE c.id = $1 AND t.slug = $2 AND a.slug = $3`,
		cellID, serviceType, area))
	if errors.Is(err, pgx.ErrNoRows) {
		return old, directory.Errorf(directory.ENOTFOUND, "That rating is not in this cell's history.")
	}
	if err != nil {
		return old, fmt.Errorf("find cell %d: %w", cellID, err)
	}
	reason := fmt.Sprintf("Restored the rating effective from %s", old.EffectiveFrom)
	return db.addCell(ctx, actor, directory.CellChange{
		ServiceType: serviceType, Area: area, Rating: old.Rating, Note: old.Note,
		EffectiveFrom: db.Today(), BasedOn: basedOn,
	}, "restore", reason)
}

// addCell is the one way a rating is recorded: it checks that the cell has
// not changed since the edit began, inserts the new row and audits it, all in
// one transaction. A new rating is an INSERT, with no row of its own to lock
// or to update from a version, so the transaction first takes a
// transaction-level advisory lock on the cell (its service type and area):
// two servers rating the same cell from the same latest cell queue there,
// and the second, reading the history once the first has committed, finds
// it has moved on and is refused. Ratings of other cells do not wait.
func (db *DB) addCell(ctx context.Context, actor directory.Actor, c directory.CellChange, action, reason string) (directory.CoverageCell, error) {
	tx, err := db.beginContentWrite(ctx)
	if err != nil {
		return directory.CoverageCell{}, fmt.Errorf("begin write: %w", err)
	}
	defer tx.Rollback(ctx)
	var typeID, areaID int64
	err = tx.QueryRow(ctx, `SELECT t.id, a.id FROM service_types t, areas a WHERE t.slug = $1 AND a.slug = $2`,
		c.ServiceType, c.Area).Scan(&typeID, &areaID)
	if errors.Is(err, pgx.ErrNoRows) {
		return directory.CoverageCell{}, directory.Errorf(directory.ENOTFOUND, "There is no such service type or area.")
	}
	if err != nil {
		return directory.CoverageCell{}, fmt.Errorf("find cell: %w", err)
	}
	if err := lockCell(ctx, tx, typeID, areaID); err != nil {
		return directory.CoverageCell{}, err
	}
	// Under READ COMMITTED this statement, begun after the lock was granted,
	// sees every rating committed before it.
	history, err := cellHistory(ctx, tx, c.ServiceType, c.Area)
	if err != nil {
		return directory.CoverageCell{}, err
	}
	var before any
	var latest int64
	if len(history) > 0 {
		before, latest = history[0], history[0].ID
	}
	if latest != c.BasedOn {
		var current directory.CoverageCell
		if len(history) > 0 {
			current = history[0]
		}
		return directory.CoverageCell{}, &directory.ConflictError{Current: current}
	}
	now := db.now()
	source := "Recorded by " + actor.Name + " on " + now[:10]
	var id int64
	if err := tx.QueryRow(ctx, `
		INSERT INTO coverage_cells (service_type_id, area_id, rating, note, source, effective_from, recorded_at, reason, recorded_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		typeID, areaID, c.Rating, strings.TrimSpace(c.Note), source, c.EffectiveFrom, now, reason, actor.Name).Scan(&id); err != nil {
		return directory.CoverageCell{}, fmt.Errorf("record rating: %w", err)
	}
	saved, err := scanCell(tx.QueryRow(ctx, `SELECT `+cellColumns+cellFrom+` WHERE c.id = $1`, id))
	if err != nil {
		return saved, fmt.Errorf("read new cell: %w", err)
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityCoverageCell, key: c.ServiceType + "/" + c.Area,
		action: action, reason: reason, before: before, after: saved, timestamp: now}); err != nil {
		return saved, err
	}
	if err := tx.Commit(ctx); err != nil {
		return saved, fmt.Errorf("commit rating: %w", err)
	}
	return saved, nil
}

// lockCell takes the transaction-level advisory lock of one cell of the
// matrix, held until the transaction ends.
func lockCell(ctx context.Context, tx pgx.Tx, typeID, areaID int64) error {
	return coverageLock(ctx, tx, fmt.Sprintf("coverage_cells %d %d", typeID, areaID))
}

// coverageLock takes a transaction-level advisory lock named by key, held
// until the transaction ends. The lock's number is a 64-bit hash of the
// name (hashtextextended), so that locks of different names, and the
// migrations' own, share a number only by a chance too small to matter; if
// they did, one would only wait for the other.
func coverageLock(ctx context.Context, tx pgx.Tx, key string) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, key); err != nil {
		return fmt.Errorf("lock %s: %w", key, err)
	}
	return nil
}

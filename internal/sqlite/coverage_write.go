package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

const cellColumns = `c.id, t.slug, a.slug, c.rating, c.note, c.source, c.effective_from, c.recorded_at, c.reason, c.recorded_by`

const cellFrom = ` FROM coverage_cells c
	JOIN service_types t ON t.id = c.service_type_id
	JOIN areas a ON a.id = c.area_id`

func scanCell(row interface{ Scan(...any) error }) (directory.CoverageCell, error) {
	var c directory.CoverageCell
	err := row.Scan(&c.ID, &c.ServiceType, &c.Area, &c.Rating, &c.Note, &c.Source, &c.EffectiveFrom, &c.RecordedAt, &c.Reason, &c.RecordedBy)
	return c, err
}

// CellHistory returns every rating recorded for a service type in an area,
// the latest first. The first is the one in force.
func (db *DB) CellHistory(ctx context.Context, serviceType, area string) ([]directory.CoverageCell, error) {
	return cellHistory(ctx, db.read, serviceType, area)
}

func cellHistory(ctx context.Context, q queryer, serviceType, area string) ([]directory.CoverageCell, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+cellColumns+cellFrom+`
		WHERE t.slug = ? AND a.slug = ? ORDER BY c.effective_from DESC, c.id DESC`, serviceType, area)
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
// and audits it. The history keeps every earlier rating.
func (db *DB) RateCell(ctx context.Context, actor directory.Actor, c directory.CellChange) (directory.CoverageCell, error) {
	if errs := c.Validate(); len(errs) > 0 {
		return directory.CoverageCell{}, errs.Err()
	}
	return db.addCell(ctx, actor, c, "rate", strings.TrimSpace(c.Reason))
}

// RestoreCell records again the rating and note of an earlier cell, effective
// today, and audits it as a restore.
func (db *DB) RestoreCell(ctx context.Context, actor directory.Actor, serviceType, area string, cellID, basedOn int64) (directory.CoverageCell, error) {
	old, err := scanCell(db.read.QueryRowContext(ctx, `SELECT `+cellColumns+cellFrom+` WHERE c.id = ? AND t.slug = ? AND a.slug = ?`,
		cellID, serviceType, area))
	if errors.Is(err, sql.ErrNoRows) {
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
// one transaction.
func (db *DB) addCell(ctx context.Context, actor directory.Actor, c directory.CellChange, action, reason string) (directory.CoverageCell, error) {
	tx, err := db.writeTx(ctx)
	if err != nil {
		return directory.CoverageCell{}, err
	}
	defer tx.Rollback()
	var typeID, areaID int64
	err = tx.QueryRowContext(ctx, `SELECT t.id, a.id FROM service_types t, areas a WHERE t.slug = ? AND a.slug = ?`,
		c.ServiceType, c.Area).Scan(&typeID, &areaID)
	if errors.Is(err, sql.ErrNoRows) {
		return directory.CoverageCell{}, directory.Errorf(directory.ENOTFOUND, "There is no such service type or area.")
	}
	if err != nil {
		return directory.CoverageCell{}, fmt.Errorf("find cell: %w", err)
	}
	history, err := cellHistory(ctx, tx, c.ServiceType, c.Area)
	if err != nil {
		return directory.CoverageCell{}, err
	}
	var before any
	var latest int64
	var current directory.CoverageCell // empty while the cell has no rating
	if len(history) > 0 {
		current = history[0]
		before, latest = current, current.ID
	}
	if latest != c.BasedOn {
		return directory.CoverageCell{}, &directory.ConflictError{Current: current}
	}
	now := db.now()
	source := "Recorded by " + actor.Name + " on " + now[:10]
	res, err := tx.ExecContext(ctx, `
		INSERT INTO coverage_cells (service_type_id, area_id, rating, note, source, effective_from, recorded_at, reason, recorded_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		typeID, areaID, c.Rating, strings.TrimSpace(c.Note), source, c.EffectiveFrom, now, reason, actor.Name)
	if err != nil {
		return directory.CoverageCell{}, fmt.Errorf("record rating: %w", err)
	}
	id, _ := res.LastInsertId()
	saved, err := scanCell(tx.QueryRowContext(ctx, `SELECT `+cellColumns+cellFrom+` WHERE c.id = ?`, id))
	if err != nil {
		return saved, fmt.Errorf("read new cell: %w", err)
	}
	if err := record(ctx, tx, change{actor: actor, entity: directory.EntityCoverageCell, key: c.ServiceType + "/" + c.Area,
		action: action, reason: reason, before: before, after: saved, timestamp: now}); err != nil {
		return saved, err
	}
	if err := tx.Commit(); err != nil {
		return saved, fmt.Errorf("commit rating: %w", err)
	}
	return saved, nil
}

package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// coverageQuerier is what reads through the pool and inside a transaction
// have in common: *pgxpool.Pool and pgx.Tx are both one.
type coverageQuerier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Matrix returns the coverage matrix as it stood on asOf (YYYY-MM-DD): for each
// service type and area, the latest cell effective on or before that date (of
// cells on the same date, the last recorded). Its rows and columns are the
// service types and areas that have such a cell, in the order ServiceTypes and
// Areas list them. An empty asOf means today.
func (db *DB) Matrix(ctx context.Context, asOf string) (*directory.Matrix, error) {
	return db.MatrixOf(ctx, asOf, directory.MatrixFilter{})
}

// MatrixOf returns the part of the matrix on asOf that the filter picks, as
// Matrix would show it: the cells of the filter's areas and service types,
// and as rows and columns those of them that have a cell. An area or service
// type the filter names that does not exist has no cell, so it is left out.
func (db *DB) MatrixOf(ctx context.Context, asOf string, f directory.MatrixFilter) (*directory.Matrix, error) {
	if asOf == "" {
		asOf = db.Today()
	}
	if !directory.ValidDate(asOf) {
		return nil, directory.Errorf(directory.EINVALID, "The date %q must be written YYYY-MM-DD.", asOf)
	}
	// The cells are read first: service types and areas are never deleted, and
	// a cell's own are committed before it, so each cell's service type and
	// area are among those listed after it.
	cells, err := cellsAsOf(ctx, db.pool, asOf, f)
	if err != nil {
		return nil, err
	}
	types, err := db.ServiceTypes(ctx)
	if err != nil {
		return nil, err
	}
	// Only the areas the cells name: a national dataset has more than twice
	// as many areas as it rates, and a page of one area needs one.
	seen := map[int64]bool{}
	var areaIDs []int64
	for _, c := range cells {
		if !seen[c.areaID] {
			seen[c.areaID] = true
			areaIDs = append(areaIDs, c.areaID)
		}
	}
	var areas []directory.Area
	if len(areaIDs) > 0 {
		areas, err = scanAreas(db.pool.Query(ctx, `SELECT `+areaColumns+areaFrom+`
			WHERE a.id = ANY($1) ORDER BY a.position, a.id`, areaIDs))
		if err != nil {
			return nil, err
		}
	}
	return arrangeMatrix(asOf, cells, types, areas)
}

// RatedAreas returns the areas the matrix on asOf rates, its columns, in the
// order Areas lists them, without reading the matrix's cells: the areas that
// have a cell effective on or before that date. An empty asOf means today.
func (db *DB) RatedAreas(ctx context.Context, asOf string) ([]directory.Area, error) {
	if asOf == "" {
		asOf = db.Today()
	}
	if !directory.ValidDate(asOf) {
		return nil, directory.Errorf(directory.EINVALID, "The date %q must be written YYYY-MM-DD.", asOf)
	}
	areas, err := scanAreas(db.pool.Query(ctx, `SELECT `+areaColumns+areaFrom+`
		WHERE a.id IN (SELECT area_id FROM coverage_cells WHERE effective_from <= $1)
		ORDER BY a.position, a.id`, asOf))
	if err != nil {
		return nil, fmt.Errorf("list rated areas: %w", err)
	}
	return areas, nil
}

// matrixCell is a cell in force on a date, with the ids of its service type
// and area, which place it in the matrix.
type matrixCell struct {
	typeID, areaID int64
	cell           directory.CoverageCell
}

// cellsAsOf reads, for each service type and area the filter picks, the
// latest cell effective on or before asOf (of cells on the same date, the
// one with the highest id, the last recorded), in no particular order. One
// DISTINCT ON over the history, in the reverse of the coverage_cells_pair
// index's order, keeps the first row of each service type and area, which is
// the one in force. It reads ids, not slugs: the matrix lists the service
// types and areas anyway. With RatingsOnly, only each cell's id and rating.
func cellsAsOf(ctx context.Context, q coverageQuerier, asOf string, f directory.MatrixFilter) ([]matrixCell, error) {
	where := []string{"effective_from <= $1"}
	args := []any{asOf}
	if len(f.Areas) > 0 {
		args = append(args, f.Areas)
		where = append(where, "area_id IN (SELECT id FROM areas WHERE slug = ANY($"+strconv.Itoa(len(args))+"))")
	}
	if len(f.ServiceTypes) > 0 {
		args = append(args, f.ServiceTypes)
		where = append(where, "service_type_id IN (SELECT id FROM service_types WHERE slug = ANY($"+strconv.Itoa(len(args))+"))")
	}
	columns := "id, rating, note, source, effective_from, recorded_at, reason, recorded_by"
	if f.RatingsOnly {
		columns = "id, rating"
	}
	rows, err := q.Query(ctx, `
		SELECT DISTINCT ON (service_type_id, area_id) service_type_id, area_id, `+columns+`
		FROM coverage_cells
		WHERE `+strings.Join(where, " AND ")+`
		ORDER BY service_type_id DESC, area_id DESC, effective_from DESC, id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("query coverage: %w", err)
	}
	defer rows.Close()
	var cells []matrixCell
	for rows.Next() {
		var m matrixCell
		c := &m.cell
		dst := []any{&m.typeID, &m.areaID, &c.ID, &c.Rating}
		if !f.RatingsOnly {
			dst = append(dst, &c.Note, &c.Source, &c.EffectiveFrom, &c.RecordedAt, &c.Reason, &c.RecordedBy)
		}
		if err := rows.Scan(dst...); err != nil {
			return nil, fmt.Errorf("scan coverage cell: %w", err)
		}
		cells = append(cells, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read coverage: %w", err)
	}
	return cells, nil
}

// arrangeMatrix lays the cells out by service type and then by area, in the
// order of types and areas, and keeps the service types and areas that have a
// cell. It places each cell in a grid of those positions rather than sorting.
func arrangeMatrix(asOf string, cells []matrixCell, types []directory.ServiceType, areas []directory.Area) (*directory.Matrix, error) {
	typeAt := make(map[int64]int, len(types))
	for i, t := range types {
		typeAt[t.ID] = i
	}
	areaAt := make(map[int64]int, len(areas))
	for i, a := range areas {
		areaAt[a.ID] = i
	}
	grid := make([]int, len(types)*len(areas)) // one more than the index in cells; 0 for none
	usedTypes, usedAreas := make([]bool, len(types)), make([]bool, len(areas))
	for i, c := range cells {
		ti, okType := typeAt[c.typeID]
		ai, okArea := areaAt[c.areaID]
		if !okType || !okArea {
			return nil, fmt.Errorf("coverage cell %d: service type %d or area %d is not listed", c.cell.ID, c.typeID, c.areaID)
		}
		grid[ti*len(areas)+ai] = i + 1
		usedTypes[ti], usedAreas[ai] = true, true
	}

	m := &directory.Matrix{AsOf: asOf}
	if len(cells) > 0 {
		m.Cells = make([]directory.CoverageCell, 0, len(cells))
	}
	for g, n := range grid {
		if n > 0 {
			c := cells[n-1].cell
			c.ServiceType, c.Area = types[g/len(areas)].Slug, areas[g%len(areas)].Slug
			m.Cells = append(m.Cells, c)
		}
	}
	for i, t := range types {
		if usedTypes[i] {
			m.ServiceTypes = append(m.ServiceTypes, t)
		}
	}
	for i, a := range areas {
		if usedAreas[i] {
			m.Areas = append(m.Areas, a)
		}
	}
	return m, nil
}

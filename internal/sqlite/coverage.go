package sqlite

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

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
		asOf = db.Now().UTC().Format("2006-01-02")
	}
	if !directory.ValidDate(asOf) {
		return nil, directory.Errorf(directory.EINVALID, "The date %q must be written YYYY-MM-DD.", asOf)
	}
	// The cells are read first: service types and areas are never deleted, so
	// each cell's service type and area are among those listed after it.
	cells, err := cellsAsOf(ctx, db.read, asOf, f)
	if err != nil {
		return nil, err
	}
	types, err := db.ServiceTypes(ctx)
	if err != nil {
		return nil, err
	}
	// Only the areas the cells name: a national dataset has more than twice
	// as many areas as it rates, and a page of one area needs one.
	areaIDs := map[int64]bool{}
	for _, c := range cells {
		areaIDs[c.areaID] = true
	}
	areas, err := db.areasByID(ctx, areaIDs)
	if err != nil {
		return nil, err
	}
	return arrangeMatrix(asOf, cells, types, areas)
}

// areasByID returns the areas with the given ids, in the order Areas lists
// them.
func (db *DB) areasByID(ctx context.Context, ids map[int64]bool) ([]directory.Area, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(ids))
	for id := range ids {
		args = append(args, id)
	}
	var areas []directory.Area
	for start := 0; start < len(args); start += maxListBatch {
		batch := args[start:min(start+maxListBatch, len(args))]
		rows, err := db.read.QueryContext(ctx, `SELECT `+areaColumns+`
			FROM areas a LEFT JOIN areas p ON p.id = a.parent_id WHERE a.id IN (`+placeholders(len(batch))+`)`, batch...)
		if err != nil {
			return nil, fmt.Errorf("list areas: %w", err)
		}
		for rows.Next() {
			a, err := scanArea(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan area: %w", err)
			}
			areas = append(areas, a)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("list areas: %w", err)
		}
	}
	slices.SortFunc(areas, func(a, b directory.Area) int {
		return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.ID, b.ID))
	})
	return areas, nil
}

// RatedAreas returns the areas the matrix on asOf rates, its columns, in the
// order Areas lists them, without reading the matrix's cells: the areas that
// have a cell effective on or before that date. An empty asOf means today.
func (db *DB) RatedAreas(ctx context.Context, asOf string) ([]directory.Area, error) {
	if asOf == "" {
		asOf = db.Now().UTC().Format("2006-01-02")
	}
	if !directory.ValidDate(asOf) {
		return nil, directory.Errorf(directory.EINVALID, "The date %q must be written YYYY-MM-DD.", asOf)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+areaColumns+`
		FROM areas a LEFT JOIN areas p ON p.id = a.parent_id
		WHERE a.id IN (SELECT area_id FROM coverage_cells WHERE effective_from <= ?)
		ORDER BY a.position, a.id`, asOf)
	if err != nil {
		return nil, fmt.Errorf("list rated areas: %w", err)
	}
	defer rows.Close()
	var areas []directory.Area
	for rows.Next() {
		a, err := scanArea(rows)
		if err != nil {
			return nil, fmt.Errorf("scan area: %w", err)
		}
		areas = append(areas, a)
	}
	if err := rows.Err(); err != nil {
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
// latest cell effective on or before asOf, in no particular order. It looks
// the cell up once for each service type and area, with one search of the
// coverage_cells_pair index, rather than once for every cell ever recorded,
// so earlier and future-dated ratings cost an index entry each, not a search.
// It reads ids, not slugs: the matrix lists the service types and areas
// anyway, and on 3,000 cells the two joins and two text columns a cell took a
// tenth of the time. A filter by area reads the pairs from the
// coverage_cells_area index (migration 00090) instead of scanning them all.
func cellsAsOf(ctx context.Context, q queryer, asOf string, f directory.MatrixFilter) ([]matrixCell, error) {
	var where []string
	var args []any
	if len(f.Areas) > 0 {
		where = append(where, "area_id IN (SELECT id FROM areas WHERE slug IN ("+placeholders(len(f.Areas))+"))")
		args = appendAll(args, f.Areas)
	}
	if len(f.ServiceTypes) > 0 {
		where = append(where, "service_type_id IN (SELECT id FROM service_types WHERE slug IN ("+placeholders(len(f.ServiceTypes))+"))")
		args = appendAll(args, f.ServiceTypes)
	}
	if f.RatingsOnly {
		return ratingsAsOf(ctx, q, asOf, where, args)
	}
	args = append([]any{asOf}, args...)
	pairs := "SELECT DISTINCT service_type_id, area_id FROM coverage_cells"
	if len(where) > 0 {
		pairs += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := q.QueryContext(ctx, `
		SELECT c.service_type_id, c.area_id,
			c.id, c.rating, c.note, c.source, c.effective_from, c.recorded_at, c.reason, c.recorded_by
		FROM coverage_cells c
		WHERE c.id IN (
			SELECT (SELECT l.id FROM coverage_cells l
				WHERE l.service_type_id = p.service_type_id AND l.area_id = p.area_id AND l.effective_from <= ?
				ORDER BY l.effective_from DESC, l.id DESC LIMIT 1)
			FROM (`+pairs+`) p)`, args...)
	if err != nil {
		return nil, fmt.Errorf("query coverage: %w", err)
	}
	defer rows.Close()
	var cells []matrixCell
	for rows.Next() {
		var m matrixCell
		c := &m.cell
		if err := rows.Scan(&m.typeID, &m.areaID,
			&c.ID, &c.Rating, &c.Note, &c.Source, &c.EffectiveFrom, &c.RecordedAt, &c.Reason, &c.RecordedBy); err != nil {
			return nil, fmt.Errorf("scan coverage cell: %w", err)
		}
		cells = append(cells, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read coverage: %w", err)
	}
	return cells, nil
}

// ratingsAsOf is cellsAsOf for cells that carry only their ratings. It reads
// every cell effective on or before asOf in one pass over the
// coverage_cells_area index, which holds the rating, in the order of each
// area and service type's history, and keeps the last of each: on 3,000
// cells a third of the cost of searching for each one, though it reads each
// earlier rating too. where and args narrow the cells.
func ratingsAsOf(ctx context.Context, q queryer, asOf string, where []string, args []any) ([]matrixCell, error) {
	where = append([]string{"effective_from <= ?"}, where...)
	rows, err := q.QueryContext(ctx, `SELECT service_type_id, area_id, id, rating FROM coverage_cells
		WHERE `+strings.Join(where, " AND ")+`
		ORDER BY area_id, service_type_id, effective_from, id`, append([]any{asOf}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("query ratings: %w", err)
	}
	defer rows.Close()
	// A matrixCell carries a whole CoverageCell; the ratings are gathered in
	// something smaller, so that growing the list copies less.
	type rating struct {
		typeID, areaID, id int64
		rating             directory.Rating
	}
	var found []rating
	for rows.Next() {
		var r rating
		if err := rows.Scan(&r.typeID, &r.areaID, &r.id, &r.rating); err != nil {
			return nil, fmt.Errorf("scan rating: %w", err)
		}
		if n := len(found); n > 0 && found[n-1].typeID == r.typeID && found[n-1].areaID == r.areaID {
			found[n-1] = r // a later rating of the same cell
			continue
		}
		found = append(found, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read ratings: %w", err)
	}
	cells := make([]matrixCell, len(found))
	for i, r := range found {
		cells[i] = matrixCell{typeID: r.typeID, areaID: r.areaID, cell: directory.CoverageCell{ID: r.id, Rating: r.rating}}
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

package sqlite

import (
	"context"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

// Matrix returns the coverage matrix as it stood on asOf (YYYY-MM-DD): for each
// service type and area, the latest cell effective on or before that date. Its
// rows and columns are the service types and areas that have such a cell. An
// empty asOf means today.
func (db *DB) Matrix(ctx context.Context, asOf string) (*directory.Matrix, error) {
	if asOf == "" {
		asOf = db.Now().UTC().Format("2006-01-02")
	}
	if !directory.ValidDate(asOf) {
		return nil, directory.Errorf(directory.EINVALID, "The date %q must be written YYYY-MM-DD.", asOf)
	}
	rows, err := db.read.QueryContext(ctx, `
		SELECT `+cellColumns+cellFrom+`
		WHERE c.id = (
			SELECT c2.id FROM coverage_cells c2
			WHERE c2.service_type_id = c.service_type_id AND c2.area_id = c.area_id AND c2.effective_from <= ?
			ORDER BY c2.effective_from DESC, c2.id DESC LIMIT 1)
		ORDER BY t.position, a.position`, asOf)
	if err != nil {
		return nil, fmt.Errorf("query coverage: %w", err)
	}
	defer rows.Close()
	m := &directory.Matrix{AsOf: asOf}
	usedTypes, usedAreas := map[string]bool{}, map[string]bool{}
	for rows.Next() {
		c, err := scanCell(rows)
		if err != nil {
			return nil, fmt.Errorf("scan coverage cell: %w", err)
		}
		m.Cells = append(m.Cells, c)
		usedTypes[c.ServiceType] = true
		usedAreas[c.Area] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read coverage: %w", err)
	}
	rows.Close()

	types, err := db.ServiceTypes(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range types {
		if usedTypes[t.Slug] {
			m.ServiceTypes = append(m.ServiceTypes, t)
		}
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range areas {
		if usedAreas[a.Slug] {
			m.Areas = append(m.Areas, a)
		}
	}
	return m, nil
}

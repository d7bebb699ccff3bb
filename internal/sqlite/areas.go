package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

const areaColumns = `a.id, a.slug, a.name, a.short_name, a.kind, coalesce(p.slug, ''), coalesce(p.name, ''),
	a.ons_code, a.valid_from, a.valid_to, a.position, a.note`

func scanArea(row interface{ Scan(...any) error }) (directory.Area, error) {
	var a directory.Area
	err := row.Scan(&a.ID, &a.Slug, &a.Name, &a.ShortName, &a.Kind, &a.ParentSlug, &a.ParentName,
		&a.Code, &a.ValidFrom, &a.ValidTo, &a.Position, &a.Note)
	return a, err
}

// Areas returns every area in the order the dataset lists them.
func (db *DB) Areas(ctx context.Context) ([]directory.Area, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+areaColumns+`
		FROM areas a LEFT JOIN areas p ON p.id = a.parent_id ORDER BY a.position, a.id`)
	if err != nil {
		return nil, fmt.Errorf("list areas: %w", err)
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
	return areas, rows.Err()
}

// Area returns the area with the given slug, or an ENOTFOUND error.
func (db *DB) Area(ctx context.Context, slug string) (directory.Area, error) {
	a, err := scanArea(db.read.QueryRowContext(ctx, `SELECT `+areaColumns+`
		FROM areas a LEFT JOIN areas p ON p.id = a.parent_id WHERE a.slug = ?`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return a, directory.Errorf(directory.ENOTFOUND, "There is no area called %q.", slug)
	}
	if err != nil {
		return a, fmt.Errorf("find area %q: %w", slug, err)
	}
	return a, nil
}

// ServiceTypes returns every service type in matrix order.
func (db *DB) ServiceTypes(ctx context.Context) ([]directory.ServiceType, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, slug, name, description, position FROM service_types ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("list service types: %w", err)
	}
	defer rows.Close()
	var types []directory.ServiceType
	for rows.Next() {
		var t directory.ServiceType
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name, &t.Description, &t.Position); err != nil {
			return nil, fmt.Errorf("scan service type: %w", err)
		}
		types = append(types, t)
	}
	return types, rows.Err()
}

package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

const areaColumns = `a.id, a.slug, a.name, a.short_name, a.kind, coalesce(p.slug, ''), coalesce(p.name, ''),
	coalesce((SELECT c.slug FROM areas c WHERE c.id = a.ceremonial_county_id), ''),
	a.ons_code, a.valid_from, a.valid_to, a.position, a.note, a.version,
	coalesce((SELECT group_concat(pa.slug, ' ' ORDER BY pa.position) FROM area_successions s
		JOIN areas pa ON pa.id = s.predecessor_id WHERE s.successor_id = a.id), '')`

func scanArea(row interface{ Scan(...any) error }) (directory.Area, error) {
	var a directory.Area
	var succeeds string
	err := row.Scan(&a.ID, &a.Slug, &a.Name, &a.ShortName, &a.Kind, &a.ParentSlug, &a.ParentName,
		&a.CeremonialCounty, &a.Code, &a.ValidFrom, &a.ValidTo, &a.Position, &a.Note, &a.Version, &succeeds)
	a.Succeeds = strings.Fields(succeeds)
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

const serviceTypeColumns = `id, slug, name, description, position, version`

func scanServiceType(row interface{ Scan(...any) error }) (directory.ServiceType, error) {
	var t directory.ServiceType
	err := row.Scan(&t.ID, &t.Slug, &t.Name, &t.Description, &t.Position, &t.Version)
	return t, err
}

// ServiceTypes returns every service type in matrix order.
func (db *DB) ServiceTypes(ctx context.Context) ([]directory.ServiceType, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+serviceTypeColumns+` FROM service_types ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("list service types: %w", err)
	}
	defer rows.Close()
	var types []directory.ServiceType
	for rows.Next() {
		t, err := scanServiceType(rows)
		if err != nil {
			return nil, fmt.Errorf("scan service type: %w", err)
		}
		types = append(types, t)
	}
	return types, rows.Err()
}

// ServiceType returns the service type with the given slug, or an ENOTFOUND error.
func (db *DB) ServiceType(ctx context.Context, slug string) (directory.ServiceType, error) {
	t, err := scanServiceType(db.read.QueryRowContext(ctx, `SELECT `+serviceTypeColumns+` FROM service_types WHERE slug = ?`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return t, directory.Errorf(directory.ENOTFOUND, "There is no service type called %q.", slug)
	}
	if err != nil {
		return t, fmt.Errorf("find service type %q: %w", slug, err)
	}
	return t, nil
}

// ServiceTypesInMatrix returns the slugs of the service types that have at
// least one coverage cell, and so are rows of the matrix.
func (db *DB) ServiceTypesInMatrix(ctx context.Context) (map[string]bool, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT slug FROM service_types t
		WHERE EXISTS (SELECT 1 FROM coverage_cells c WHERE c.service_type_id = t.id)`)
	if err != nil {
		return nil, fmt.Errorf("list service types in the matrix: %w", err)
	}
	defer rows.Close()
	in := map[string]bool{}
	for rows.Next() {
		var slug string
		if err := rows.Scan(&slug); err != nil {
			return nil, fmt.Errorf("scan service type: %w", err)
		}
		in[slug] = true
	}
	return in, rows.Err()
}

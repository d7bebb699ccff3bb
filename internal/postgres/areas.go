package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// areaColumns are an area's columns, read from areas a LEFT JOIN areas p ON
// p.id = a.parent_id: with its parent's slug and name, its ceremonial
// county's slug, and the slugs of the areas it succeeds in their order,
// separated by spaces.
const areaColumns = `a.id, a.slug, a.name, a.short_name, a.kind, coalesce(p.slug, ''), coalesce(p.name, ''),
	coalesce((SELECT c.slug FROM areas c WHERE c.id = a.ceremonial_county_id), ''),
	a.ons_code, a.valid_from, a.valid_to, a.position, a.note, a.version,
	coalesce((SELECT string_agg(pa.slug, ' ' ORDER BY pa.position) FROM area_successions s
		JOIN areas pa ON pa.id = s.predecessor_id WHERE s.successor_id = a.id), '')`

// areaFrom is what areaColumns are read from.
const areaFrom = ` FROM areas a LEFT JOIN areas p ON p.id = a.parent_id`

func scanArea(row pgx.Row) (directory.Area, error) {
	var a directory.Area
	var succeeds string
	err := row.Scan(&a.ID, &a.Slug, &a.Name, &a.ShortName, &a.Kind, &a.ParentSlug, &a.ParentName,
		&a.CeremonialCounty, &a.Code, &a.ValidFrom, &a.ValidTo, &a.Position, &a.Note, &a.Version, &succeeds)
	a.Succeeds = strings.Fields(succeeds)
	return a, err
}

// scanAreas reads every area a query of areaColumns returns.
func scanAreas(rows pgx.Rows, err error) ([]directory.Area, error) {
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list areas: %w", err)
	}
	return areas, nil
}

// Areas returns every area in the order the dataset lists them.
func (db *DB) Areas(ctx context.Context) ([]directory.Area, error) {
	return scanAreas(db.pool.Query(ctx, `SELECT `+areaColumns+areaFrom+` ORDER BY a.position, a.id`))
}

// Area returns the area with the given slug, or an ENOTFOUND error.
func (db *DB) Area(ctx context.Context, slug string) (directory.Area, error) {
	return areaBySlug(ctx, db.pool, slug)
}

// areaBySlug reads one area, through the pool or inside a transaction, or
// gives an ENOTFOUND error.
func areaBySlug(ctx context.Context, q coverageQuerier, slug string) (directory.Area, error) {
	a, err := scanArea(q.QueryRow(ctx, `SELECT `+areaColumns+areaFrom+` WHERE a.slug = $1`, slug))
	if errors.Is(err, pgx.ErrNoRows) {
		return a, directory.Errorf(directory.ENOTFOUND, "There is no area called %q.", slug)
	}
	if err != nil {
		return a, fmt.Errorf("find area %q: %w", slug, err)
	}
	return a, nil
}

const serviceTypeColumns = `id, slug, name, description, position, version`

func scanServiceType(row pgx.Row) (directory.ServiceType, error) {
	var t directory.ServiceType
	err := row.Scan(&t.ID, &t.Slug, &t.Name, &t.Description, &t.Position, &t.Version)
	return t, err
}

// ServiceTypes returns every service type in matrix order.
func (db *DB) ServiceTypes(ctx context.Context) ([]directory.ServiceType, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+serviceTypeColumns+` FROM service_types ORDER BY position, id`)
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
	return serviceTypeBySlug(ctx, db.pool, slug)
}

// serviceTypeBySlug reads one service type, through the pool or inside a
// transaction, or gives an ENOTFOUND error.
func serviceTypeBySlug(ctx context.Context, q coverageQuerier, slug string) (directory.ServiceType, error) {
	t, err := scanServiceType(q.QueryRow(ctx, `SELECT `+serviceTypeColumns+` FROM service_types WHERE slug = $1`, slug))
	if errors.Is(err, pgx.ErrNoRows) {
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
	rows, err := db.pool.Query(ctx, `SELECT slug FROM service_types t
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

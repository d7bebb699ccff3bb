package postgres

import (
	"context"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

// Places returns every gazetteer entry, in the order they were loaded.
func (db *DB) Places(ctx context.Context) ([]directory.Place, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT p.name, p.kind, coalesce(a.slug, ''), p.note, p.source
		FROM places p LEFT JOIN areas a ON a.id = p.area_id ORDER BY p.id`)
	if err != nil {
		return nil, fmt.Errorf("list places: %w", err)
	}
	defer rows.Close()
	var places []directory.Place
	for rows.Next() {
		var p directory.Place
		if err := rows.Scan(&p.Name, &p.Kind, &p.Area, &p.Note, &p.Source); err != nil {
			return nil, fmt.Errorf("scan place: %w", err)
		}
		places = append(places, p)
	}
	return places, rows.Err()
}

// HasPlaces reports whether the gazetteer holds any place.
func (db *DB) HasPlaces(ctx context.Context) (bool, error) {
	var found bool
	if err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM places)`).Scan(&found); err != nil {
		return false, fmt.Errorf("count places: %w", err)
	}
	return found, nil
}

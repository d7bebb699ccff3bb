package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

func loadPlaces(ctx context.Context, tx *sql.Tx, places []directory.Place) (int, error) {
	n := 0
	for _, p := range places {
		ok, err := added(ctx, tx, `
			INSERT INTO places (name, kind, area_id, note, source)
			VALUES (?, ?, (SELECT id FROM areas WHERE slug = ?), ?, ?)
			ON CONFLICT DO NOTHING`,
			p.Name, p.Kind, p.Area, p.Note, p.Source)
		if err != nil {
			return n, fmt.Errorf("load place %q: %w", p.Name, err)
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// Places returns every gazetteer entry, in the order they were loaded.
func (db *DB) Places(ctx context.Context) ([]directory.Place, error) {
	rows, err := db.read.QueryContext(ctx, `
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
	var n int
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM places LIMIT 1)").Scan(&n); err != nil {
		return false, fmt.Errorf("count places: %w", err)
	}
	return n > 0, nil
}

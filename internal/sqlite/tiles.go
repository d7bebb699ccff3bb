package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

// Tiles returns where each area sits on the schematic coverage map, row by
// row from the north-west.
func (db *DB) Tiles(ctx context.Context) ([]directory.Tile, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT a.slug, t.grid_column, t.grid_row
		FROM area_tiles t JOIN areas a ON a.id = t.area_id
		ORDER BY t.grid_row, t.grid_column`)
	if err != nil {
		return nil, fmt.Errorf("list tiles: %w", err)
	}
	defer rows.Close()
	var tiles []directory.Tile
	for rows.Next() {
		var t directory.Tile
		if err := rows.Scan(&t.Area, &t.Column, &t.Row); err != nil {
			return nil, fmt.Errorf("scan tile: %w", err)
		}
		tiles = append(tiles, t)
	}
	return tiles, rows.Err()
}

// loadTiles adds the tiles of areas that have none yet. A square already taken
// by another area's tile is left as it is, as is any tile already placed.
func loadTiles(ctx context.Context, tx *sql.Tx, tiles []directory.Tile) (int, error) {
	n := 0
	for _, t := range tiles {
		ok, err := added(ctx, tx, `
			INSERT INTO area_tiles (area_id, grid_column, grid_row)
			VALUES ((SELECT id FROM areas WHERE slug = ?), ?, ?)
			ON CONFLICT DO NOTHING`, t.Area, t.Column, t.Row)
		if err != nil {
			return n, fmt.Errorf("load tile of %q: %w", t.Area, err)
		}
		if ok {
			n++
		}
	}
	return n, nil
}

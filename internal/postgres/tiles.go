package postgres

import (
	"context"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

// Tiles returns where each area sits on the schematic coverage map, row by
// row from the north-west.
func (db *DB) Tiles(ctx context.Context) ([]directory.Tile, error) {
	rows, err := db.pool.Query(ctx, `
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

package postgres

import (
	"context"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

// Baselines returns the named baselines in the dataset's order.
func (db *DB) Baselines(ctx context.Context) ([]directory.Baseline, error) {
	rows, err := db.pool.Query(ctx, `SELECT slug, name, as_of, description FROM baselines ORDER BY position, as_of COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("list baselines: %w", err)
	}
	defer rows.Close()
	var out []directory.Baseline
	for rows.Next() {
		var b directory.Baseline
		if err := rows.Scan(&b.Slug, &b.Name, &b.AsOf, &b.Description); err != nil {
			return nil, fmt.Errorf("scan baseline: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

func loadBaselines(ctx context.Context, tx *sql.Tx, baselines []directory.Baseline) (int, error) {
	n := 0
	for i, b := range baselines {
		ok, err := added(ctx, tx, `INSERT INTO baselines (slug, name, as_of, description, position) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (slug) DO NOTHING`, b.Slug, b.Name, b.AsOf, b.Description, i+1)
		if err != nil {
			return n, fmt.Errorf("load baseline %q: %w", b.Slug, err)
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// Baselines returns the named baselines in the dataset's order.
func (db *DB) Baselines(ctx context.Context) ([]directory.Baseline, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT slug, name, as_of, description FROM baselines ORDER BY position, as_of`)
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

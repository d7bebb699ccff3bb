package sqlite

import (
	"context"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

// RecordDemand adds counts to the daily tally of searches, in one
// transaction. The tally's table has no content-version triggers, so this
// write leaves every page cache as it is.
func (db *DB) RecordDemand(ctx context.Context, counts map[directory.DemandKey]directory.DemandCount) error {
	if len(counts) == 0 {
		return nil
	}
	tx, err := db.writeTx(ctx)
	if err != nil {
		return fmt.Errorf("record demand: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `
		INSERT INTO demand_daily (day, area, postcode_district, stages, audiences, self_referral, searches, no_results, results)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (day, area, postcode_district, stages, audiences, self_referral) DO UPDATE SET
			searches = searches + excluded.searches,
			no_results = no_results + excluded.no_results,
			results = results + excluded.results`)
	if err != nil {
		return fmt.Errorf("record demand: %w", err)
	}
	defer stmt.Close()
	for k, c := range counts {
		if _, err := stmt.ExecContext(ctx, k.Day, k.Area, k.PostcodeDistrict, k.Stages, k.Audiences, k.SelfReferral,
			c.Searches, c.NoResults, c.Results); err != nil {
			return fmt.Errorf("record demand for %s in %s: %w", k.Day, k.Area, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record demand: %w", err)
	}
	return nil
}

// Demand returns the tally from one day to another, both included, in day
// and area order.
func (db *DB) Demand(ctx context.Context, from, to string) ([]directory.DemandRow, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT day, area, postcode_district, stages, audiences, self_referral, searches, no_results, results
		FROM demand_daily WHERE day >= ? AND day <= ?
		ORDER BY day, area, postcode_district, stages, audiences, self_referral`, from, to)
	if err != nil {
		return nil, fmt.Errorf("read demand: %w", err)
	}
	defer rows.Close()
	var out []directory.DemandRow
	for rows.Next() {
		var r directory.DemandRow
		if err := rows.Scan(&r.Day, &r.Area, &r.PostcodeDistrict, &r.Stages, &r.Audiences, &r.SelfReferral,
			&r.Searches, &r.NoResults, &r.Results); err != nil {
			return nil, fmt.Errorf("read demand: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

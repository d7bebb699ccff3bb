package postgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// RecordDemand adds counts to the daily tally of searches, in one
// transaction: every count lands or none does. The keys are written in a
// fixed order, so that two servers adding to the same keys at once queue
// for their rows rather than deadlock, and the statements go in one batch,
// one round trip. The tally's table has no content-version triggers, so this
// write leaves every page cache as it is.
func (db *DB) RecordDemand(ctx context.Context, counts map[directory.DemandKey]directory.DemandCount) error {
	if len(counts) == 0 {
		return nil
	}
	keys := make([]directory.DemandKey, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compareDemandKeys)
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("record demand: %w", err)
	}
	defer tx.Rollback(ctx)
	var b pgx.Batch
	for _, k := range keys {
		c := counts[k]
		b.Queue(`
			INSERT INTO demand_daily (day, area, postcode_district, stages, audiences, self_referral, searches, no_results, results)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (day, area, postcode_district, stages, audiences, self_referral) DO UPDATE SET
				searches = demand_daily.searches + excluded.searches,
				no_results = demand_daily.no_results + excluded.no_results,
				results = demand_daily.results + excluded.results`,
			k.Day, k.Area, k.PostcodeDistrict, k.Stages, k.Audiences, selfReferralInt(k.SelfReferral),
			c.Searches, c.NoResults, c.Results)
	}
	br := tx.SendBatch(ctx, &b)
	for _, k := range keys {
		if _, err := br.Exec(); err != nil {
			br.Close()
			return fmt.Errorf("record demand for %s in %s: %w", k.Day, k.Area, err)
		}
	}
	if err := br.Close(); err != nil {
		return fmt.Errorf("record demand: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("record demand: %w", err)
	}
	return nil
}

// compareDemandKeys orders the tally's keys as its primary key does.
func compareDemandKeys(a, b directory.DemandKey) int {
	return cmp.Or(
		strings.Compare(a.Day, b.Day),
		strings.Compare(a.Area, b.Area),
		strings.Compare(a.PostcodeDistrict, b.PostcodeDistrict),
		strings.Compare(a.Stages, b.Stages),
		strings.Compare(a.Audiences, b.Audiences),
		cmp.Compare(selfReferralInt(a.SelfReferral), selfReferralInt(b.SelfReferral)),
	)
}

// selfReferralInt is the self-referral flag as the integer 0 or 1 the schema keeps, as
// SQLite does.
func selfReferralInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Demand returns the tally from one day to another, both included, in day
// and area order (and then by the rest of the key, compared byte by byte as
// SQLite compares text).
func (db *DB) Demand(ctx context.Context, from, to string) ([]directory.DemandRow, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT day, area, postcode_district, stages, audiences, self_referral <> 0, searches, no_results, results
		FROM demand_daily WHERE day >= $1 AND day <= $2
		ORDER BY day COLLATE "C", area COLLATE "C", postcode_district COLLATE "C", stages COLLATE "C",
			audiences COLLATE "C", self_referral`, from, to)
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read demand: %w", err)
	}
	return out, nil
}

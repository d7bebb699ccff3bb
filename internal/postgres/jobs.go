package postgres

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

// The job queue (internal/jobs) keeps its jobs in River's own tables beside
// the directory's, in the same database: River's migrator makes them when
// the database opens, after the directory's migrations and under the same
// lock (see migrate in db.go). River's tables are River's: nothing here
// reads them but River, no public page shows them, and transfers and the
// content version leave them alone.

// riverTablePrefix begins the name of each of River's tables.
const riverTablePrefix = "river_"

// RiverDriver returns the driver the job queue runs on: River's pgx driver
// over the store's pool. Several servers on one database share its jobs, and
// River's leader election, in its table river_leader, picks one of them to
// schedule the periodic jobs.
func (db *DB) RiverDriver() *riverpgxv5.Driver { return riverpgxv5.New(db.pool) }

// migrateRiver brings River's tables up to the River version built in, on
// a pool of its own. The caller holds the migration lock: River's migrator
// takes none of its own, and some of its migrations cannot share one
// transaction.
func migrateRiver(ctx context.Context, cfg *pgxpool.Config) error {
	one := cfg.Copy()
	one.MaxConns, one.MinConns = 1, 0
	one.ConnConfig.Tracer = nil
	pool, err := pgxpool.NewWithConfig(ctx, one)
	if err != nil {
		return fmt.Errorf("migrate the job queue: %w", err)
	}
	defer pool.Close()
	migrator, err := rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("migrate the job queue: %w", err)
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrate the job queue: %w", err)
	}
	return nil
}

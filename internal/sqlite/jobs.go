package sqlite

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// The job queue (internal/jobs) keeps its jobs in River's own tables in the
// same file as the directory: River's migrator makes them when the database
// opens, after the directory's migrations. No public page shows them, and
// transfers and the content version leave them alone.
//
// River runs on the writer connection, the store's only connection that may
// write. River's SQLite driver asks for a pool of one connection, since
// SQLite lets one writer in at a time and River's parallel work would
// otherwise meet "database is locked" (SQLITE_BUSY); sharing the store's
// writer gives it exactly that, and within this process River's writes and
// the store's queue for the one connection in Go instead of contending for
// SQLite's lock. Another process on the same file (an import, say) contends
// as it always has, and busy_timeout lets each wait its turn. A job must
// therefore never call the store while it holds a River transaction open:
// it would wait for the connection its own transaction holds.

// riverTablePrefix begins the name of each of River's tables.
const riverTablePrefix = "river_"

// RiverDriver returns the driver the job queue runs on: River's SQLite
// driver over the writer connection.
func (db *DB) RiverDriver() *riversqlite.Driver { return riversqlite.New(db.write) }

// migrateRiver brings River's tables up to the River version built in.
func (db *DB) migrateRiver(ctx context.Context) error {
	migrator, err := rivermigrate.New(riversqlite.New(db.write), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("migrate the job queue: %w", err)
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrate the job queue: %w", err)
	}
	return nil
}

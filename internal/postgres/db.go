// Package postgres stores the directory in a PostgreSQL database through pgx.
// The schema is migrations.Postgres, which mirrors the SQLite schema table by
// table and column by column; what SQLite does with features of its own
// (FTS5, triggers that RAISE) is done here with PostgreSQL's (a tsvector
// column kept by triggers, statement-level triggers, LISTEN and NOTIFY).
//
// This package holds the foundation: opening and migrating, the clock, the
// content version, the dataset's marks, sessions and backups. The store's
// reads and writes come later, and until they do *DB is not yet a whole
// directory.Store.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/migrations"
)

// ContentChannel is the channel on which the database announces each new
// content version (pg_notify, sent when the writing transaction commits), so
// that a server may LISTEN for it instead of asking.
const ContentChannel = "directory_content"

// PoolName is the name PoolStats gives the store's one pool.
const PoolName = "postgres"

// DB is the directory's PostgreSQL database: one pgx pool, shared by reads
// and writes, on a database migrated to migrations.Postgres.
type DB struct {
	pool *pgxpool.Pool
	// Now, when set, replaces this machine's clock for Today and for the
	// time writes are stamped with; tests set it for stable dates.
	Now func() time.Time

	synthetic atomic.Bool // the dataset is synthetic; see Synthetic

	watch contentWatch // the content version as heard; see watch.go
}

// migrateLockID is the advisory lock that servers migrating the same
// database at once queue for: goose's own.
const migrateLockID = lock.DefaultLockID

// Open connects to the database at url (a postgres:// URL or a key=value
// connection string, as pgx reads them, with the PG* environment variables
// filling in what it leaves out) and migrates it to the latest schema.
// Migrations run under a PostgreSQL session-level advisory lock, so that
// several servers starting at once against the same database migrate it
// exactly once: the others wait for the lock and then find nothing to do.
// Open then starts the content listener and its poll (see watch.go), which
// Close stops.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	// The server's views of its sessions (pg_stat_activity) name the
	// directory, unless the connection string names something else.
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = "directory"
	}
	if err := migrate(ctx, cfg); err != nil {
		return nil, err
	}
	db := &DB{}
	// The listener's connection is made from the configuration as it is
	// now, without the tracer that the pool's connections get.
	listenCfg := cfg.ConnConfig.Copy()
	cfg.ConnConfig.Tracer = writeTracer{w: &db.watch}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db.pool = pool
	if err := db.readMeta(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	db.startWatch(listenCfg)
	return db, nil
}

// migrate applies the migrations that the database lacks, the directory's
// and then River's (see jobs.go), through handles of its own that are
// closed afterwards, so that no connection of the pool ever holds the
// migration lock. One session holds goose's lock across both, so that a
// server waiting for another's migration finds both done.
func migrate(ctx context.Context, cfg *pgxpool.Config) error {
	sqlDB := stdlib.OpenDB(*cfg.ConnConfig.Copy())
	defer sqlDB.Close()
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	// goose's default retries every 5 seconds; a server waiting for
	// another's migration retries every second, for up to 5 minutes.
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(migrateLockID), lock.WithLockTimeout(1, 300))
	if err != nil {
		return fmt.Errorf("prepare migration lock: %w", err)
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer conn.Close()
	if err := locker.SessionLock(ctx, conn); err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	defer locker.SessionUnlock(context.Background(), conn)
	// The lock is held, so goose takes none of its own.
	provider, err := goose.NewProvider(goose.DialectPostgres, sqlDB, migrations.Postgres)
	if err != nil {
		return fmt.Errorf("prepare migrations: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	return migrateRiver(ctx, cfg)
}

// Close stops the content listener and its poll, and closes the pool,
// waiting for the connections in use to be returned.
func (db *DB) Close() error {
	db.stopWatch()
	db.pool.Close()
	return nil
}

// Ping reports whether the database answers a query.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.pool.QueryRow(ctx, "SELECT 1").Scan(&one)
}

// Today returns the current date, YYYY-MM-DD, in UTC as on SQLite, by this
// machine's clock (or by Now, when a test set it), without asking the
// database: pages ask for it on every request. Servers of one database agree
// on the day as long as their clocks are kept (by NTP, say), which matters
// only in the seconds around midnight.
func (db *DB) Today() string {
	if db.Now != nil {
		return db.Now().UTC().Format(time.DateOnly)
	}
	return time.Now().UTC().Format(time.DateOnly)
}

// PoolStats reports the pool's connection counts under the name PoolName:
// Waits counts the acquisitions that found no idle connection, and Wait the
// time they spent waiting for one.
func (db *DB) PoolStats() map[string]directory.PoolStats {
	st := db.pool.Stat()
	return map[string]directory.PoolStats{PoolName: {
		Open:  int(st.TotalConns()),
		InUse: int(st.AcquiredConns()),
		Idle:  int(st.IdleConns()),
		Waits: st.EmptyAcquireCount(),
		Wait:  st.EmptyAcquireWaitTime(),
	}}
}

// Empty reports whether the database holds no areas yet, which is how a new
// database is told apart from one that has been seeded.
func (db *DB) Empty(ctx context.Context) (bool, error) {
	var found bool
	if err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM areas)`).Scan(&found); err != nil {
		return false, fmt.Errorf("count areas: %w", err)
	}
	return !found, nil
}

// Pool returns the database's connection pool, for the store's queries and
// for tests.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// SyntheticNotice is what every page, download and API response of a
// synthetic dataset says about it: the same words as sqlite.SyntheticNotice.
const SyntheticNotice = "Synthetic data for testing: not real services"

// metaSynthetic is the meta key that marks a synthetic dataset.
const metaSynthetic = "synthetic"

// Synthetic reports whether the database holds a synthetic dataset made for
// testing rather than real services. It is read when the database opens and
// kept in memory, since every response asks.
func (db *DB) Synthetic() bool { return db.synthetic.Load() }

// MarkSynthetic records that the database holds synthetic test data. The mark
// cannot be taken off: a database that once held made-up services is not to
// be trusted as real.
func (db *DB) MarkSynthetic(ctx context.Context) error {
	if _, err := db.pool.Exec(ctx, `INSERT INTO meta (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, metaSynthetic, SyntheticNotice); err != nil {
		return fmt.Errorf("mark the dataset synthetic: %w", err)
	}
	db.synthetic.Store(true)
	return nil
}

// readMeta loads the dataset-level facts kept in memory.
func (db *DB) readMeta(ctx context.Context) error {
	var v string
	err := db.pool.QueryRow(ctx, `SELECT value FROM meta WHERE key = $1`, metaSynthetic).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read dataset marks: %w", err)
	}
	db.synthetic.Store(true)
	return nil
}

// DB must be the whole store.
var _ directory.Store = (*DB)(nil)

// now is the moment a write is stamped with, as the audit log and the
// records keep it: RFC 3339 in UTC, to the second, as on SQLite.
func (db *DB) now() string {
	if db.Now != nil {
		return db.Now().UTC().Format(time.RFC3339)
	}
	return time.Now().UTC().Format(time.RFC3339)
}

// beginContentWrite starts a transaction that writes what public pages show,
// and first of all queues it for the content version's one row (which the
// triggers of migration 00075 update on the transaction's first change in any
// case). Taking that lock before any other means that two such transactions
// never hold each other's rows, as they could when one has changed a row and
// waits for the counter while the other, holding the counter since its first
// change, waits for that row: writers queue here, as SQLite's queue for its
// write lock, and a deadlock cannot form between them.
func (db *DB) beginContentWrite(ctx context.Context) (pgx.Tx, error) {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return nil, fmt.Errorf("begin write: %w", err)
	}
	if _, err := tx.Exec(ctx, `SELECT 1 FROM content_version WHERE id = 1 FOR UPDATE`); err != nil {
		tx.Rollback(ctx)
		return nil, fmt.Errorf("begin write: %w", err)
	}
	return tx, nil
}

// Package sqlite stores the directory in a SQLite database through the pure-Go
// modernc.org/sqlite driver. Writes go through a single connection that takes
// the write lock when each transaction begins; reads use a separate pool.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver for the read pool

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/migrations"
)

// DB must be the whole store.
var _ directory.Store = (*DB)(nil)

// DB is the directory's database: one writer connection and a pool of readers.
// It implements directory.Store on one SQLite file.
type DB struct {
	Path  string
	write *sql.DB
	read  *sql.DB
	// Now returns the current time; tests replace it for stable timestamps.
	Now func() time.Time

	changes   *changeWatch // follows the content counter; see ContentVersion
	synthetic atomic.Bool  // the dataset is synthetic; see Synthetic
}

// dsn builds a connection string that sets the pragmas on every pooled
// connection, so none of them misses busy_timeout or foreign_keys.
func dsn(path string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	if writer {
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path and migrates it to the
// latest schema.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("open database: no path given")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open database: create folder: %w", err)
		}
	}
	db := &DB{Path: path, Now: time.Now}
	write, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.write = write
	if err := db.migrate(ctx); err != nil {
		write.Close()
		return nil, err
	}
	if err := db.migrateRiver(ctx); err != nil {
		write.Close()
		return nil, err
	}
	if err := db.fillAtLocationUUIDs(ctx); err != nil {
		write.Close()
		return nil, err
	}
	if err := db.readMeta(ctx); err != nil {
		write.Close()
		return nil, err
	}
	read, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open database readers: %w", err)
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	db.read = read
	db.changes = watchChanges(path)
	return db, nil
}

func (db *DB) migrate(ctx context.Context) error {
	provider, err := goose.NewProvider(goose.DialectSQLite3, db.write, migrations.SQLite)
	if err != nil {
		return fmt.Errorf("prepare migrations: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	return nil
}

// PoolStats reports the writer pool's and the read pool's connection counts,
// as "write" and "read".
func (db *DB) PoolStats() map[string]directory.PoolStats {
	out := map[string]directory.PoolStats{}
	for name, p := range map[string]*sql.DB{"write": db.write, "read": db.read} {
		st := p.Stats()
		out[name] = directory.PoolStats{Open: st.OpenConnections, InUse: st.InUse, Idle: st.Idle, Waits: st.WaitCount, Wait: st.WaitDuration}
	}
	return out
}

// Close closes both pools.
func (db *DB) Close() error {
	errs := []error{db.changes.close()}
	if db.read != nil {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	return errors.Join(errs...)
}

// Ping reports whether the database answers a query.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Empty reports whether the database holds no areas yet, which is how a new
// database is told apart from one that has been seeded.
func (db *DB) Empty(ctx context.Context) (bool, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM areas").Scan(&n); err != nil {
		return false, fmt.Errorf("count areas: %w", err)
	}
	return n == 0, nil
}

// now returns the current time as stored: UTC, RFC 3339.
func (db *DB) now() string {
	return db.Now().UTC().Format(time.RFC3339)
}

// writeTx begins a write transaction on the single writer connection.
func (db *DB) writeTx(ctx context.Context) (*sql.Tx, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin write: %w", err)
	}
	return tx, nil
}

// Pragmas reports the settings a reader connection has, for checks and tests.
func (db *DB) Pragmas(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	for _, name := range []string{"journal_mode", "foreign_keys", "busy_timeout", "query_only", "synchronous"} {
		var v string
		if err := db.read.QueryRowContext(ctx, "PRAGMA "+name).Scan(&v); err != nil {
			return nil, fmt.Errorf("read pragma %s: %w", name, err)
		}
		out[name] = v
	}
	return out, nil
}

// Today returns the current date, YYYY-MM-DD, by the database's clock.
func (db *DB) Today() string {
	return db.Now().UTC().Format("2006-01-02")
}

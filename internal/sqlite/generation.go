package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sync/atomic"

	msqlite "modernc.org/sqlite"
)

// The write generation counts committed write transactions. Readers that keep
// copies of what they read (the page cache) key them by generation, so every
// commit makes every older copy stale.
//
// The counter lives in the writer pool's driver connections, not in the store's
// write methods: a transaction committed through db.write bumps it whichever
// method ran it, so no method can forget. It is bumped after the commit
// returns, so a reader that sees the new number also sees the new data.
// Statements run outside a transaction on the writer (only the session store
// does that) do not count, because sessions never change a public page.

// Generation returns the number of write transactions committed since the
// database was opened.
func (db *DB) Generation() uint64 { return db.generation.Load() }

// openWriter opens the single-connection writer pool with commit counting.
func openWriter(path string, generation *atomic.Uint64) *sql.DB {
	return sql.OpenDB(&countingConnector{dsn: dsn(path, true), driver: &msqlite.Driver{}, generation: generation})
}

// countingConnector opens driver connections whose transactions count commits.
type countingConnector struct {
	dsn        string
	driver     *msqlite.Driver
	generation *atomic.Uint64
}

func (c *countingConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.driver.Open(c.dsn)
	if err != nil {
		return nil, fmt.Errorf("open writer connection: %w", err)
	}
	return &countingConn{conn: conn, generation: c.generation}, nil
}

func (c *countingConnector) Driver() driver.Driver { return c.driver }

// sqliteConn is what the modernc.org/sqlite connection offers database/sql.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// countingConn passes everything to the driver's connection, and wraps each
// transaction so that its commit bumps the generation.
type countingConn struct {
	conn       driver.Conn
	generation *atomic.Uint64
}

func (c *countingConn) full() (sqliteConn, error) {
	sc, ok := c.conn.(sqliteConn)
	if !ok {
		return nil, fmt.Errorf("sqlite connection %T lacks a method database/sql uses", c.conn)
	}
	return sc, nil
}

func (c *countingConn) Prepare(query string) (driver.Stmt, error) { return c.conn.Prepare(query) }
func (c *countingConn) Close() error                              { return c.conn.Close() }

func (c *countingConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *countingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	sc, err := c.full()
	if err != nil {
		return nil, err
	}
	tx, err := sc.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &countingTx{tx: tx, generation: c.generation}, nil
}

func (c *countingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	sc, err := c.full()
	if err != nil {
		return nil, err
	}
	return sc.PrepareContext(ctx, query)
}

func (c *countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	sc, err := c.full()
	if err != nil {
		return nil, err
	}
	return sc.ExecContext(ctx, query, args)
}

func (c *countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	sc, err := c.full()
	if err != nil {
		return nil, err
	}
	return sc.QueryContext(ctx, query, args)
}

func (c *countingConn) Ping(ctx context.Context) error {
	sc, err := c.full()
	if err != nil {
		return err
	}
	return sc.Ping(ctx)
}

func (c *countingConn) ResetSession(ctx context.Context) error {
	sc, err := c.full()
	if err != nil {
		return err
	}
	return sc.ResetSession(ctx)
}

func (c *countingConn) IsValid() bool {
	sc, err := c.full()
	return err == nil && sc.IsValid()
}

// countingTx bumps the generation once its commit has returned. A failed
// commit bumps it too: what the database holds is then uncertain, and a
// needless miss costs less than a stale page.
type countingTx struct {
	tx         driver.Tx
	generation *atomic.Uint64
}

func (t *countingTx) Commit() error {
	err := t.tx.Commit()
	t.generation.Add(1)
	return err
}

func (t *countingTx) Rollback() error { return t.tx.Rollback() }

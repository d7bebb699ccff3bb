package server_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/postgres/pgtest"
	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
	"github.com/wessex-network/directory/seeds"
)

// StoreEnv names the environment variable that points the handler tests at
// an engine: DIRECTORY_TEST_STORE=postgres runs them on PostgreSQL (a
// database of each test's own, from pgtest), and anything else on SQLite.
const storeEnv = "DIRECTORY_TEST_STORE"

// onPostgres reports whether this run's handler tests use PostgreSQL.
func onPostgres() bool { return os.Getenv(storeEnv) == "postgres" }

// openStore opens a new, migrated, empty store of the run's engine, closed
// when the test ends.
func openStore(tb testing.TB) directory.Store {
	tb.Helper()
	if onPostgres() {
		return pgtest.New(tb)
	}
	return sqlitetest.Open(tb)
}

// seededStore opens a new store of the run's engine loaded with the Wessex
// dataset.
func seededStore(tb testing.TB) directory.Store {
	tb.Helper()
	s := openStore(tb)
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		tb.Fatalf("parse the Wessex dataset: %v", err)
	}
	if _, err := s.Load(context.Background(), ds); err != nil {
		tb.Fatalf("load the Wessex dataset: %v", err)
	}
	return s
}

// sqliteOnly returns the SQLite database under a test that is about SQLite
// itself (its file, its write-ahead log, a second handle on the file), and
// skips the test on another engine.
func sqliteOnly(tb testing.TB, s directory.Store) *sqlite.DB {
	tb.Helper()
	db, ok := s.(*sqlite.DB)
	if !ok {
		tb.Skip("this test is about the SQLite file")
	}
	return db
}

// setClock makes the store stamp its writes, and take today, from now.
func setClock(tb testing.TB, s directory.Store, now func() time.Time) {
	tb.Helper()
	switch db := s.(type) {
	case *sqlite.DB:
		db.Now = now
	case *postgres.DB:
		db.Now = now
	default:
		tb.Fatalf("no clock to set on %T", s)
	}
}

// Package sqlitetest gives tests a fresh database of their own, empty or
// loaded with the Wessex dataset, closed when the test ends.
package sqlitetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/seeds"
)

// Open opens a new, migrated database in the test's temporary folder.
func Open(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatalf("open database: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close database: %v", err)
		}
	})
	return db
}

// Seeded opens a new database loaded with the built-in Wessex dataset.
func Seeded(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := Open(tb)
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		tb.Fatalf("parse the Wessex dataset: %v", err)
	}
	if _, err := db.Load(context.Background(), ds); err != nil {
		tb.Fatalf("load the Wessex dataset: %v", err)
	}
	return db
}

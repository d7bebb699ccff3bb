package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/seeds"
)

// MustOpenDB opens a new database in a temporary folder and closes it when
// the test ends.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatalf("open database: %v", err)
	}
	db.Now = func() time.Time { return time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC) }
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close database: %v", err)
		}
	})
	return db
}

func mustDataset(tb testing.TB) *directory.Dataset {
	tb.Helper()
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		tb.Fatalf("parse seeds: %v", err)
	}
	return ds
}

// MustSeededDB opens a new database loaded with the Wessex dataset.
func MustSeededDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := MustOpenDB(tb)
	if _, err := db.Load(context.Background(), mustDataset(tb)); err != nil {
		tb.Fatalf("load seeds: %v", err)
	}
	return db
}

func TestOpenSetsPragmasOnEveryConnection(t *testing.T) {
	db := MustOpenDB(t)
	got, err := db.Pragmas(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000", "synchronous": "2"} // 2 is FULL
	for name, w := range want {
		if got[name] != w {
			t.Errorf("pragma %s = %q, want %q", name, got[name], w)
		}
	}
}

func TestOpenTwiceKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "again.db")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Load(ctx, ds); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	empty, err := db.Empty(ctx)
	if err != nil || empty {
		t.Fatalf("reopened database empty=%v err=%v, want the seeded data", empty, err)
	}
}

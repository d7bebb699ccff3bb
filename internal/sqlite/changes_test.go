package sqlite_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite"
)

// contentVersion reads the database's content version, failing the test on error.
func contentVersion(t testing.TB, db *sqlite.DB) uint64 {
	t.Helper()
	v, err := db.ContentVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestContentVersionMovesForContentWritesOnly(t *testing.T) {
	for _, mode := range []string{"mapped header", "header by pread", "counter on every check"} {
		fast := mode != "counter on every check"
		t.Run(mode, func(t *testing.T) {
			ctx := context.Background()
			db := MustSeededDB(t)
			switch mode {
			case "header by pread":
				sqlite.WithoutMapping(db)
			case "counter on every check":
				sqlite.WithoutWALHeader(db)
			}
			start := contentVersion(t, db)
			reads := sqlite.CounterReads(db)
			for range 3 {
				if again := contentVersion(t, db); again != start {
					t.Fatalf("two checks with nothing written between gave %d and %d", start, again)
				}
			}
			if got := sqlite.CounterReads(db) - reads; fast && got != 0 {
				t.Errorf("three checks with nothing written read the counter %d times; the WAL header should have answered", got)
			}

			if _, err := db.Matrix(ctx, ""); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Services(ctx, directory.ServiceFilter{}); err != nil {
				t.Fatal(err)
			}
			if got := contentVersion(t, db); got != start {
				t.Errorf("reads moved the content version from %d to %d", start, got)
			}

			if err := db.Sessions().Commit("token", []byte("data"), time.Now().Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if got := contentVersion(t, db); got != start {
				t.Errorf("saving a session moved the content version from %d to %d; sessions never change a public page", start, got)
			}

			actor := directory.Actor{Name: "Test"}
			svc := directory.Service{Slug: "new-group", Name: "New group", Source: "test", Summary: "A group.", Description: "Songs.",
				Areas: []directory.ServiceArea{{Area: "hampshire"}}}
			if _, err := db.CreateService(ctx, actor, svc, "adding"); err != nil {
				t.Fatal(err)
			}
			afterCreate := contentVersion(t, db)
			if afterCreate == start {
				t.Fatalf("creating a service left the content version at %d", afterCreate)
			}

			// The same slug again is refused and rolled back: nothing changed.
			if _, err := db.CreateService(ctx, actor, svc, "adding again"); err == nil {
				t.Fatal("a second service with the same slug was accepted")
			}
			if got := contentVersion(t, db); got != afterCreate {
				t.Errorf("a refused write moved the content version from %d to %d", afterCreate, got)
			}
		})
	}
}

// TestContentVersionSeesAnotherConnectionsWrites opens the same file twice, as
// a server and a command-line import do, and writes through the second.
func TestContentVersionSeesAnotherConnectionsWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	server, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	if _, err := server.Load(ctx, mustDataset(t)); err != nil {
		t.Fatal(err)
	}
	before := contentVersion(t, server)

	command, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := command.Sessions().Commit("token", []byte("data"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := contentVersion(t, server); got != before {
		t.Errorf("another connection's session write moved the content version from %d to %d", before, got)
	}
	svc := directory.Service{Slug: "from-elsewhere", Name: "From elsewhere", Source: "test", Summary: "A group.", Description: "Songs.",
		Areas: []directory.ServiceArea{{Area: "dorset"}}}
	if _, err := command.CreateService(ctx, directory.Actor{Name: "import"}, svc, "adding"); err != nil {
		t.Fatal(err)
	}
	if err := command.Close(); err != nil {
		t.Fatal(err)
	}
	if got := contentVersion(t, server); got == before {
		t.Errorf("a service added through another connection left the content version at %d", got)
	}
}

// riverTables begins the name of each of River's tables, the job queue's,
// which are quiet too.
const riverTables = "river_"

// quietTables are the tables no public page reads, so writing them must not
// empty the page cache. Every other table must bump the content counter.
var quietTables = []string{"sessions", "content_version", "goose_db_version", "demand_daily", "suggestions", "held_services", "outbox", "feeds", "feed_runs", "service_notes", "watches", "watch_digests", "proposals", "service_owners", "review_reminders"}

func TestEveryPublicTableBumpsTheContentVersion(t *testing.T) {
	db := MustOpenDB(t)
	tables, err := db.TablesWithoutChangeTriggers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		if !(slices.Contains(quietTables, table) || strings.HasPrefix(table, riverTables)) {
			t.Errorf("table %s has no trigger for each of insert, update and delete that bumps content_version: "+
				"add them in a migration, or list it in quietTables if no public page ever reads it", table)
		}
	}
}

// BenchmarkContentVersion measures the check the page cache makes on every
// public request: with nothing written, by the WAL header alone, mapped or
// read with pread; with the
// counter read every time, as without a -shm file; and PRAGMA data_version,
// the usual way to ask whether another connection wrote, for comparison.
func BenchmarkContentVersion(b *testing.B) {
	ctx := context.Background()
	db := MustSeededDB(b)
	b.Run("wal-header", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.ContentVersion(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("wal-header-parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := db.ContentVersion(ctx); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	pread := MustSeededDB(b)
	sqlite.WithoutMapping(pread)
	b.Run("wal-header-pread", func(b *testing.B) {
		for b.Loop() {
			if _, err := pread.ContentVersion(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pragma-data-version", func(b *testing.B) {
		for b.Loop() {
			if _, err := sqlite.DataVersion(ctx, db); err != nil {
				b.Fatal(err)
			}
		}
	})
	slow := MustSeededDB(b)
	sqlite.WithoutWALHeader(slow)
	b.Run("counter-every-check", func(b *testing.B) {
		for b.Loop() {
			if _, err := slow.ContentVersion(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

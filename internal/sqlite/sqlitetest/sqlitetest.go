// Package sqlitetest gives tests a fresh database of their own, empty or
// loaded with the Wessex dataset, closed when the test ends.
package sqlitetest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/wessex-network/directory/internal/demo"
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

// NationalDBEnv names the environment variable that points the national
// benchmarks at a database made by `directory demo-data`, so that they need
// not spend half a minute writing a synthetic England of their own.
const NationalDBEnv = "DIRECTORY_NATIONAL_DB"

// National opens a full synthetic England (demo.National: 50,000 services)
// marked synthetic, as `directory demo-data` writes it. Where NationalDBEnv
// names such a file, it opens a copy of it, so a benchmark never changes the
// original; otherwise it writes the dataset itself, which takes half a minute.
func National(tb testing.TB) *sqlite.DB {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "national.db")
	if src := os.Getenv(NationalDBEnv); src != "" {
		if err := copyFile(src, path); err != nil {
			tb.Fatalf("copy the national database named by %s: %v", NationalDBEnv, err)
		}
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		tb.Fatalf("open database: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close database: %v", err)
		}
	})
	empty, err := db.Empty(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	if !empty {
		return db
	}
	if err := db.MarkSynthetic(ctx); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.Load(ctx, demo.England(demo.National)); err != nil {
		tb.Fatalf("load a synthetic England: %v", err)
	}
	return db
}

// copyFile copies a closed SQLite database file, with its write-ahead log
// if one was left beside it.
func copyFile(src, dst string) error {
	for _, suffix := range []string{"", "-wal"} {
		in, err := os.Open(src + suffix)
		if suffix != "" && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		out, err := os.Create(dst + suffix)
		if err != nil {
			in.Close()
			return err
		}
		_, err = io.Copy(out, in)
		in.Close()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("copy %s: %w", src+suffix, err)
		}
	}
	return nil
}

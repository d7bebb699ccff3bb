package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/postgres/pgtest"
)

// TestMain keeps the tests of this package off any PostgreSQL database that
// the shell running them names in DATABASE_URL: they expect SQLite files,
// and must never write into a real database. A test that wants PostgreSQL
// sets DATABASE_URL itself.
func TestMain(m *testing.M) {
	os.Unsetenv("DATABASE_URL")
	os.Exit(m.Run())
}

func TestSeedIntoPostgreSQLTouchesNoFile(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	dir := filepath.Join(t.TempDir(), "data")
	dbPath := filepath.Join(dir, "directory.db")

	// From the environment, as make run passes it, beside a -db that must
	// be left alone.
	t.Setenv("DATABASE_URL", url)
	var out bytes.Buffer
	if err := run(ctx, []string{"seed", "-db", dbPath}, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "into PostgreSQL") || !strings.Contains(out.String(), "49 coverage cells") {
		t.Errorf("seed said %q, want the 49 cells loaded into PostgreSQL", out.String())
	}
	// From the flag, which wins over DB too.
	t.Setenv("DATABASE_URL", "")
	t.Setenv("DB", dbPath)
	out.Reset()
	if err := run(ctx, []string{"seed", "-database-url", url}, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "0 coverage cells") {
		t.Errorf("a second seed said %q, want nothing added to the same PostgreSQL database", out.String())
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("seeding PostgreSQL touched the SQLite path's folder %s (%v)", dir, err)
	}

	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var cells int
	if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM coverage_cells`).Scan(&cells); err != nil {
		t.Fatal(err)
	}
	if cells != 49 {
		t.Errorf("PostgreSQL holds %d coverage cells, want the 49 seeded", cells)
	}

	// restore is SQLite's, and says what to use instead.
	t.Setenv("DATABASE_URL", url)
	err = run(ctx, []string{"restore", "-db", dbPath, filepath.Join(t.TempDir(), "backup.dump")}, nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "pg_restore") {
		t.Errorf("restore on PostgreSQL gave %v, want it to point to pg_restore", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("restore on PostgreSQL touched the SQLite path's folder %s (%v)", dir, err)
	}
}

func TestStoreNamesNoPassword(t *testing.T) {
	for _, c := range []struct{ conn, want string }{
		{"postgres://dir:s3cret@db.example.org:5432/directory?sslmode=require",
			"PostgreSQL postgres://dir:xxxxx@db.example.org:5432/directory?sslmode=require"},
		{"postgresql://dir@db.example.org/directory?password=s3cret&sslmode=require",
			"PostgreSQL postgresql://dir@db.example.org/directory?password=xxxxx&sslmode=require"},
		{"host=db.example.org user=dir password=s3cret dbname=directory",
			"PostgreSQL host=db.example.org user=dir password=xxxxx dbname=directory"},
		{`host=db.example.org password = 'it\'s s3cret' dbname=directory`,
			"PostgreSQL host=db.example.org password = xxxxx dbname=directory"},
		{"postgres://dir:s3cret@db.example.org:bad/directory", "PostgreSQL postgres://…"},
	} {
		conn, path := c.conn, "data/directory.db"
		f := storeFlags{path: &path, url: &conn}
		if got := f.String(); got != c.want {
			t.Errorf("String() of %q = %q, want %q", c.conn, got, c.want)
		}
		if strings.Contains(f.flag(), "s3cret") {
			t.Errorf("flag() of %q shows the password: %s", c.conn, f.flag())
		}
	}
	conn, path := "", "data/directory.db"
	if got := (storeFlags{path: &path, url: &conn}).String(); got != path {
		t.Errorf("String() without a PostgreSQL database = %q, want the SQLite file", got)
	}
}

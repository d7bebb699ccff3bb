package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/wessex-network/directory/internal/postgres/pgtest"
)

func TestTransferCopiesTheSQLiteDatabaseIntoPostgreSQL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "directory.db")
	cmd := func(stdin string, args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, args, strings.NewReader(stdin), &out, io.Discard)
		return out.String(), err
	}
	if _, err := cmd("", "seed", "-db", path); err != nil {
		t.Fatal(err)
	}
	if _, err := cmd("long enough password\n", "user", "add", "-db", path, "-email", "ada@example.org", "-name", "Ada Admin", "-role", "admin"); err != nil {
		t.Fatal(err)
	}
	target := pgtest.URL(t)

	out, err := cmd("", "transfer", "-db", path, "-to", target)
	if err != nil {
		t.Fatalf("transfer: %v\n%s", err, out)
	}
	for _, want := range []string{"\nareas: ", "\nusers: 1 row\n", "\naudit_log: 1 row\n", "every table's row count checked", "Now serve it with DATABASE_URL='"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	next := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "Now serve it with") })
	if !strings.HasPrefix(lines[1], "areas: ") || next < 0 || !strings.HasSuffix(lines[next], " make run") || !strings.HasPrefix(lines[next-1], "Copied ") {
		t.Errorf("the output does not start with areas and end with a summary and the next step:\n%s", out)
	}

	src, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := pgxpool.New(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	for _, table := range []string{"areas", "services", "service_interventions", "coverage_cells", "places", "indicator_values", "users", "audit_log"} {
		var a, b int
		if err := src.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&a); err != nil {
			t.Fatal(err)
		}
		if err := dst.QueryRow(ctx, `SELECT count(*) FROM `+table).Scan(&b); err != nil {
			t.Fatal(err)
		}
		if a != b || a == 0 {
			t.Errorf("%s: %d rows in SQLite, %d in PostgreSQL", table, a, b)
		}
	}
	var srcHash, dstHash string
	if err := src.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE email = 'ada@example.org'`).Scan(&srcHash); err != nil {
		t.Fatal(err)
	}
	if err := dst.QueryRow(ctx, `SELECT password_hash FROM users WHERE email = 'ada@example.org'`).Scan(&dstHash); err != nil {
		t.Fatal(err)
	}
	if srcHash != dstHash || srcHash == "" {
		t.Errorf("the password hash is %q in PostgreSQL, %q in SQLite", dstHash, srcHash)
	}

	// Again: refused, and nothing written.
	out, err = cmd("", "transfer", "-db", path, "-to", target)
	if err == nil || !strings.Contains(err.Error(), "already holds data") || !strings.Contains(err.Error(), "nothing was copied") {
		t.Errorf("a second transfer gave %v\n%s", err, out)
	}
	var users int
	if err := dst.QueryRow(ctx, `SELECT count(*) FROM users`).Scan(&users); err != nil || users != 1 {
		t.Errorf("%d users after the refused transfer (%v)", users, err)
	}
}

func TestTransferNeedsASourceAndATarget(t *testing.T) {
	ctx := context.Background()
	missing := filepath.Join(t.TempDir(), "none.db")
	err := run(ctx, []string{"transfer", "-db", missing, "-to", "postgres://localhost/x"}, strings.NewReader(""), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "no SQLite database at") {
		t.Errorf("a missing source gave %v", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("transfer created the missing source")
	}
	err = run(ctx, []string{"transfer", "-db", missing}, strings.NewReader(""), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "-to") {
		t.Errorf("no -to gave %v", err)
	}
}

func TestRedactConnString(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://ada:secret@db.example.org:5432/directory": "postgres://ada:xxxxx@db.example.org:5432/directory",
		"postgres://ada@db/directory?password=secret":         "postgres://ada@db/directory?password=xxxxx",
		"postgresql://db/directory":                           "postgresql://db/directory",
		"host=db user=ada password=secret dbname=directory":   "host=db user=ada password=xxxxx dbname=directory",
		`host=db password='it\'s secret' dbname=directory`:    "host=db password=xxxxx dbname=directory",
	} {
		if got := redactConnString(in); got != want {
			t.Errorf("redactConnString(%q) = %q, want %q", in, got, want)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/oruk/oruktest"
	"github.com/wessex-network/directory/internal/server"
	"github.com/wessex-network/directory/internal/sqlite"
)

// importArgs runs an Open Referral UK import with no setting for the
// schemas, so the built-in copy checks the feed.
func importArgs(t *testing.T, dbPath string, extra ...string) []string {
	t.Helper()
	return append([]string{"import", "oruk", "-db", dbPath}, extra...)
}

func TestImportORUKFromAFolder(t *testing.T) {
	t.Setenv("ORUK_SCHEMAS", "")
	dbPath := filepath.Join(t.TempDir(), "directory.db")
	if err := run(context.Background(), []string{"seed", "-db", dbPath}, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	valid := oruktest.Dir(t, oruktest.Valid)
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"-dry-run", valid}, "Dry run, nothing written: would import " + valid + ": 4 added, 0 changed, 0 left alone, 2 held for staff (no area of this directory matched)."},
		{[]string{valid}, "Imported " + valid + ": 4 added, 0 changed, 0 left alone, 2 held for staff (no area of this directory matched)."},
		{[]string{valid}, "Imported " + valid + ": 0 added, 0 changed, 4 left alone, 2 held for staff (no area of this directory matched)."},
	}
	for _, s := range steps {
		var out bytes.Buffer
		if err := run(context.Background(), importArgs(t, dbPath, s.args...), nil, &out, io.Discard); err != nil {
			t.Fatalf("%v: %v\n%s", s.args, err, out.String())
		}
		if !strings.Contains(out.String(), s.want) {
			t.Errorf("%v said:\n%s\nwant %q", s.args, out.String(), s.want)
		}
	}

	var out bytes.Buffer
	err := run(context.Background(), importArgs(t, dbPath, oruktest.Dir(t, oruktest.Invalid)), nil, &out, io.Discard)
	if err == nil || !strings.Contains(out.String(), "was refused. Nothing was written.") ||
		!strings.Contains(out.String(), "field /contents/0/email") || !strings.Contains(out.String(), "the term is its own parent") {
		t.Errorf("invalid feed: %v\n%s", err, out.String())
	}
}

// -oruk-schemas and ORUK_SCHEMAS point the import at another copy of the
// schemas, and a folder that holds none is refused before anything is read.
func TestImportORUKWithOtherSchemas(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "directory.db")
	if err := run(context.Background(), []string{"seed", "-db", dbPath}, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	valid := oruktest.Dir(t, oruktest.Valid)
	stricter := oruktest.SchemaDir(t, oruktest.StricterServiceList)

	t.Setenv("ORUK_SCHEMAS", "")
	var out bytes.Buffer
	err := run(context.Background(), importArgs(t, dbPath, "-dry-run", "-oruk-schemas", stricter, valid), nil, &out, io.Discard)
	if err == nil || !strings.Contains(out.String(), oruktest.StricterField) {
		t.Errorf("-oruk-schemas: %v\n%s", err, out.String())
	}

	t.Setenv("ORUK_SCHEMAS", stricter)
	out.Reset()
	err = run(context.Background(), importArgs(t, dbPath, "-dry-run", valid), nil, &out, io.Discard)
	if err == nil || !strings.Contains(out.String(), oruktest.StricterField) {
		t.Errorf("ORUK_SCHEMAS: %v\n%s", err, out.String())
	}

	empty := t.TempDir()
	out.Reset()
	err = run(context.Background(), importArgs(t, dbPath, "-dry-run", "-oruk-schemas", empty, valid), nil, &out, io.Discard)
	if err == nil || !strings.Contains(err.Error(), empty) || out.Len() != 0 {
		t.Errorf("a folder without schemas: %v\n%s", err, out.String())
	}
}

// serve, too, refuses a schemas folder that holds none, before it touches
// the database.
func TestServeRefusesAFolderWithoutSchemas(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "directory.db")
	empty := filepath.Join(dir, "no-schemas")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"serve", "-addr", freeAddr(t), "-db", dbPath, "-oruk-schemas", empty}, nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), empty) {
		t.Errorf("serve with an empty schemas folder: %v", err)
	}
	if _, err := os.Stat(dbPath); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("serve opened the database: %v", err)
	}
}

// The directory's own API is a feed another copy can import; since the ids
// are stable, a copy loaded from the same data finds nothing to change.
func TestImportORUKFromALiveAPI(t *testing.T) {
	t.Setenv("ORUK_SCHEMAS", "")
	dir := t.TempDir()
	source, copyPath := filepath.Join(dir, "source.db"), filepath.Join(dir, "copy.db")
	for _, p := range []string{source, copyPath} {
		if err := run(context.Background(), []string{"seed", "-db", p}, nil, io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sqlite.Open(context.Background(), source)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv := httptest.NewServer(server.New(db, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()

	var out bytes.Buffer
	if err := run(context.Background(), importArgs(t, copyPath, "-dry-run", srv.URL+"/api/v1"), nil, &out, io.Discard); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), ": 0 added, 0 changed, ") || strings.Contains(out.String(), " 0 left alone") {
		t.Errorf("round trip:\n%s", out.String())
	}
}

// A services export imports back as it is, and nothing changes.
func TestExportServicesThenImportCSV(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "directory.db")
	if err := run(context.Background(), []string{"seed", "-db", dbPath}, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	var exported bytes.Buffer
	if err := run(context.Background(), []string{"export", "services", "-db", dbPath}, nil, &exported, io.Discard); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "services.csv")
	writeFile(t, file, exported.String())
	var out bytes.Buffer
	if err := run(context.Background(), []string{"import", "csv", "-dry-run", "-db", dbPath, file}, nil, &out, io.Discard); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "would import services.csv: 0 added, 0 changed, 19 left alone.") {
		t.Errorf("import said:\n%s", out.String())
	}
	for _, table := range []string{"coverage", "indicators"} {
		var b bytes.Buffer
		if err := run(context.Background(), []string{"export", table, "-db", dbPath, "-as-of", "2019-07-01"}, nil, &b, io.Discard); err != nil {
			t.Fatal(err)
		}
		if lines := strings.Count(b.String(), "\n"); lines < 10 {
			t.Errorf("export %s: only %d lines", table, lines)
		}
	}
}

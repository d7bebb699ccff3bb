package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/sqlite"
)

func TestDemoDataWritesAMarkedSyntheticDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "national.db")
	var out bytes.Buffer
	if err := run(ctx, []string{"demo-data", "-db", path, "-services", "200"}, nil, &out, &out); err != nil {
		t.Fatalf("demo-data: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "200 services") || !strings.Contains(out.String(), "400 links") {
		t.Errorf("the summary does not count what was written:\n%s", out.String())
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !db.Synthetic() {
		t.Error("the new database is not marked synthetic")
	}
	if n, err := db.CountServices(ctx); err != nil || n != 200 {
		t.Errorf("%d services, %v", n, err)
	}
}

func TestDemoDataRefusesARealDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "real.db")
	var out bytes.Buffer
	if err := run(ctx, []string{"seed", "-db", path}, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	err := run(ctx, []string{"demo-data", "-db", path, "-services", "10"}, nil, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "already holds a dataset") {
		t.Fatalf("demo-data into a seeded database: %v", err)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Synthetic() {
		t.Error("the refused run still marked the real database synthetic")
	}
	if err := run(ctx, []string{"demo-data"}, nil, &out, &out); err == nil {
		t.Error("demo-data without -db was accepted")
	}
}

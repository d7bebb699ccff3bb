package sqlite_test

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
)

// transferred are the tables ReadTables hands on. A new table fails the test
// until it is added here (or to ReadTables' exceptions), so that whoever
// adds it decides whether `directory transfer` copies it; the PostgreSQL
// side refuses a source that lacks one of its tables.
var transferred = []string{
	"areas", "service_types", "organisations", "services", "service_stages", "service_audiences",
	"service_access", "service_interventions", "service_areas", "indicators", "indicator_values",
	"glossary_terms", "references", "users", "audit_log", "coverage_cells", "places", "area_tiles",
	"baselines", "meta", "demand_daily", "area_successions", "recommendations", "gap_actions", "suggestions",
	"held_services", "outbox", "feeds", "feed_runs", "service_notes", "watches", "watch_digests", "user_organisations", "proposals", "service_owners", "review_reminders",
}

func TestReadTablesReadsEveryTableParentsFirstInOneSnapshot(t *testing.T) {
	ctx := context.Background()
	db := sqlitetest.Seeded(t)
	raw, err := sql.Open("sqlite", "file:"+db.Path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	count := func(table string) int64 {
		t.Helper()
		var n int64
		if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM "`+table+`"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	cellsBefore, auditBefore := count("coverage_cells"), count("audit_log")

	var names []string
	seen := map[string]bool{}
	err = db.ReadTables(ctx, func(tb sqlite.Table) error {
		if len(names) == 0 {
			// A write after the snapshot began is not in it.
			if _, err := db.RateCell(ctx, directory.Actor{Name: "Sam Staff"}, directory.CellChange{
				ServiceType: "home-start", Area: "poole", Rating: directory.Green, Reason: "test",
				EffectiveFrom: "2025-01-01", BasedOn: latestCell(t, db, "home-start", "poole")}); err != nil {
				t.Fatalf("rate a cell while reading: %v", err)
			}
		}
		// Each parent comes first.
		rows, err := raw.QueryContext(ctx, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, tb.Name)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var parent string
			if err := rows.Scan(&parent); err != nil {
				t.Fatal(err)
			}
			if parent != tb.Name && !seen[parent] {
				t.Errorf("%s comes before %s, which its foreign keys refer to", tb.Name, parent)
			}
		}
		rows.Close()
		seen[tb.Name] = true
		names = append(names, tb.Name)

		var n int64
		for row, err := range tb.Rows {
			if err != nil {
				return err
			}
			if len(row) != len(tb.Columns) {
				t.Errorf("%s: a row of %d values for %d columns", tb.Name, len(row), len(tb.Columns))
			}
			n++
		}
		if n != tb.Count {
			t.Errorf("%s: %d rows read, count says %d", tb.Name, n, tb.Count)
		}
		switch tb.Name {
		case "coverage_cells":
			if tb.Count != cellsBefore {
				t.Errorf("coverage_cells: %d rows in the snapshot, want the %d there when it began", tb.Count, cellsBefore)
			}
		case "audit_log":
			if tb.Count != auditBefore {
				t.Errorf("audit_log: %d rows in the snapshot, want the %d there when it began", tb.Count, auditBefore)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if count("coverage_cells") != cellsBefore+1 {
		t.Error("the rating made while reading was not written")
	}
	got, want := slices.Sorted(slices.Values(names)), slices.Sorted(slices.Values(transferred))
	if !slices.Equal(got, want) {
		t.Errorf("ReadTables read\n%v\nwant\n%v", got, want)
	}
	t.Logf("order: %v", names)
	if names[0] != "areas" {
		t.Errorf("the first table is %s, want areas", names[0])
	}
}

func latestCell(t *testing.T, db *sqlite.DB, serviceType, area string) int64 {
	t.Helper()
	h, err := db.CellHistory(context.Background(), serviceType, area)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) == 0 {
		return 0
	}
	return h[0].ID
}

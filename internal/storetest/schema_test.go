package storetest_test

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/postgres/pgtest"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/migrations"
)

// The schema parity test migrates a new SQLite file and a new PostgreSQL
// database and compares them table by table and column by column: the same
// names, the same coarse class of type, the same NOT NULL; and every index
// SQLite names exists in PostgreSQL under the same name. Only what follows
// is left out, each for its reason.

// engineTables are tables one engine has and the other has not, or has in
// a shape of its own.
var engineTables = map[string]string{
	// goose's own bookkeeping, on both, in each dialect's types.
	"goose_db_version": "both engines, in goose's types for each",
	// FTS5's table and its shadow tables; PostgreSQL keeps services.search.
	"service_search":         "SQLite's FTS5 index",
	"service_search_config":  "FTS5 shadow table",
	"service_search_content": "FTS5 shadow table",
	"service_search_data":    "FTS5 shadow table",
	"service_search_docsize": "FTS5 shadow table",
	"service_search_idx":     "FTS5 shadow table",
}

// riverTables begins the name of each of River's tables, the job queue's,
// which River's migrator makes in each engine's own shape.
const riverTables = "river_"

// engineColumns are columns one engine alone has.
var engineColumns = map[string]string{
	// The tsvector that stands for SQLite's service_search table.
	"services.search": "PostgreSQL's full-text document",
}

// engineTypes are columns both engines have in types of different classes.
var engineTypes = map[string]string{
	// Unix seconds on SQLite; a timestamptz on PostgreSQL, as scs's
	// postgresstore keeps it.
	"sessions.expiry": "integer on SQLite, timestamptz on PostgreSQL",
}

type column struct {
	class   string // integer, text, real, blob, boolean, or another type's name
	notNull bool
}

// schema is each table's columns by name.
type schema map[string]map[string]column

func TestSchemasMatch(t *testing.T) {
	ctx := context.Background()
	pg := pgtest.New(t)
	lite := sqliteSchema(t)
	post := postgresSchema(t, pg)
	if len(lite) < 20 {
		t.Fatalf("found only %d SQLite tables", len(lite))
	}

	tables := slices.Sorted(maps.Keys(lite))
	for name := range post {
		if !slices.Contains(tables, name) {
			tables = append(tables, name)
		}
	}
	slices.Sort(tables)
	for _, table := range tables {
		if _, skip := engineTables[table]; skip || strings.HasPrefix(table, riverTables) {
			continue
		}
		lc, inLite := lite[table]
		pc, inPost := post[table]
		switch {
		case !inLite:
			t.Errorf("table %s is in PostgreSQL but not SQLite", table)
			continue
		case !inPost:
			t.Errorf("table %s is in SQLite but not PostgreSQL", table)
			continue
		}
		names := slices.Sorted(maps.Keys(lc))
		for name := range pc {
			if _, ok := lc[name]; !ok {
				names = append(names, name)
			}
		}
		for _, name := range names {
			key := table + "." + name
			if _, skip := engineColumns[key]; skip {
				continue
			}
			l, inLite := lc[name]
			p, inPost := pc[name]
			switch {
			case !inLite:
				t.Errorf("column %s is in PostgreSQL (%s) but not SQLite", key, p.class)
			case !inPost:
				t.Errorf("column %s is in SQLite (%s) but not PostgreSQL", key, l.class)
			default:
				if _, skip := engineTypes[key]; !skip && l.class != p.class {
					t.Errorf("column %s is %s on SQLite but %s on PostgreSQL", key, l.class, p.class)
				}
				if l.notNull != p.notNull {
					t.Errorf("column %s: NOT NULL is %v on SQLite but %v on PostgreSQL", key, l.notNull, p.notNull)
				}
			}
		}
	}
	for key := range engineColumns {
		table, name, _ := strings.Cut(key, ".")
		if _, ok := post[table][name]; !ok {
			t.Errorf("engineColumns lists %s, which PostgreSQL does not have", key)
		}
	}

	// Every index SQLite names, PostgreSQL has under the same name, on the
	// same table.
	rows, err := pg.Pool().Query(ctx, `SELECT indexname, tablename FROM pg_indexes WHERE schemaname = 'public'`)
	if err != nil {
		t.Fatal(err)
	}
	pgIndexes := map[string]string{}
	var index, table string
	if _, err := pgx.ForEachRow(rows, []any{&index, &table}, func() error { pgIndexes[index] = table; return nil }); err != nil {
		t.Fatal(err)
	}
	for index, table := range sqliteIndexes(t) {
		if got, ok := pgIndexes[index]; !ok {
			t.Errorf("SQLite's index %s on %s is not in PostgreSQL", index, table)
		} else if got != table {
			t.Errorf("index %s is on %s in SQLite but on %s in PostgreSQL", index, table, got)
		}
	}
}

// TestMigrationsMatch checks that the two folders hold the same migrations:
// the same versions under the same names.
func TestMigrationsMatch(t *testing.T) {
	lite, err := fs.Glob(migrations.SQLite, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	post, err := fs.Glob(migrations.Postgres, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 {
		t.Fatal("no SQLite migrations")
	}
	for _, name := range lite {
		if !slices.Contains(post, name) {
			t.Errorf("SQLite's migration %s has no PostgreSQL migration of the same version and name", name)
		}
	}
	for _, name := range post {
		if !slices.Contains(lite, name) {
			t.Errorf("PostgreSQL's migration %s has no SQLite migration of the same version and name", name)
		}
	}
	versions := map[string]string{}
	for _, name := range post {
		v, _, _ := strings.Cut(name, "_")
		if other, ok := versions[v]; ok {
			t.Errorf("version %s is both %s and %s", v, other, name)
		}
		versions[v] = name
	}
}

func TestSyntheticNoticesMatch(t *testing.T) {
	if postgres.SyntheticNotice != sqlite.SyntheticNotice {
		t.Errorf("the engines' synthetic notices differ: %q and %q", postgres.SyntheticNotice, sqlite.SyntheticNotice)
	}
}

// openSQLite migrates a new SQLite file and opens it again through
// database/sql, for PRAGMAs.
func openSQLite(t *testing.T) *sql.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "schema.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func sqliteSchema(t *testing.T) schema {
	t.Helper()
	db := openSQLite(t)
	tables := queryStrings(t, db, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	out := schema{}
	for _, table := range tables {
		rows, err := db.Query(fmt.Sprintf("PRAGMA table_info(%q)", table))
		if err != nil {
			t.Fatal(err)
		}
		out[table] = map[string]column{}
		for rows.Next() {
			var (
				cid, notNull, pk int
				name, typ        string
				dflt             sql.NullString
			)
			if err := rows.Scan(&cid, &name, &typ, &notNull, &dflt, &pk); err != nil {
				t.Fatal(err)
			}
			// A primary key's columns can hold no NULL on PostgreSQL; on
			// SQLite an INTEGER PRIMARY KEY cannot either, and the schema
			// never relies on a NULL in any other key.
			out[table][name] = column{class: sqliteClass(typ), notNull: notNull == 1 || pk > 0}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return out
}

// sqliteClass is a declared type's class by SQLite's rules of affinity.
func sqliteClass(declared string) string {
	d := strings.ToUpper(declared)
	switch {
	case strings.Contains(d, "INT"):
		return "integer"
	case strings.Contains(d, "CHAR"), strings.Contains(d, "CLOB"), strings.Contains(d, "TEXT"):
		return "text"
	case d == "", strings.Contains(d, "BLOB"):
		return "blob"
	case strings.Contains(d, "REAL"), strings.Contains(d, "FLOA"), strings.Contains(d, "DOUB"):
		return "real"
	case d == "BOOLEAN":
		return "boolean"
	}
	return "numeric " + d
}

// sqliteIndexes are the indexes a migration named (not those SQLite makes
// for a key or a UNIQUE), by the table each is on.
func sqliteIndexes(t *testing.T) map[string]string {
	t.Helper()
	db := openSQLite(t)
	rows, err := db.Query(`SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, table string
		if err := rows.Scan(&name, &table); err != nil {
			t.Fatal(err)
		}
		if _, skip := engineTables[table]; !skip {
			out[name] = table
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 10 {
		t.Fatalf("found only %d SQLite indexes", len(out))
	}
	return out
}

func postgresSchema(t *testing.T, db *postgres.DB) schema {
	t.Helper()
	rows, err := db.Pool().Query(context.Background(), `
		SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable = 'NO'
		FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`)
	if err != nil {
		t.Fatal(err)
	}
	out := schema{}
	var (
		table, name, dataType, udt string
		notNull                    bool
	)
	_, err = pgx.ForEachRow(rows, []any{&table, &name, &dataType, &udt, &notNull}, func() error {
		if out[table] == nil {
			out[table] = map[string]column{}
		}
		out[table][name] = column{class: postgresClass(dataType, udt), notNull: notNull}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// postgresClass is a column type's class, as sqliteClass names them.
func postgresClass(dataType, udt string) string {
	switch dataType {
	case "smallint", "integer", "bigint":
		return "integer"
	case "text", "character varying", "character":
		return "text"
	case "double precision", "real":
		return "real"
	case "bytea":
		return "blob"
	case "boolean":
		return "boolean"
	case "USER-DEFINED":
		if udt == "citext" {
			return "text"
		}
		return udt
	}
	return dataType
}

func queryStrings(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"slices"
	"strings"
)

// Table is one table of the database as ReadTables hands it on, for copying
// into another database: its name, its columns in the order of the table's
// definition, how many rows it holds, and the rows themselves, each a slice
// of the values SQLite returns for those columns (int64, float64, string,
// []byte or nil), in the order of the table's primary key.
type Table struct {
	Name    string
	Columns []string
	Count   int64
	// Rows reads the table's rows. It may be ranged over only while the
	// function that ReadTables called with the table runs, and at most once.
	Rows iter.Seq2[[]any, error]
}

// notTransferred are the ordinary tables that ReadTables leaves out: the
// sessions of logged-in staff, which belong to the server that issued them;
// goose's record of the migrations, which the target keeps for itself; and
// the content counter, which the target moves on by its own triggers. River's
// tables (riverTablePrefix), the job queue's, stay behind too: the target's
// servers schedule their own jobs.
var notTransferred = map[string]bool{
	"sessions":         true,
	"goose_db_version": true,
	"content_version":  true,
}

// ReadTables calls fn with every ordinary table of the database, one after
// another, parents before the tables whose foreign keys refer to them, all
// read in one read transaction, so that together they are one consistent
// snapshot however much the directory is written to meanwhile. It leaves out
// SQLite's own tables, the full-text index (a virtual table and its shadow
// tables, which the target builds for itself), sessions, goose's version
// table and the content counter. It stops at fn's first error and returns it.
func (db *DB) ReadTables(ctx context.Context, fn func(Table) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin reading the tables: %w", err)
	}
	defer tx.Rollback()
	names, err := transferOrder(ctx, tx)
	if err != nil {
		return err
	}
	for _, name := range names {
		t, err := readTable(ctx, tx, name)
		if err != nil {
			return err
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return nil
}

// transferOrder lists the tables ReadTables reads, in the order it reads
// them: each table after every other table its foreign keys refer to (a
// table that refers to itself, as areas do, needs only itself), and
// otherwise in the order the migrations created them.
func transferOrder(ctx context.Context, tx *sql.Tx) ([]string, error) {
	// The first read begins the transaction's snapshot.
	rows, err := tx.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid`)
	if err != nil {
		return nil, fmt.Errorf("list the tables: %w", err)
	}
	created, err := scanAllRows(rows, func(rows *sql.Rows) (string, error) {
		var name string
		return name, rows.Scan(&name)
	})
	if err != nil {
		return nil, fmt.Errorf("list the tables: %w", err)
	}
	// table_list tells ordinary tables from virtual tables and the shadow
	// tables that hold a virtual table's data.
	rows, err = tx.QueryContext(ctx, `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'`)
	if err != nil {
		return nil, fmt.Errorf("list the tables: %w", err)
	}
	ordinary, err := scanAllRows(rows, func(rows *sql.Rows) (string, error) {
		var name string
		return name, rows.Scan(&name)
	})
	if err != nil {
		return nil, fmt.Errorf("list the tables: %w", err)
	}
	var tables []string
	for _, name := range created {
		if slices.Contains(ordinary, name) && !strings.HasPrefix(name, "sqlite_") && !notTransferred[name] && !strings.HasPrefix(name, riverTablePrefix) {
			tables = append(tables, name)
		}
	}
	parents := map[string][]string{}
	for _, name := range tables {
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, name)
		if err != nil {
			return nil, fmt.Errorf("read the foreign keys of %s: %w", name, err)
		}
		refs, err := scanAllRows(rows, func(rows *sql.Rows) (string, error) {
			var parent string
			return parent, rows.Scan(&parent)
		})
		if err != nil {
			return nil, fmt.Errorf("read the foreign keys of %s: %w", name, err)
		}
		for _, parent := range refs {
			if parent == name {
				continue
			}
			if !slices.Contains(tables, parent) {
				return nil, fmt.Errorf("table %s refers to %s, which is not copied", name, parent)
			}
			parents[name] = append(parents[name], parent)
		}
	}
	return sortParentsFirst(tables, parents)
}

// sortParentsFirst orders tables so that each comes after all its parents,
// and otherwise keeps their order: at each step it takes the first table
// whose parents have all been taken.
func sortParentsFirst(tables []string, parents map[string][]string) ([]string, error) {
	done := map[string]bool{}
	var out []string
	for len(out) < len(tables) {
		found := false
		for _, name := range tables {
			if done[name] {
				continue
			}
			ready := true
			for _, p := range parents[name] {
				if !done[p] {
					ready = false
					break
				}
			}
			if ready {
				done[name] = true
				out = append(out, name)
				found = true
				break
			}
		}
		if !found {
			var left []string
			for _, name := range tables {
				if !done[name] {
					left = append(left, name)
				}
			}
			return nil, fmt.Errorf("the foreign keys of %s refer to each other in a cycle", strings.Join(left, ", "))
		}
	}
	return out, nil
}

// readTable describes one table and counts its rows, and returns it with
// the iterator that reads them.
func readTable(ctx context.Context, tx *sql.Tx, name string) (Table, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`, name)
	if err != nil {
		return Table{}, fmt.Errorf("read the columns of %s: %w", name, err)
	}
	type column struct {
		name string
		pk   int
	}
	cols, err := scanAllRows(rows, func(rows *sql.Rows) (column, error) {
		var c column
		return c, rows.Scan(&c.name, &c.pk)
	})
	if err != nil {
		return Table{}, fmt.Errorf("read the columns of %s: %w", name, err)
	}
	if len(cols) == 0 {
		return Table{}, fmt.Errorf("table %s has no columns", name)
	}
	t := Table{Name: name}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		t.Columns = append(t.Columns, c.name)
		quoted[i] = quoteSQLName(c.name)
	}
	// The primary key's columns, in the key's order.
	var key []string
	for n := 1; ; n++ {
		i := slices.IndexFunc(cols, func(c column) bool { return c.pk == n })
		if i < 0 {
			break
		}
		key = append(key, quoted[i])
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteSQLName(name)).Scan(&t.Count); err != nil {
		return Table{}, fmt.Errorf("count the rows of %s: %w", name, err)
	}
	query := `SELECT ` + strings.Join(quoted, ", ") + ` FROM ` + quoteSQLName(name)
	if len(key) > 0 {
		query += ` ORDER BY ` + strings.Join(key, ", ")
	}
	t.Rows = func(yield func([]any, error) bool) {
		rows, err := tx.QueryContext(ctx, query)
		if err != nil {
			yield(nil, fmt.Errorf("read %s: %w", name, err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			values := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range values {
				ptrs[i] = &values[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				yield(nil, fmt.Errorf("read %s: %w", name, err))
				return
			}
			if !yield(values, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(nil, fmt.Errorf("read %s: %w", name, err))
		}
	}
	return t, nil
}

// scanAllRows reads every row with scan and closes rows.
func scanAllRows[T any](rows *sql.Rows, scan func(*sql.Rows) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// quoteSQLName quotes a table or column name for SQL ("references" is a
// keyword).
func quoteSQLName(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

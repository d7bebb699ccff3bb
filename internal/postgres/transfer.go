package postgres

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Table is one table to copy into the database, as another store hands it
// on (sqlite.DB.ReadTables): its name and columns, which must be the
// database's own (the schemas mirror each other), how many rows the source
// counted, and the rows, each a slice of values in the order of Columns.
type Table struct {
	Name    string
	Columns []string
	Count   int64
	// Rows yields each row, or an error that ends the copy.
	Rows iter.Seq2[[]any, error]
}

// Copied is how many rows WriteTables copied into one table.
type Copied struct {
	Table string
	Rows  int64
}

// ErrNotEmpty is the error WriteTables returns, wrapped with the tables and
// their row counts, when the database already holds data.
var ErrNotEmpty = errors.New("the database already holds data")

// notTransferred are the tables WriteTables neither fills nor asks to be
// empty: sessions, which belong to the server that issued them; goose's
// record of the migrations; and the content counter, which the triggers move
// on as the rows arrive. River's tables (riverTablePrefix), the job queue's,
// are left alone too: each database's servers schedule their own jobs.
var notTransferred = map[string]bool{
	"sessions":         true,
	"goose_db_version": true,
	"content_version":  true,
}

// targetTable is a table of the database as WriteTables fills it.
type targetTable struct {
	name     string
	types    map[string]string // each column's type, by pg_type.typname
	serial   []string          // the columns an identity or serial sequence numbers
	expected int64             // rows the source counted, once copied
	copied   bool
}

// WriteTables copies a whole directory into this database, which must hold
// no data yet, in one transaction: all of it lands or none of it does. source
// is called once, and calls put with each table in turn, parents before the
// tables whose foreign keys refer to them; progress, when not nil, is told
// of each table once it is copied.
//
// It refuses, with an error wrapping ErrNotEmpty and writing nothing, a
// database in which any table but sessions already has a row, and it holds
// every table locked against other writers (though not readers) until it
// commits, so that nothing is written beside the copy. Every table of the
// database must come from the source, and every column the source gives must
// be one of the table's; columns the source lacks take their defaults (the
// search document of services, which the triggers write). Values are
// converted where the types differ (an integer into a boolean, text into
// bytea, and so on), rows go in with COPY, and then each table's row count
// is checked against the source's before the transaction commits. The
// sequences behind identity columns are moved past the highest id copied, so
// that the next record added gets a new one, and the content version ends
// above zero, so that every server's page cache refreshes.
func (db *DB) WriteTables(ctx context.Context, source func(put func(Table) error) error, progress func(Copied)) ([]Copied, error) {
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin the copy: %w", err)
	}
	defer tx.Rollback(ctx)

	targets, order, err := transferTargets(ctx, tx)
	if err != nil {
		return nil, err
	}
	if err := lockAndCheckEmpty(ctx, tx, order); err != nil {
		return nil, err
	}

	var copied []Copied
	err = source(func(t Table) error {
		tt, ok := targets[t.Name]
		if !ok {
			return fmt.Errorf("the source has a table %s that this database lacks", t.Name)
		}
		if tt.copied {
			return fmt.Errorf("the source gave table %s twice", t.Name)
		}
		n, err := copyTable(ctx, tx, tt, t)
		if err != nil {
			return err
		}
		tt.copied, tt.expected = true, t.Count
		c := Copied{Table: t.Name, Rows: n}
		copied = append(copied, c)
		if progress != nil {
			progress(c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, name := range order {
		if !targets[name].copied {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("the source has no table %s, which this database has", strings.Join(missing, ", "))
	}

	for _, name := range order {
		tt := targets[name]
		var n int64
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM `+pgx.Identifier{name}.Sanitize()).Scan(&n); err != nil {
			return nil, fmt.Errorf("count the rows of %s: %w", name, err)
		}
		if n != tt.expected {
			return nil, fmt.Errorf("check the copy: %s holds %d rows, the source %d", name, n, tt.expected)
		}
		for _, col := range tt.serial {
			if _, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), max(`+pgx.Identifier{col}.Sanitize()+`))
				FROM `+pgx.Identifier{name}.Sanitize()+` HAVING max(`+pgx.Identifier{col}.Sanitize()+`) IS NOT NULL`,
				pgx.Identifier{name}.Sanitize(), col); err != nil {
				return nil, fmt.Errorf("move the sequence of %s.%s past the copied ids: %w", name, col, err)
			}
		}
	}
	// The triggers have moved the content version on unless nothing public
	// was copied.
	if _, err := tx.Exec(ctx, `WITH bumped AS (
			UPDATE content_version SET n = n + 1 WHERE id = 1 AND n = 0 RETURNING n)
		SELECT pg_notify($1, n::text) FROM bumped`, ContentChannel); err != nil {
		return nil, fmt.Errorf("move the content version on: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("commit the copy: %w", err)
	}
	if err := db.readMeta(ctx); err != nil {
		return copied, err
	}
	return copied, nil
}

// transferTargets reads the tables WriteTables fills (every ordinary table of
// the current schema but notTransferred), with their columns' types and
// sequences, and returns them by name and in order of name.
func transferTargets(ctx context.Context, tx pgx.Tx) (map[string]*targetTable, []string, error) {
	rows, err := tx.Query(ctx, `
		SELECT c.relname, a.attname, t.typname,
		       pg_get_serial_sequence(c.oid::regclass::text, a.attname) IS NOT NULL
		FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		JOIN pg_type t ON t.oid = a.atttypid
		WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
		ORDER BY c.relname, a.attnum`)
	if err != nil {
		return nil, nil, fmt.Errorf("read the tables: %w", err)
	}
	defer rows.Close()
	targets := map[string]*targetTable{}
	var order []string
	for rows.Next() {
		var table, column, typ string
		var serial bool
		if err := rows.Scan(&table, &column, &typ, &serial); err != nil {
			return nil, nil, fmt.Errorf("read the tables: %w", err)
		}
		if notTransferred[table] || strings.HasPrefix(table, riverTablePrefix) {
			continue
		}
		tt := targets[table]
		if tt == nil {
			tt = &targetTable{name: table, types: map[string]string{}}
			targets[table] = tt
			order = append(order, table)
		}
		tt.types[column] = typ
		if serial {
			tt.serial = append(tt.serial, column)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read the tables: %w", err)
	}
	if len(order) == 0 {
		return nil, nil, errors.New("the database has no tables: it is not migrated")
	}
	return targets, order, nil
}

// lockAndCheckEmpty locks the tables against other writers until the
// transaction ends (a second copy waits here too) and then refuses them if
// any holds a row, naming the first few that do.
func lockAndCheckEmpty(ctx context.Context, tx pgx.Tx, tables []string) error {
	quoted := make([]string, len(tables))
	for i, name := range tables {
		quoted[i] = pgx.Identifier{name}.Sanitize()
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE `+strings.Join(quoted, ", ")+` IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return fmt.Errorf("lock the tables: %w", err)
	}
	var held []string
	for i, name := range tables {
		var n int64
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM `+quoted[i]).Scan(&n); err != nil {
			return fmt.Errorf("count the rows of %s: %w", name, err)
		}
		if n > 0 {
			held = append(held, fmt.Sprintf("%s: %s", name, rowCount(n)))
		}
	}
	switch {
	case len(held) > 3:
		return fmt.Errorf("%w (%s and %d more tables)", ErrNotEmpty, strings.Join(held[:3], ", "), len(held)-3)
	case len(held) > 0:
		return fmt.Errorf("%w (%s)", ErrNotEmpty, strings.Join(held, ", "))
	}
	return nil
}

// rowCount says "1 row" or "N rows".
func rowCount(n int64) string {
	if n == 1 {
		return "1 row"
	}
	return strconv.FormatInt(n, 10) + " rows"
}

// copyTable copies one source table into its target with COPY, converting
// each value to its column's type, and returns how many rows went in.
func copyTable(ctx context.Context, tx pgx.Tx, tt *targetTable, t Table) (int64, error) {
	conv := make([]converter, len(t.Columns))
	for i, col := range t.Columns {
		typ, ok := tt.types[col]
		if !ok {
			return 0, fmt.Errorf("the source's table %s has a column %s that this database's lacks", t.Name, col)
		}
		conv[i] = converterFor(typ)
	}
	next, stop := iter.Pull2(t.Rows)
	defer stop()
	src := &copySource{table: t.Name, columns: t.Columns, conv: conv, next: next}
	n, err := tx.CopyFrom(ctx, pgx.Identifier{t.Name}, t.Columns, src)
	if err != nil {
		return 0, fmt.Errorf("copy %s: %w", t.Name, err)
	}
	if n != t.Count {
		return 0, fmt.Errorf("copy %s: %d rows copied, the source counted %d", t.Name, n, t.Count)
	}
	return n, nil
}

// copySource is a table's rows as pgx.CopyFrom reads them, converted.
type copySource struct {
	table   string
	columns []string
	conv    []converter
	next    func() ([]any, error, bool)
	row     []any
	n       int64
	err     error
}

func (s *copySource) Next() bool {
	if s.err != nil {
		return false
	}
	row, err, ok := s.next()
	if !ok {
		return false
	}
	if err != nil {
		s.err = err
		return false
	}
	if len(row) != len(s.conv) {
		s.err = fmt.Errorf("copy %s: a row of %d values for %d columns", s.table, len(row), len(s.conv))
		return false
	}
	s.n++
	out := make([]any, len(row))
	for i, v := range row {
		if out[i], err = s.conv[i](v); err != nil {
			s.err = fmt.Errorf("copy %s: row %d, column %s: %w", s.table, s.n, s.columns[i], err)
			return false
		}
	}
	s.row = out
	return true
}

func (s *copySource) Values() ([]any, error) { return s.row, nil }

func (s *copySource) Err() error { return s.err }

// A converter turns a value another database gave into one for a column of
// this database.
type converter func(any) (any, error)

// converterFor returns the converter for a column of the type typ (its
// pg_type.typname). The values that SQLite gives are int64, float64, string,
// []byte and nil; other types, and other values, pass through to pgx as they
// are.
func converterFor(typ string) converter {
	switch typ {
	case "int8", "int4", "int2":
		return toInteger
	case "float8", "float4", "numeric":
		return toFloat
	case "bool":
		return toBool
	case "text", "varchar", "bpchar", "citext", "name":
		return toText
	case "bytea":
		return toBytes
	}
	return func(v any) (any, error) { return v, nil }
}

func toInteger(v any) (any, error) {
	switch v := v.(type) {
	case float64:
		if v != math.Trunc(v) || math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, fmt.Errorf("%v is not a whole number", v)
		}
		return int64(v), nil
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", v)
		}
		return n, nil
	case bool:
		if v {
			return int64(1), nil
		}
		return int64(0), nil
	}
	return v, nil
}

func toFloat(v any) (any, error) {
	switch v := v.(type) {
	case int64:
		return float64(v), nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", v)
		}
		return f, nil
	}
	return v, nil
}

func toBool(v any) (any, error) {
	switch v := v.(type) {
	case int64:
		return v != 0, nil
	case float64:
		return v != 0, nil
	case string:
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false", v)
		}
		return b, nil
	}
	return v, nil
}

func toText(v any) (any, error) {
	switch v := v.(type) {
	case []byte:
		return string(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), nil
	}
	return v, nil
}

func toBytes(v any) (any, error) {
	if s, ok := v.(string); ok {
		return []byte(s), nil
	}
	return v, nil
}

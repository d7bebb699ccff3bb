package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/sqlite"
)

// transferCommand copies the whole SQLite directory that -db names into an
// empty PostgreSQL database, in one transaction: every table but sessions,
// ids, history and the audit log as they are. It prints a line for each
// table as it is copied, and refuses a database that already holds data.
func transferCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("transfer", flag.ContinueOnError)
	store := addStoreFlags(fl)
	to := fl.String("to", "", "the empty PostgreSQL database to copy into (a postgres:// URL)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("transfer: unexpected %q; give the database to copy into with -to", fl.Arg(0))
	}
	if *to == "" {
		return errors.New("transfer: give the empty PostgreSQL database to copy into with -to, for example: " +
			"directory transfer -db data/directory.db -to postgres://directory@localhost/directory")
	}
	path := *store.path
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("transfer: no SQLite database at %s (give its path with -db): %w", path, err)
	}
	target := redactConnString(*to)
	src, err := sqlite.Open(ctx, path)
	if err != nil {
		return fmt.Errorf("transfer: %w", err)
	}
	defer src.Close()
	dst, err := postgres.Open(ctx, *to)
	if err != nil {
		return fmt.Errorf("transfer: %s: %w", target, err)
	}
	defer dst.Close()

	fmt.Fprintf(stdout, "Copying %s into %s, in one transaction.\n", path, target)
	start := time.Now()
	var rows int64
	copied, err := dst.WriteTables(ctx, func(put func(postgres.Table) error) error {
		return src.ReadTables(ctx, func(t sqlite.Table) error {
			return put(postgres.Table{Name: t.Name, Columns: t.Columns, Count: t.Count, Rows: t.Rows})
		})
	}, func(c postgres.Copied) {
		rows += c.Rows
		fmt.Fprintf(stdout, "%s: %s\n", c.Table, plural(c.Rows, "row"))
	})
	if errors.Is(err, postgres.ErrNotEmpty) {
		return fmt.Errorf("transfer: %s: %w; nothing was copied. transfer copies into an empty database only: "+
			"create a new one (createdb) and give its URL with -to", target, err)
	}
	if err != nil {
		return fmt.Errorf("transfer: %w; nothing was copied", err)
	}
	fmt.Fprintf(stdout, "Copied %s in %s from %s into %s in %s; every table's row count checked.\n",
		plural(rows, "row"), plural(int64(len(copied)), "table"), path, target, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(stdout, "Now serve it with DATABASE_URL='%s' make run\n", target)
	if target != *to {
		fmt.Fprintln(stdout, "(with the password in place of xxxxx)")
	}
	return nil
}

// plural says "1 row" or "N rows".
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

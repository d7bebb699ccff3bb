// Command directory runs the Wessex parent-infant services directory.
//
// Usage:
//
//	directory serve [-addr 127.0.0.1:8080] [-db data/directory.db] [-seeds DIR] [-oruk-schemas DIR]
//	directory seed  [-db data/directory.db] [-seeds DIR]
//	directory user  add|list|disable|enable [-db data/directory.db] ...
//	directory backup [-db data/directory.db] NEWFILE
//	directory restore [-db data/directory.db] BACKUP
//	directory import oruk [-dry-run] [-oruk-schemas DIR] [-db data/directory.db] SOURCE
//	directory import csv  [-dry-run] [-db data/directory.db] FILE
//	directory export services|coverage|indicators [-db data/directory.db] [-as-of DATE]
//	directory demo-data -db NEWFILE [-services 50000]
//	directory transfer [-db data/directory.db] -to postgres://...
//
// Every subcommand reads the database path from -db or the DB environment
// variable, and serve reads its address from -addr or ADDR. Every subcommand
// but demo-data runs on PostgreSQL instead when given -database-url or the
// DATABASE_URL environment variable (restore then says to use pg_restore).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/seeds"
)

const usage = `directory runs the Wessex parent-infant services directory.

Usage:
  directory serve [-addr ADDR] [-db PATH] [-seeds DIR] [-oruk-schemas DIR]
                                                          serve the directory; a new database is migrated and seeded
  directory seed  [-db PATH] [-seeds DIR]                load a dataset into the database (records already there are kept)
  directory user add -email EMAIL -name NAME -role admin|editor [-db PATH]
                                                          add a staff account; the password comes from standard input or a prompt
  directory user list [-db PATH]                          list staff accounts
  directory user disable -email EMAIL [-db PATH]          stop an account from logging in
  directory user enable -email EMAIL [-db PATH]           let a disabled account log in again
  directory backup [-db PATH] NEWFILE                     write a consistent copy of the database, safe while serving
  directory restore [-db PATH] BACKUP                     replace the database with a backup, safe while serving
  directory import oruk [-dry-run] [-oruk-schemas DIR] [-db PATH] SOURCE
                                                          import services from an Open Referral UK feed (a folder or an API address)
  directory import csv [-dry-run] [-db PATH] FILE         import services from a CSV file in the columns "export services" writes
  directory export services|coverage|indicators [-db PATH] [-as-of DATE]
                                                          write a table as CSV to standard output
  directory demo-data -db NEWFILE [-services N]          write a synthetic England (marked synthetic everywhere) into a new database, for load tests
  directory transfer [-db PATH] -to URL                  copy the whole SQLite database into an empty PostgreSQL database (a postgres:// URL)

Every subcommand but demo-data takes -database-url URL to use a PostgreSQL
database instead of the SQLite file; it wins over -db, and no file is touched.

Environment:
  ADDR   address to listen on (default 127.0.0.1:8080)
  BASE_URL  public address absolute links start with (default http:// and the listening address)
  DB     database file (default data/directory.db)
  DATABASE_URL  PostgreSQL database, postgres://user:password@host:port/name (default: none,
         SQLite); when set it wins over DB
  SEEDS  dataset folder to load instead of the built-in Wessex report data
  ORUK_SCHEMAS  folder of Open Referral UK 3.0 JSON schemas that feeds are checked against
         instead of the built-in copy of the standard's (default: the built-in copy)
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "directory:", err)
		os.Exit(1)
	}
}

// run dispatches a subcommand. It is separate from main so tests can call it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no subcommand given")
	}
	switch args[0] {
	case "serve":
		out := newLogWriter(stderr)
		defer out.Close()
		return serve(ctx, args[1:], slog.New(slog.NewTextHandler(out, nil)), out)
	case "seed":
		return seedCommand(ctx, args[1:], stdout)
	case "user":
		return userCommand(ctx, args[1:], stdin, stdout)
	case "backup":
		return backupCommand(ctx, args[1:], stdout)
	case "restore":
		return restoreCommand(ctx, args[1:], stdout)
	case "import":
		return importCommand(ctx, args[1:], stdout)
	case "export":
		return exportCommand(ctx, args[1:], stdout)
	case "demo-data":
		return demoDataCommand(ctx, args[1:], stdout)
	case "transfer":
		return transferCommand(ctx, args[1:], stdout)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown subcommand %q", args[0])
}

// env returns the environment variable's value, or def when it is unset.
func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// datasetFlag adds -seeds, the folder of the dataset to load.
func datasetFlag(fl *flag.FlagSet) *string {
	return fl.String("seeds", env("SEEDS", ""), "dataset folder to load (default: the built-in Wessex report data)")
}

// dbFlag adds -db, the database file.
func dbFlag(fl *flag.FlagSet) *string {
	return fl.String("db", env("DB", "data/directory.db"), "database file")
}

// openDataset parses the dataset in dir, or the built-in Wessex one.
func openDataset(dir string) (fsys fs.FS, name string) {
	if dir == "" {
		return seeds.Wessex(), "built-in Wessex report data"
	}
	return os.DirFS(dir), dir
}

func seedCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("seed", flag.ContinueOnError)
	store, seedDir := addStoreFlags(fl), datasetFlag(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	db, err := store.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	fsys, name := openDataset(*seedDir)
	ds, err := seed.Parse(fsys)
	if err != nil {
		return fmt.Errorf("read dataset %s: %w", name, err)
	}
	res, err := db.Load(ctx, ds)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Loaded %s into %s: added %s.\n", name, store, res)
	return nil
}

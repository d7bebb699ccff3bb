package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/wessex-network/directory/internal/sqlite"
)

// backupCommand writes a consistent copy of the database to a new file. It is
// safe to run while the server is serving and staff are editing.
func backupCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("backup", flag.ContinueOnError)
	dbPath := dbFlag(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return errors.New("backup: give the path of the new copy, for example: directory backup backups/directory-2026-11-29.db")
	}
	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, fl.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Copied %s to %s.\n", *dbPath, fl.Arg(0))
	return nil
}

// restoreCommand replaces the database with a backup. It is safe to run while
// the server is serving: readers see the old database or the restored one,
// and every running server shows the restored one from its next request.
func restoreCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("restore", flag.ContinueOnError)
	dbPath := dbFlag(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return errors.New("restore: give the path of the backup, for example: directory restore backups/directory-2026-11-29.db")
	}
	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Restore(ctx, fl.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored %s from %s.\n", *dbPath, fl.Arg(0))
	return nil
}

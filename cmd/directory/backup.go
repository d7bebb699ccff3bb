package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
)

// backupCommand writes a consistent copy of the database to a new file. It is
// safe to run while the server is serving and staff are editing.
func backupCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("backup", flag.ContinueOnError)
	store := addStoreFlags(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return errors.New("backup: give the path of the new copy, for example: directory backup backups/directory-2026-11-29.db")
	}
	db, err := store.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, fl.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Copied %s to %s.\n", store, fl.Arg(0))
	return nil
}

// restorer is a store that can replace itself with a backup file: SQLite.
type restorer interface {
	Restore(ctx context.Context, path string) error
}

// restoreCommand replaces the database with a backup. It is safe to run while
// the server is serving: readers see the old database or the restored one,
// and every running server shows the restored one from its next request. It
// restores SQLite only: a PostgreSQL database is restored with pg_restore,
// which the error on PostgreSQL says how to run.
func restoreCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("restore", flag.ContinueOnError)
	store := addStoreFlags(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if store.postgres() {
		return fmt.Errorf("restore: this command restores SQLite files only; %s is restored with PostgreSQL's pg_restore "+
			"from a copy that directory backup made (pg_dump's custom format), for example: "+
			"pg_restore --clean --if-exists --no-owner -d \"$DATABASE_URL\" BACKUP; then restart every server, "+
			"since their page caches do not hear of a restore", store)
	}
	if fl.NArg() != 1 {
		return errors.New("restore: give the path of the backup, for example: directory restore backups/directory-2026-11-29.db")
	}
	db, err := store.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	file, ok := db.(restorer)
	if !ok {
		return fmt.Errorf("restore: %s cannot be restored from a file by this command", store)
	}
	if err := file.Restore(ctx, fl.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored %s from %s.\n", store, fl.Arg(0))
	return nil
}

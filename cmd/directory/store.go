package main

import (
	"context"
	"flag"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite"
)

// storeFlags are the flags every command that opens the store takes.
type storeFlags struct {
	path *string // the SQLite file
}

// addStoreFlags adds the store's flags to a command's flag set.
func addStoreFlags(fl *flag.FlagSet) storeFlags {
	return storeFlags{path: fl.String("db", env("DB", "data/directory.db"), "SQLite database file")}
}

// String names the store the flags choose, for messages and logs.
func (f storeFlags) String() string { return *f.path }

// flag is the command-line flag that names the store, for a command a
// message suggests.
func (f storeFlags) flag() string { return "-db " + *f.path }

// open opens, and migrates, the store the flags choose.
func (f storeFlags) open(ctx context.Context) (directory.Store, error) {
	return sqlite.Open(ctx, *f.path)
}

// Package migrations holds each engine's schema as goose SQL files, one
// folder per engine. Both folders carry the same version numbers, so that a
// directory at version N has the same tables and columns on either engine
// (internal/storetest's schema test holds them to it).
package migrations

import (
	"embed"
	"io/fs"
)

//go:embed sqlite/*.sql
//go:embed postgres/*.sql
var files embed.FS

// SQLite holds the SQLite migrations, applied in order of their numeric
// prefix.
var SQLite = sub("sqlite")

// Postgres holds the PostgreSQL migrations, applied in order of their
// numeric prefix. Each has the version number and name of the SQLite
// migration it stands for, and gives the same tables and columns with
// PostgreSQL's own types and features in place of SQLite's (see
// postgres/00001_schema.sql).
var Postgres = sub("postgres")

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // the folder is embedded above, so this cannot happen
	}
	return f
}

// Package migrations holds each engine's schema as goose SQL files, one
// folder per engine. Both folders carry the same version numbers, so that a
// directory at version N has the same tables and columns on either engine.
package migrations

import (
	"embed"
	"io/fs"
)

//go:embed sqlite/*.sql
var files embed.FS

// SQLite holds the SQLite migrations, applied in order of their numeric
// prefix.
var SQLite = sub("sqlite")

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // the folder is embedded above, so this cannot happen
	}
	return f
}

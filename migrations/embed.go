// Package migrations holds the database schema as goose SQL files.
package migrations

import "embed"

// FS holds every migration, applied in order of its numeric prefix.
//
//go:embed *.sql
var FS embed.FS

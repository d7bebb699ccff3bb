// Package seeds holds the facts of the 2019 report "Mapping parent-infant
// services in Wessex" as data files, one folder per dataset. A new database is
// loaded from them; another clinical network supplies a folder of its own.
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed wessex
var files embed.FS

// Wessex returns the Wessex dataset's folder.
func Wessex() fs.FS {
	sub, err := fs.Sub(files, "wessex")
	if err != nil {
		panic(err) // the folder is embedded above, so this cannot happen
	}
	return sub
}

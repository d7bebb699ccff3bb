// Package spec carries the Open Referral UK 3.0 specification inside the
// directory: the JSON schemas that every imported feed is checked against,
// and the standard's OpenAPI description. The files are the published ones,
// byte for byte (SHA256SUMS records them; README.md says where they come from
// and under what licence), and they are embedded so that the server and the
// command line check feeds with no setting and nothing beside the project.
package spec

import (
	"embed"
	"io/fs"
)

//go:embed openapi.json schema/*.json
var files embed.FS

// Schemas returns the folder of the standard's JSON schemas, NAME.json for
// each, as oruk.NewSchemas reads it.
func Schemas() fs.FS {
	sub, err := fs.Sub(files, "schema")
	if err != nil {
		// fs.Sub fails only for an invalid path, and "schema" is valid.
		panic(err)
	}
	return sub
}

// OpenAPI returns the standard's OpenAPI description of an Open Referral UK
// 3.0 API: its paths, their parameters and the schema of each response.
func OpenAPI() []byte {
	b, err := files.ReadFile("openapi.json")
	if err != nil {
		// The file is embedded by the directive above, so it is always there.
		panic(err)
	}
	return b
}

// Files returns every embedded file, by its path below this folder, such as
// "openapi.json" and "schema/service.json", so their checksums can be checked.
func Files() fs.FS { return files }

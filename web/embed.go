// Package web holds the directory's pages and components, written in templ,
// and its static files. Components only render: handlers fetch the data.
package web

import "embed"

// Static holds the files served under /assets/. The NHS.UK frontend's compiled
// CSS, JavaScript and images are copied into static/nhsuk and static/images by
// `make assets`; they are not committed.
//
//go:embed static
var Static embed.FS

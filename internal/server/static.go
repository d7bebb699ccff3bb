package server

import (
	"io/fs"
	"net/http"
	"strings"

	"github.com/wessex-network/directory/web"
)

// staticFiles serves the embedded static folder under /assets/. Directory
// listings are refused.
func staticFiles() http.Handler {
	sub, err := fs.Sub(web.Static, "static")
	if err != nil {
		panic(err) // the folder is embedded, so this cannot happen
	}
	files := http.StripPrefix("/assets/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

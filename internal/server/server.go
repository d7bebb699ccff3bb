// Package server serves the directory over HTTP: public pages rendered with
// templ, CSV and JSON downloads, and health checks. Every route is registered
// in routes.go.
package server

import (
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/sqlite"
)

// Server holds what the handlers share.
type Server struct {
	db     *sqlite.DB
	log    *slog.Logger
	router chi.Router
}

// New builds a server over an open database.
func New(db *sqlite.DB, log *slog.Logger) *Server {
	if log == nil {
		log = slog.Default()
	}
	s := &Server{db: db, log: log}
	s.router = s.routes()
	return s
}

// ServeHTTP lets the server be used as an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.router.ServeHTTP(w, r)
}

package server

import (
	"bytes"
	"net/http"

	"github.com/wessex-network/directory/internal/csvdata"
	"github.com/wessex-network/directory/web"
)

func (s *Server) coveragePage(w http.ResponseWriter, r *http.Request) {
	m, err := s.db.Matrix(r.Context(), r.URL.Query().Get("as_of"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cm, err := s.coverageMap(r.Context(), "coverage-map", m, r.URL.Query().Get("type"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	baselines, err := s.db.Baselines(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.Coverage(web.CoverageView{Matrix: m, Map: cm, Baselines: baselines}))
}

// coverageCSV writes the matrix as CSV, one row per cell.
func (s *Server) coverageCSV(w http.ResponseWriter, r *http.Request) {
	m, err := s.db.Matrix(r.Context(), r.URL.Query().Get("as_of"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeCSV(w, r, "coverage-"+m.AsOf+".csv", func(b *bytes.Buffer) error { return csvdata.WriteCoverage(b, m) })
}

package server

import (
	"bytes"
	"net/http"

	"github.com/wessex-network/directory/internal/csvdata"
	"github.com/wessex-network/directory/internal/directory"
)

// writeCSV sends a CSV download. It writes into a buffer first, so a failure
// part-way gives an error page rather than half a file.
func (s *Server) writeCSV(w http.ResponseWriter, r *http.Request, filename string, write func(*bytes.Buffer) error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		s.fail(w, r, err)
		return
	}
	if s.db.Synthetic() {
		filename = "synthetic-" + filename // so nobody mistakes test data for real services
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	w.Write(buf.Bytes())
}

// servicesCSV writes the active services, one row per service, in the columns
// a CSV import reads.
func (s *Server) servicesCSV(w http.ResponseWriter, r *http.Request) {
	services, err := s.db.Services(r.Context(), directory.ServiceFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeCSV(w, r, "services.csv", func(b *bytes.Buffer) error { return csvdata.WriteServices(b, services) })
}

// indicatorsCSV writes one row per indicator value.
func (s *Server) indicatorsCSV(w http.ResponseWriter, r *http.Request) {
	indicators, err := s.db.Indicators(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeCSV(w, r, "indicators.csv", func(b *bytes.Buffer) error { return csvdata.WriteIndicators(b, indicators) })
}

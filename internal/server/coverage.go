package server

import (
	"encoding/csv"
	"net/http"
	"strings"

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
	s.render(w, r, http.StatusOK, web.Coverage(web.CoverageView{Matrix: m, Map: cm}))
}

// coverageCSV writes the matrix as CSV, one row per cell.
func (s *Server) coverageCSV(w http.ResponseWriter, r *http.Request) {
	m, err := s.db.Matrix(r.Context(), r.URL.Query().Get("as_of"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	names := map[string]string{}
	codes := map[string]string{}
	for _, t := range m.ServiceTypes {
		names["type:"+t.Slug] = t.Name
	}
	for _, a := range m.Areas {
		names["area:"+a.Slug] = a.Name
		codes[a.Slug] = a.Code
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	name := "coverage-" + m.AsOf + ".csv"
	if s.db.Synthetic() {
		name = "synthetic-" + name
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	cw := csv.NewWriter(w)
	cw.Write([]string{"service_type", "service_type_name", "area", "area_name", "area_code", "rating", "rating_in_words", "note", "source", "effective_from"})
	for _, c := range m.Cells {
		cw.Write(safeCSV(c.ServiceType, names["type:"+c.ServiceType], c.Area, names["area:"+c.Area], codes[c.Area],
			string(c.Rating), c.Rating.Label(), c.Note, c.Source, c.EffectiveFrom))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		s.log.Error("write coverage csv", "error", err)
	}
}

// safeCSV defuses fields that a spreadsheet would run as a formula, by
// putting an apostrophe before a leading =, +, -, @, tab or carriage return.
func safeCSV(fields ...string) []string {
	for i, f := range fields {
		if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) {
			fields[i] = "'" + f
		}
	}
	return fields
}

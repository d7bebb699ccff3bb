package server

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/wessex-network/directory/internal/csvdata"
	"github.com/wessex-network/directory/web"
)

// actionsPage lists every action on a gap, by area and by recommendation.
func (s *Server) actionsPage(w http.ResponseWriter, r *http.Request) {
	actions, err := s.db.Actions(r.Context(), "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	recs, err := s.db.Recommendations(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.Actions(web.ActionsView{Actions: actions, Recommendations: recs, Today: s.today()}))
}

// actionsCSV writes every action on a gap, one row each, with whether it is
// overdue today.
func (s *Server) actionsCSV(w http.ResponseWriter, r *http.Request) {
	actions, err := s.db.Actions(r.Context(), "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	today := s.today()
	s.writeCSV(w, r, "actions-"+today+".csv", func(b *bytes.Buffer) error {
		cw := csv.NewWriter(b)
		cw.Write([]string{"id", "area", "area_name", "service_type", "service_type_name", "what", "lead", "due", "status",
			"recommendation", "overdue", "updated_at"})
		for _, a := range actions {
			// Safe keeps a spreadsheet from running what staff typed as a formula.
			cw.Write(csvdata.Safe(strconv.FormatInt(a.ID, 10), a.Area, a.AreaName, a.ServiceType, a.ServiceTypeName,
				a.What, a.Lead, a.Due, string(a.Status), a.Recommendation, strconv.FormatBool(a.Overdue(today)), a.UpdatedAt))
		}
		cw.Flush()
		return cw.Error()
	})
}

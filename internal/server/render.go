package server

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/a-h/templ"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// render writes a page with a status. It renders into a buffer first, so a
// failure part-way gives a clean 500 page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page templ.Component) {
	var buf bytes.Buffer
	if err := page.Render(r.Context(), &buf); err != nil {
		s.log.Error("render page", "path", r.URL.Path, "error", err)
		http.Error(w, "Sorry, there is a problem with the service.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// writeJSON writes v as indented JSON.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	body, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		s.log.Error("encode json", "path", r.URL.Path, "error", err)
		http.Error(w, `{"error":"internal error"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

// writeJSONError writes an error as JSON, with the status its code calls for.
func (s *Server) writeJSONError(w http.ResponseWriter, r *http.Request, err error) {
	status := statusFor(directory.ErrorCode(err))
	if status == http.StatusInternalServerError {
		s.log.Error("internal error", "path", r.URL.Path, "error", err)
	}
	s.writeJSON(w, r, status, map[string]string{"error": directory.ErrorMessage(err)})
}

// conflict renders the page that says someone else saved first, with a 409:
// title names what was being edited, stored and submitted are the fields of
// the version saved meanwhile and of the one sent, and editHref is where to
// start again from the stored one. It is the one way an edit's conflict is
// shown.
func (s *Server) conflict(w http.ResponseWriter, r *http.Request, title string, stored, submitted []directory.FieldValue, editHref string) {
	u, _ := currentUser(r.Context())
	s.render(w, r, http.StatusConflict, web.ConflictPage(web.ConflictView{
		User: u, Title: title, Rows: web.ConflictRows(stored, submitted), EditHref: editHref,
	}))
}

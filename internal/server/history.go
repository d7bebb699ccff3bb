package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// record is anything the audit log keeps a snapshot of and can show as fields.
type record interface {
	Fields() []directory.FieldValue
}

// versions reads the record before and after an audited change, as fields.
// T is the record's type, such as directory.Service.
func versions[T record](e directory.AuditEntry) (before, after []directory.FieldValue, err error) {
	decode := func(raw string) ([]directory.FieldValue, error) {
		if raw == "" {
			return nil, nil
		}
		var v T
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			return nil, fmt.Errorf("read the version saved in change %d: %w", e.ID, err)
		}
		return v.Fields(), nil
	}
	if before, err = decode(e.Before); err != nil {
		return nil, nil, err
	}
	after, err = decode(e.After)
	return before, after, err
}

// renderHistory renders the history page of one record: its audit records,
// newest first, each with the fields it altered. An entry may be restored
// when the version it saved differs from current, and the oldest change
// whose "before" differs from current offers the version first loaded,
// which no entry saved after its change. T is the record's type, such as
// directory.Service; v carries what the page says about the record.
func renderHistory[T record](s *Server, w http.ResponseWriter, r *http.Request, entity, key string, current T, v web.HistoryView) {
	entries, err := s.db.History(r.Context(), entity, key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.User, _ = currentUser(r.Context())
	now := current.Fields()
	for _, e := range entries {
		before, after, err := versions[T](e)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		h := web.HistoryEntry{Entry: e, Changes: directory.Diff(before, after)}
		h.Restorable = e.After != "" && len(directory.Diff(after, now)) > 0
		v.Entries = append(v.Entries, h)
		if e.Before != "" && len(directory.Diff(before, now)) > 0 {
			v.Original = e.ID // the oldest entry's "before" is the first version
		}
	}
	s.render(w, r, http.StatusOK, web.RecordHistory(v))
}

// restoreFrom reads which saved version a restore form asks for: the audit
// record, and whether the version is the one before its change.
func restoreFrom(r *http.Request) (change int64, before bool) {
	change, _ = strconv.ParseInt(r.PostFormValue("change"), 10, 64)
	return change, r.PostFormValue("side") == "before"
}

// afterAction redirects to next after a one-step action on a record, such
// as a restore, or explains why it was refused: a stale version gets the 409
// page, and any other error its own page.
func (s *Server) afterAction(w http.ResponseWriter, r *http.Request, err error, next string) {
	var conflict *directory.ConflictError
	if errors.As(err, &conflict) {
		s.render(w, r, http.StatusConflict, web.ErrorPage(web.ErrorView{Status: http.StatusConflict,
			Title:   "Your change was not saved",
			Message: "Someone else changed " + storedName(conflict.Current) + " after you opened the page, so nothing was changed. Look at it again, and repeat the action if it is still right."}))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// storedName names the stored record a conflict carries.
func storedName(current any) string {
	switch c := current.(type) {
	case directory.Service:
		return c.Name
	case directory.ServiceType:
		return c.Name
	case directory.Area:
		return c.Name
	case directory.GapAction:
		return "the action on " + c.ServiceTypeName + " in " + c.AreaName
	}
	return "this record"
}

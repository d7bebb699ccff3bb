package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// actionFromForm reads the fields staff may set on an action.
func actionFromForm(r *http.Request) directory.GapAction {
	return directory.GapAction{
		What:           strings.TrimSpace(r.PostFormValue("what")),
		Lead:           strings.TrimSpace(r.PostFormValue("lead")),
		Due:            strings.TrimSpace(r.PostFormValue("due")),
		Status:         directory.ActionStatus(r.PostFormValue("status")),
		Recommendation: r.PostFormValue("recommendation"),
	}
}

// actionCell names the cell an action is recorded on, from the service
// type's and area's slugs.
func (s *Server) actionCell(r *http.Request, a *directory.GapAction) error {
	t, err := s.db.ServiceType(r.Context(), a.ServiceType)
	if err != nil {
		return err
	}
	area, err := s.db.Area(r.Context(), a.Area)
	if err != nil {
		return err
	}
	a.ServiceTypeName, a.AreaName = t.Name, area.Name
	return nil
}

// newActionPage is the form to record an action on one cell of the matrix,
// named by ?service_type and ?area.
func (s *Server) newActionPage(w http.ResponseWriter, r *http.Request) {
	a := directory.GapAction{ServiceType: r.URL.Query().Get("service_type"), Area: r.URL.Query().Get("area"), Status: directory.ActionProposed}
	if err := s.actionCell(r, &a); err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderActionForm(w, r, http.StatusOK, web.ActionFormView{New: true, Action: a})
}

// editActionPage is the form to edit an action, as stored now.
func (s *Server) editActionPage(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	a, err := s.db.Action(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderActionForm(w, r, http.StatusOK, web.ActionFormView{Action: a})
}

func (s *Server) renderActionForm(w http.ResponseWriter, r *http.Request, status int, v web.ActionFormView) {
	recs, err := s.db.Recommendations(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.User, _ = currentUser(r.Context())
	v.Recommendations = recs
	s.render(w, r, status, web.ActionForm(v))
}

// createAction records an action on a cell.
func (s *Server) createAction(w http.ResponseWriter, r *http.Request) {
	a := actionFromForm(r)
	a.ServiceType, a.Area = r.PostFormValue("service_type"), r.PostFormValue("area")
	if err := s.actionCell(r, &a); err != nil {
		s.fail(w, r, err)
		return
	}
	saved, err := s.db.CreateAction(r.Context(), actor(r), a)
	s.afterActionSave(w, r, web.ActionFormView{New: true, Action: a}, saved, err)
}

// updateAction saves an edit of an action, unless someone else saved it
// after the edit began.
func (s *Server) updateAction(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	stored, err := s.db.Action(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := actionFromForm(r)
	a.ID, a.Version = id, formVersion(r)
	a.ServiceType, a.ServiceTypeName, a.Area, a.AreaName = stored.ServiceType, stored.ServiceTypeName, stored.Area, stored.AreaName
	saved, err := s.db.UpdateAction(r.Context(), actor(r), a)
	s.afterActionSave(w, r, web.ActionFormView{Action: a}, saved, err)
}

// afterActionSave goes to the action on the public list after a save,
// shows the form again with the typed values after bad input, and shows
// both versions after a conflict.
func (s *Server) afterActionSave(w http.ResponseWriter, r *http.Request, v web.ActionFormView, saved directory.GapAction, err error) {
	var invalid *directory.ValidationError
	var conflict *directory.ConflictError
	switch {
	case err == nil:
		http.Redirect(w, r, "/actions#action-"+strconv.FormatInt(saved.ID, 10), http.StatusSeeOther)
	case errors.As(err, &invalid):
		v.Errors = invalid.Fields
		s.renderActionForm(w, r, http.StatusUnprocessableEntity, v)
	case errors.As(err, &conflict):
		stored, _ := conflict.Current.(directory.GapAction)
		s.conflict(w, r, "the action on "+stored.ServiceTypeName+" in "+stored.AreaName, stored.Fields(), v.Action.Fields(),
			"/staff/actions/"+strconv.FormatInt(stored.ID, 10)+"/edit")
	default:
		s.fail(w, r, err)
	}
}

// actionHistory lists every change to an action, newest first.
func (s *Server) actionHistory(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	a, err := s.db.Action(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key := strconv.FormatInt(a.ID, 10)
	renderHistory(s, w, r, directory.EntityAction, key, a, web.HistoryView{
		Noun: "action", Name: a.ServiceTypeName + " in " + a.AreaName, Version: a.Version,
		RestoreHref: "/staff/actions/" + key + "/restore",
		Links: []web.HistoryLink{
			{Href: "/staff/actions/" + key + "/edit", Label: "Edit"},
			{Href: "/actions", Label: "Every action on a gap"},
		},
	})
}

// restoreAction gives an action again the fields of an earlier version,
// unless someone else changed it after the history page was opened.
func (s *Server) restoreAction(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	change, before := restoreFrom(r)
	_, err := s.db.RestoreAction(r.Context(), actor(r), id, formVersion(r), change, before)
	s.afterAction(w, r, err, "/staff/actions/"+strconv.FormatInt(id, 10)+"/history")
}

// staffActionsPage lists every action on a gap, each with its edit and
// history links.
func (s *Server) staffActionsPage(w http.ResponseWriter, r *http.Request) {
	actions, err := s.db.Actions(r.Context(), "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := currentUser(r.Context())
	s.render(w, r, http.StatusOK, web.StaffActions(web.StaffActionsView{User: u, Actions: actions, Today: s.today()}))
}

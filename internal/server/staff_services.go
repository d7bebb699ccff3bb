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

func (s *Server) staffServices(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	services, err := s.db.Services(r.Context(), directory.ServiceFilter{IncludeArchived: true})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	waiting, err := s.db.HeldServices(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	held := make(map[string]bool, len(waiting))
	for _, h := range waiting {
		held[h.Service.Slug] = true
	}
	s.render(w, r, http.StatusOK, web.StaffServices(web.StaffServicesView{User: u, Services: services, Today: s.today(), Held: held}))
}

func (s *Server) staffReviewList(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r.Context())
	due, err := s.db.ServicesDueForReview(r.Context(), s.today())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.ReviewList(web.ReviewListView{User: u, Services: due, Today: s.today()}))
}

func (s *Server) newServiceForm(w http.ResponseWriter, r *http.Request) {
	s.renderServiceForm(w, r, http.StatusOK, web.ServiceFormView{New: true})
}

func (s *Server) editServiceForm(w http.ResponseWriter, r *http.Request) {
	svc, err := s.db.Service(r.Context(), chi.URLParam(r, "slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	held, err := s.heldState(r, svc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	watching, err := s.watching(r, directory.EntityService, svc.Slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.ServiceFormView{Service: svc, Held: held, Watching: watching}
	if v.Staff, err = s.db.Users(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	owners, err := s.db.ServiceOwners(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Owner = owners[svc.Slug]
	s.renderServiceForm(w, r, http.StatusOK, v)
}

// heldState says whether an import holds a service: directory.HeldWaiting
// while it waits for staff, directory.HeldRejected once they rejected it, or
// "" for a service no import holds.
func (s *Server) heldState(r *http.Request, svc directory.Service) (string, error) {
	if svc.Status != directory.StatusArchived {
		return "", nil
	}
	held, err := s.db.IsHeld(r.Context(), svc.ID)
	if err != nil || !held {
		return "", err
	}
	waiting, err := s.db.HeldServices(r.Context())
	if err != nil {
		return "", err
	}
	for _, h := range waiting {
		if h.Service.Slug == svc.Slug {
			return directory.HeldWaiting, nil
		}
	}
	return directory.HeldRejected, nil
}

// renderServiceForm fills in the form's choices and renders it.
func (s *Server) renderServiceForm(w http.ResponseWriter, r *http.Request, status int, v web.ServiceFormView) {
	ctx := r.Context()
	var err error
	v.User, _ = currentUser(ctx)
	if v.ServiceTypes, err = s.db.ServiceTypes(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if v.Organisations, err = s.db.Organisations(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if v.Areas, err = s.db.Areas(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, web.ServiceForm(v))
}

// serviceFromForm reads a service as the form submitted it.
func serviceFromForm(r *http.Request) directory.Service {
	f := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	svc := directory.Service{
		Slug: f("slug"), Name: f("name"), ServiceType: f("service_type"), Summary: f("summary"),
		Description: f("description"), Eligibility: f("eligibility"), HowToAccess: f("how_to_access"),
		Contact: directory.Contact{Phone: f("phone"), Email: f("email"), Website: f("website"),
			Address: f("address"), OpeningHours: f("opening_hours")},
		LastReviewed: f("last_reviewed"), ReviewDue: f("review_due"), Source: f("source"),
	}
	svc.Version = formVersion(r)
	if o := f("organisation"); o != "" {
		svc.Organisation = &directory.Organisation{Slug: o}
	}
	for _, line := range strings.Split(r.PostFormValue("interventions"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			svc.Interventions = append(svc.Interventions, line)
		}
	}
	for _, v := range r.PostForm["stages"] {
		svc.Stages = append(svc.Stages, directory.Stage(v))
	}
	for _, v := range r.PostForm["audiences"] {
		svc.Audiences = append(svc.Audiences, directory.Audience(v))
	}
	for _, v := range r.PostForm["access"] {
		svc.Access = append(svc.Access, directory.AccessRoute(v))
	}
	for _, a := range r.PostForm["areas"] {
		svc.Areas = append(svc.Areas, directory.ServiceArea{Area: a, Note: f("area_note_" + a)})
	}
	return svc
}

func (s *Server) createService(w http.ResponseWriter, r *http.Request) {
	svc := serviceFromForm(r)
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	created, err := s.db.CreateService(r.Context(), actor(r), svc, reason)
	if err != nil {
		s.serviceFormError(w, r, web.ServiceFormView{New: true, Service: svc, Reason: reason}, err)
		return
	}
	http.Redirect(w, r, "/services/"+created.Slug, http.StatusSeeOther)
}

func (s *Server) updateService(w http.ResponseWriter, r *http.Request) {
	svc := serviceFromForm(r)
	svc.Slug = chi.URLParam(r, "slug")
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	saved, err := s.db.UpdateService(r.Context(), actor(r), svc, reason)
	if err != nil {
		s.serviceFormError(w, r, web.ServiceFormView{Service: svc, Reason: reason}, err)
		return
	}
	http.Redirect(w, r, "/services/"+saved.Slug, http.StatusSeeOther)
}

// serviceFormError shows the form again with what was typed: with its
// problems (422), or beside the stored version when someone else saved
// first (409).
func (s *Server) serviceFormError(w http.ResponseWriter, r *http.Request, v web.ServiceFormView, err error) {
	var invalid *directory.ValidationError
	var conflict *directory.ConflictError
	switch {
	case errors.As(err, &invalid):
		v.Errors = invalid.Fields
		s.renderServiceForm(w, r, http.StatusUnprocessableEntity, v)
	case errors.As(err, &conflict):
		stored, _ := conflict.Current.(directory.Service)
		s.serviceConflict(w, r, stored, v.Service)
	default:
		s.fail(w, r, err)
	}
}

// serviceConflict renders the conflict page for a service.
func (s *Server) serviceConflict(w http.ResponseWriter, r *http.Request, stored, submitted directory.Service) {
	names, err := s.areaNames(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i, a := range submitted.Areas {
		submitted.Areas[i].AreaName = names[a.Area]
	}
	if submitted.ServiceType == stored.ServiceType {
		submitted.ServiceTypeName = stored.ServiceTypeName
	}
	if submitted.Status == "" {
		submitted.Status = stored.Status
	}
	s.conflict(w, r, stored.Name, stored.Fields(), submitted.Fields(), "/staff/services/"+stored.Slug+"/edit")
}

func (s *Server) areaNames(r *http.Request) (map[string]string, error) {
	areas, err := s.db.Areas(r.Context())
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(areas))
	for _, a := range areas {
		names[a.Slug] = a.Name
	}
	return names, nil
}

// formVersion reads the version an edit started from: the hidden "version"
// field every edit form carries. It is 0 when the field is missing or not a
// number, which no stored record has, so the store refuses the edit as a
// conflict rather than saving over a version nobody saw. It is the one way a
// form's version is read.
func formVersion(r *http.Request) int {
	v, _ := strconv.Atoi(r.PostFormValue("version"))
	return v
}

// formBasedOn reads the id of the rating a coverage edit started from: the
// hidden "based_on" field, 0 when the cell had no rating.
func formBasedOn(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PostFormValue("based_on"), 10, 64)
	return id
}

func (s *Server) setServiceStatus(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	change := statusChangeFromForm(r)
	_, err := s.db.SetServiceStatus(r.Context(), actor(r), slug, change)
	var invalid *directory.ValidationError
	if !errors.As(err, &invalid) {
		s.afterAction(w, r, err, "/staff/services/"+slug+"/edit")
		return
	}
	svc, err := s.db.Service(r.Context(), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderServiceForm(w, r, http.StatusUnprocessableEntity, web.ServiceFormView{Service: svc, StatusChange: change, StatusErrors: invalid.Fields})
}

func (s *Server) markReviewed(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	_, err := s.db.MarkReviewed(r.Context(), actor(r), slug, formVersion(r))
	back := "/staff/services"
	if r.PostFormValue("back") == "/staff/review" {
		back = "/staff/review"
	}
	s.afterAction(w, r, err, back)
}

func (s *Server) restoreService(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	change, before := restoreFrom(r)
	_, err := s.db.RestoreService(r.Context(), actor(r), slug, formVersion(r), change, before)
	s.afterAction(w, r, err, "/staff/services/"+slug+"/history")
}

func (s *Server) serviceHistory(w http.ResponseWriter, r *http.Request) {
	svc, err := s.db.Service(r.Context(), chi.URLParam(r, "slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	renderHistory(s, w, r, directory.EntityService, svc.Slug, svc, web.HistoryView{
		Noun: "service", Name: svc.Name, Version: svc.Version,
		RestoreHref: "/staff/services/" + svc.Slug + "/restore",
		Links: []web.HistoryLink{
			{Href: "/services/" + svc.Slug, Label: "Public page"},
			{Href: "/staff/services/" + svc.Slug + "/edit", Label: "Edit"},
		},
	})
}

// statusChangeFromForm reads a status change: the status, the version it
// started from, and the status's dates and message.
func statusChangeFromForm(r *http.Request) directory.StatusChange {
	return directory.StatusChange{
		Status:  r.PostFormValue("status"),
		Version: formVersion(r),
		Opens:   r.PostFormValue("opens"),
		Message: r.PostFormValue("message"),
		Reopens: r.PostFormValue("reopens"),
		Ended:   r.PostFormValue("ended"),
		Reason:  r.PostFormValue("status_reason"),
	}
}

// setServiceOwner chooses who is reminded when a service's review is due.
func (s *Server) setServiceOwner(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	owner, err := strconv.ParseInt(r.PostFormValue("owner"), 10, 64)
	if err != nil {
		owner = -1 // names no account: refused below
	}
	s.afterAction(w, r, s.db.SetServiceOwner(r.Context(), actor(r), slug, owner), "/staff/services/"+slug+"/edit")
}

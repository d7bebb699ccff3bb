package server

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// areaFormOrder is the order of the area form's fields, which the error
// summary follows.
var areaFormOrder = []string{"slug", "name", "short_name", "kind", "parent", "ons_code", "valid_from", "valid_to", "note"}

// inFormOrder sorts field errors into the order of the form's fields, since
// some are found by the store after the rest.
func inFormOrder(errs directory.FieldErrors, order []string) directory.FieldErrors {
	rank := map[string]int{}
	for i, f := range order {
		rank[f] = i
	}
	sorted := slices.Clone(errs)
	slices.SortStableFunc(sorted, func(a, b directory.FieldError) int { return rank[a.Field] - rank[b.Field] })
	return sorted
}

// newAreaPage is the form to add an area.
func (s *Server) newAreaPage(w http.ResponseWriter, r *http.Request) {
	s.renderAreaForm(w, r, http.StatusOK, web.AreaFormView{New: true})
}

// editAreaPage is the form to edit an area, as stored now.
func (s *Server) editAreaPage(w http.ResponseWriter, r *http.Request) {
	a, err := s.db.Area(r.Context(), chi.URLParam(r, "slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderAreaForm(w, r, http.StatusOK, web.AreaFormView{Area: a})
}

// renderAreaForm shows the area form, offering as parents every area but
// this one and those inside it.
func (s *Server) renderAreaForm(w http.ResponseWriter, r *http.Request, status int, v web.AreaFormView) {
	areas, err := s.db.Areas(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !v.New {
		areas = withoutDescendants(areas, v.Area.Slug)
	}
	v.User, _ = currentUser(r.Context())
	v.Parents = areas
	s.render(w, r, status, web.AreaForm(v))
}

// withoutDescendants drops an area and every area inside it, which could not
// be its parent without making a loop.
func withoutDescendants(areas []directory.Area, slug string) []directory.Area {
	inside := map[string]bool{slug: true}
	for changed := true; changed; {
		changed = false
		for _, a := range areas {
			if !inside[a.Slug] && inside[a.ParentSlug] {
				inside[a.Slug], changed = true, true
			}
		}
	}
	var out []directory.Area
	for _, a := range areas {
		if !inside[a.Slug] {
			out = append(out, a)
		}
	}
	return out
}

// areaFromForm reads the fields an admin may set.
func areaFromForm(r *http.Request) directory.Area {
	return directory.Area{
		Slug:       strings.TrimSpace(r.PostFormValue("slug")),
		Name:       strings.TrimSpace(r.PostFormValue("name")),
		ShortName:  strings.TrimSpace(r.PostFormValue("short_name")),
		Kind:       strings.TrimSpace(r.PostFormValue("kind")),
		ParentSlug: strings.TrimSpace(r.PostFormValue("parent")),
		Code:       strings.ToUpper(strings.TrimSpace(r.PostFormValue("ons_code"))),
		ValidFrom:  strings.TrimSpace(r.PostFormValue("valid_from")),
		ValidTo:    strings.TrimSpace(r.PostFormValue("valid_to")),
		Note:       strings.TrimSpace(r.PostFormValue("note")),
	}
}

// createArea adds an area after the last one.
func (s *Server) createArea(w http.ResponseWriter, r *http.Request) {
	a := areaFromForm(r)
	_, err := s.db.CreateArea(r.Context(), actor(r), a)
	s.afterAreaSave(w, r, web.AreaFormView{New: true, Area: a}, err)
}

// updateArea saves an edit of an area, unless someone else saved it after
// the edit began. The slug in the address is the one edited: it never changes.
func (s *Server) updateArea(w http.ResponseWriter, r *http.Request) {
	a := areaFromForm(r)
	a.Slug = chi.URLParam(r, "slug")
	a.Version = formVersion(r)
	_, err := s.db.UpdateArea(r.Context(), actor(r), a)
	s.afterAreaSave(w, r, web.AreaFormView{Area: a}, err)
}

// afterAreaSave goes back to the list after a save, shows the form again
// with the typed values after bad input, and shows both versions after a
// conflict.
func (s *Server) afterAreaSave(w http.ResponseWriter, r *http.Request, v web.AreaFormView, err error) {
	var invalid *directory.ValidationError
	var conflict *directory.ConflictError
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/areas", http.StatusSeeOther)
	case errors.As(err, &invalid):
		v.Errors = inFormOrder(invalid.Fields, areaFormOrder)
		s.renderAreaForm(w, r, http.StatusUnprocessableEntity, v)
	case errors.As(err, &conflict):
		stored, _ := conflict.Current.(directory.Area)
		if parent, err := s.db.Area(r.Context(), v.Area.ParentSlug); err == nil {
			v.Area.ParentName = parent.Name // compare names, as the stored side shows them
		}
		s.conflict(w, r, stored.Name, stored.Fields(), v.Area.Fields(), "/staff/areas/"+stored.Slug+"/edit")
	default:
		s.fail(w, r, err)
	}
}

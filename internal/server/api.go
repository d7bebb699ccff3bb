package server

import (
	"net/http"
)

// The JSON shapes below are a contract with outside tools (see BRIEF.md):
// change them only by adding a new version.

type apiArea struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Code string `json:"code"`
}

type apiServiceType struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type apiCell struct {
	ServiceType string `json:"service_type"`
	Area        string `json:"area"`
	Rating      string `json:"rating"`
	Note        string `json:"note"`
	Source      string `json:"source"`
	UpdatedAt   string `json:"updated_at"`
}

type apiCoverage struct {
	AsOf         string           `json:"as_of"`
	Areas        []apiArea        `json:"areas"`
	ServiceTypes []apiServiceType `json:"service_types"`
	Cells        []apiCell        `json:"cells"`
}

// apiCoverage returns the matrix as it stood on ?as_of (default today).
func (s *Server) apiCoverage(w http.ResponseWriter, r *http.Request) {
	m, err := s.db.Matrix(r.Context(), r.URL.Query().Get("as_of"))
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	out := apiCoverage{AsOf: m.AsOf, Areas: []apiArea{}, ServiceTypes: []apiServiceType{}, Cells: []apiCell{}}
	for _, a := range m.Areas {
		out.Areas = append(out.Areas, apiArea{Slug: a.Slug, Name: a.Name, Code: a.Code})
	}
	for _, t := range m.ServiceTypes {
		out.ServiceTypes = append(out.ServiceTypes, apiServiceType{Slug: t.Slug, Name: t.Name})
	}
	for _, c := range m.Cells {
		out.Cells = append(out.Cells, apiCell{
			ServiceType: c.ServiceType, Area: c.Area, Rating: string(c.Rating), Note: c.Note,
			Source: c.Source, UpdatedAt: c.EffectiveFrom + "T00:00:00Z",
		})
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

type apiIndicatorValue struct {
	Area  string   `json:"area"`
	Value *float64 `json:"value"`
	Note  string   `json:"note"`
}

type apiIndicator struct {
	Slug   string              `json:"slug"`
	Name   string              `json:"name"`
	Period string              `json:"period"`
	Values []apiIndicatorValue `json:"values"`
}

// apiIndicators returns every indicator with its values; a missing or
// suppressed value is null, with a note that says which.
func (s *Server) apiIndicators(w http.ResponseWriter, r *http.Request) {
	indicators, err := s.db.Indicators(r.Context())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	out := struct {
		Indicators []apiIndicator `json:"indicators"`
	}{Indicators: []apiIndicator{}}
	for _, ind := range indicators {
		ai := apiIndicator{Slug: ind.Slug, Name: ind.Name, Period: ind.Period, Values: []apiIndicatorValue{}}
		for _, v := range ind.Values {
			ai.Values = append(ai.Values, apiIndicatorValue{Area: v.Area, Value: v.Value, Note: v.Note})
		}
		out.Indicators = append(out.Indicators, ai)
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

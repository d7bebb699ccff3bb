package csvdata

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// Safe defuses fields that a spreadsheet would run as a formula, by putting
// an apostrophe before a leading =, +, -, @, tab or carriage return.
func Safe(fields ...string) []string {
	for i, f := range fields {
		if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) {
			fields[i] = "'" + f
		}
	}
	return fields
}

// unsafe undoes Safe for a field read back from an export.
func unsafe(f string) string {
	if len(f) > 1 && f[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(f[1])) {
		return f[1:]
	}
	return f
}

// ServiceColumns are the columns of the services CSV, in order. An import
// reads the same columns; see README.md for what each holds.
var ServiceColumns = []string{
	"uuid", "slug", "name", "service_type", "organisation", "summary", "description", "eligibility",
	"how_to_access", "stages", "audiences", "access", "interventions", "areas", "phone", "email",
	"website", "address", "opening_hours", "status", "last_reviewed", "source", "updated_at",
}

// listSep separates the items of a list in one cell: one item a line, since
// a note or an intervention's name may itself hold commas or semicolons.
const listSep = "\n"

// WriteServices writes services as CSV, one row per service.
func WriteServices(w io.Writer, services []directory.Service) error {
	cw := csv.NewWriter(w)
	cw.Write(ServiceColumns)
	for _, s := range services {
		org := ""
		if s.Organisation != nil {
			org = s.Organisation.Slug
		}
		var stages, audiences, access, areas []string
		for _, v := range s.Stages {
			stages = append(stages, string(v))
		}
		for _, v := range s.Audiences {
			audiences = append(audiences, string(v))
		}
		for _, v := range s.Access {
			access = append(access, string(v))
		}
		for _, a := range s.Areas {
			if a.Note != "" {
				areas = append(areas, a.Area+": "+a.Note)
			} else {
				areas = append(areas, a.Area)
			}
		}
		cw.Write(Safe(s.UUID, s.Slug, s.Name, s.ServiceType, org, s.Summary, s.Description, s.Eligibility,
			s.HowToAccess, strings.Join(stages, listSep), strings.Join(audiences, listSep), strings.Join(access, listSep),
			strings.Join(s.Interventions, listSep), strings.Join(areas, listSep), s.Contact.Phone, s.Contact.Email,
			s.Contact.Website, s.Contact.Address, s.Contact.OpeningHours, s.Status, s.LastReviewed, s.Source, s.UpdatedAt))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write services csv: %w", err)
	}
	return nil
}

// WriteCoverage writes the matrix as CSV, one row per cell.
func WriteCoverage(w io.Writer, m *directory.Matrix) error {
	types, areas, codes := map[string]string{}, map[string]string{}, map[string]string{}
	for _, t := range m.ServiceTypes {
		types[t.Slug] = t.Name
	}
	for _, a := range m.Areas {
		areas[a.Slug], codes[a.Slug] = a.Name, a.Code
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"service_type", "service_type_name", "area", "area_name", "area_code", "rating", "rating_in_words", "note", "source", "effective_from"})
	for _, c := range m.Cells {
		cw.Write(Safe(c.ServiceType, types[c.ServiceType], c.Area, areas[c.Area], codes[c.Area],
			string(c.Rating), c.Rating.Label(), c.Note, c.Source, c.EffectiveFrom))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write coverage csv: %w", err)
	}
	return nil
}

// WriteIndicators writes one row per indicator value. A value the source
// suppressed or lacks is an empty cell, and its note says which.
func WriteIndicators(w io.Writer, indicators []directory.Indicator) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"indicator", "indicator_name", "period", "area", "area_name", "value", "note", "definition", "source"})
	for _, ind := range indicators {
		for _, v := range ind.Values {
			value := ""
			if v.Value != nil {
				value = strconv.FormatFloat(*v.Value, 'f', -1, 64)
			}
			cw.Write(Safe(ind.Slug, ind.Name, ind.Period, v.Area, v.AreaName, value, v.Note, ind.Definition, ind.Source))
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write indicators csv: %w", err)
	}
	return nil
}

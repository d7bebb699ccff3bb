package csvdata

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// Problem is one reason a CSV file cannot be imported: the row (1 is the
// header), the column, and what is wrong.
type Problem struct {
	Row     int
	Column  string
	Message string
}

// String reads the problem as one line.
func (p Problem) String() string {
	if p.Column == "" {
		return fmt.Sprintf("row %d: %s", p.Row, p.Message)
	}
	return fmt.Sprintf("row %d, column %s: %s", p.Row, p.Column, p.Message)
}

// required are the columns an import cannot do without.
var required = []string{"name"}

// ReadServices reads services from CSV in the columns WriteServices writes.
// Columns may come in any order and any but name may be left out; a column
// the directory does not know is a problem, so a misspelt heading is caught.
// An empty cell means "not given": an import leaves that field as it is.
// Lists (stages, audiences, access, interventions, areas) hold one item a
// line; an area is its slug, optionally followed by a colon and a note.
//
// Rows are checked here for what a file alone can show (its columns, its
// syntax, a service listed twice); the store then checks each service, laid
// over the stored one, as it checks a staff edit. source names the file, for
// new services that give no source of their own.
func ReadServices(r io.Reader, source string) ([]directory.Service, []Problem) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, []Problem{{Row: 1, Message: "the file is empty"}}
	}
	if err != nil {
		return nil, []Problem{{Row: 1, Message: "cannot be read as CSV: " + err.Error()}}
	}
	var problems []Problem
	col := map[string]int{}
	known := map[string]bool{}
	for _, c := range ServiceColumns {
		known[c] = true
	}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if !known[h] {
			problems = append(problems, Problem{Row: 1, Column: h, Message: "is not a column the directory knows"})
		}
		col[h] = i
	}
	for _, c := range required {
		if _, ok := col[c]; !ok {
			problems = append(problems, Problem{Row: 1, Column: c, Message: "the column is missing"})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	var services []directory.Service
	seen := map[string]int{}
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			problems = append(problems, Problem{Row: row, Message: "cannot be read as CSV: " + err.Error()})
			break
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(unsafe(rec[i]))
			}
			return ""
		}
		s := rowService(get, source)
		for _, key := range []string{s.UUID, s.Slug} {
			if key == "" {
				continue
			}
			if first, dup := seen[key]; dup {
				problems = append(problems, Problem{Row: row, Column: "slug", Message: fmt.Sprintf("the same service is on row %d", first)})
			}
			seen[key] = row
		}
		services = append(services, s)
	}
	return services, problems
}

// rowService builds a service from one row.
func rowService(get func(string) string, source string) directory.Service {
	s := directory.Service{
		UUID: strings.ToLower(get("uuid")), Slug: get("slug"), Name: get("name"), ServiceType: get("service_type"),
		Summary: get("summary"), Description: get("description"), Eligibility: get("eligibility"),
		HowToAccess: get("how_to_access"), Status: get("status"), LastReviewed: get("last_reviewed"), Source: get("source"),
		Contact: directory.Contact{Phone: get("phone"), Email: get("email"), Website: get("website"),
			Address: get("address"), OpeningHours: get("opening_hours")},
	}
	if s.Slug == "" {
		s.Slug = directory.Slugify(s.Name)
	}
	if s.Source == "" {
		s.Source = "Imported from the CSV file " + source
	}
	if org := get("organisation"); org != "" {
		s.Organisation = &directory.Organisation{Slug: org}
	}
	for _, v := range list(get("stages")) {
		s.Stages = append(s.Stages, directory.Stage(v))
	}
	for _, v := range list(get("audiences")) {
		s.Audiences = append(s.Audiences, directory.Audience(v))
	}
	for _, v := range list(get("access")) {
		s.Access = append(s.Access, directory.AccessRoute(v))
	}
	s.Interventions = list(get("interventions"))
	for _, v := range list(get("areas")) {
		slug, note, _ := strings.Cut(v, ":")
		s.Areas = append(s.Areas, directory.ServiceArea{Area: strings.TrimSpace(slug), Note: strings.TrimSpace(note)})
	}
	return s
}

// list splits a cell into its lines; an empty cell is nil, meaning "not given".
func list(cell string) []string {
	var out []string
	for _, v := range strings.Split(cell, listSep) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

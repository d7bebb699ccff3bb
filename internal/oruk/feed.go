package oruk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// maxPages stops a feed whose paging never ends.
const maxPages = 1000

// Feed is what was read from a source: its services, fully nested where the
// source has the full record, and its organisations.
type Feed struct {
	Source        string
	Services      []Service
	Organizations []Organization
}

type feedReader struct {
	src     Source
	schemas *Schemas
	report  *directory.ImportReport
}

// ReadFeed pages through a source, checks every document against the
// standard's schemas and a few rules of its own, and returns what it read.
// The report lists every problem; the feed is only fit to import when the
// report is OK. The error is for a schema that cannot be read.
func ReadFeed(ctx context.Context, src Source, schemas *Schemas) (*Feed, *directory.ImportReport, error) {
	r := &feedReader{src: src, schemas: schemas, report: &directory.ImportReport{Source: src.Name()}}
	feed := &Feed{Source: src.Name()}
	if _, err := r.document(ctx, "", "api_details.json"); err != nil {
		return nil, nil, err
	}
	var listed []Service
	if err := r.pages(ctx, "services", "service_list.json", func(doc []byte) error {
		var p Page[Service]
		if err := json.Unmarshal(doc, &p); err != nil {
			return err
		}
		listed = append(listed, p.Contents...)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	for _, s := range listed {
		full, err := r.full(ctx, "services/"+s.ID, "service.json", s.ID)
		if err != nil {
			return nil, nil, err
		}
		if full == nil {
			feed.Services = append(feed.Services, s)
			continue
		}
		var fs Service
		if err := json.Unmarshal(full, &fs); err != nil {
			r.problem("services/"+s.ID, describe(s.ID, s.Name), "", "cannot be read: "+err.Error())
			continue
		}
		feed.Services = append(feed.Services, fs)
	}
	var orgs []Organization
	if err := r.pages(ctx, "organizations", "organization_list.json", func(doc []byte) error {
		var p Page[Organization]
		if err := json.Unmarshal(doc, &p); err != nil {
			return err
		}
		orgs = append(orgs, p.Contents...)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	for _, o := range orgs {
		full, err := r.full(ctx, "organizations/"+o.ID, "organization.json", o.ID)
		if err != nil {
			return nil, nil, err
		}
		if full != nil {
			if err := json.Unmarshal(full, &o); err != nil {
				r.problem("organizations/"+o.ID, describe(o.ID, o.Name), "", "cannot be read: "+err.Error())
			}
		}
		feed.Organizations = append(feed.Organizations, o)
	}
	var terms []TaxonomyTerm
	for _, list := range []struct{ resource, schema string }{
		{"taxonomies", "taxonomy_list.json"}, {"taxonomy_terms", "taxonomy_term_list.json"},
		{"service_at_locations", "service_at_location_list.json"},
	} {
		if err := r.pages(ctx, list.resource, list.schema, func(doc []byte) error {
			if list.resource != "taxonomy_terms" {
				return nil
			}
			var p Page[TaxonomyTerm]
			if err := json.Unmarshal(doc, &p); err != nil {
				return err
			}
			terms = append(terms, p.Contents...)
			return nil
		}); err != nil {
			return nil, nil, err
		}
	}
	r.checkRules(feed, terms)
	return feed, r.report, nil
}

func (r *feedReader) problem(document, record, field, message string) {
	r.report.Problems = append(r.report.Problems, directory.ImportProblem{Where: document, Record: record, Field: field, Message: message})
}

func (r *feedReader) note(format string, args ...any) {
	r.report.Notes = append(r.report.Notes, fmt.Sprintf(format, args...))
}

// document fetches and checks one response. It returns nil, with no error,
// when the source lacks it or it breaks the schema (reported as a problem).
func (r *feedReader) document(ctx context.Context, path, schema string) ([]byte, error) {
	doc, err := r.src.Get(ctx, path)
	label := "GET /" + path
	if errors.Is(err, ErrNoDocument) {
		r.problem(label, "", "", "the feed does not have this document")
		return nil, nil
	}
	if err != nil {
		r.problem(label, "", "", "cannot be read: "+err.Error())
		return nil, nil
	}
	problems, err := r.schemas.Validate(schema, doc)
	if err != nil {
		return nil, err
	}
	for _, p := range problems {
		r.problem(label, recordAt(doc, p.Where), p.Where, p.Message)
	}
	if len(problems) > 0 {
		return nil, nil
	}
	return doc, nil
}

// full fetches a record by id; nil when the source has none (noted) or it is
// broken (reported).
func (r *feedReader) full(ctx context.Context, path, schema, id string) ([]byte, error) {
	doc, err := r.src.Get(ctx, path)
	if errors.Is(err, ErrNoDocument) {
		r.note("The feed has no full record at /%s; the list's fields are used.", path)
		return nil, nil
	}
	if err != nil {
		r.problem("GET /"+path, "", "", "cannot be read: "+err.Error())
		return nil, nil
	}
	problems, err := r.schemas.Validate(schema, doc)
	if err != nil {
		return nil, err
	}
	for _, p := range problems {
		r.problem("GET /"+path, recordAt(doc, p.Where), p.Where, p.Message)
	}
	var rec struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(doc, &rec) == nil && !strings.EqualFold(rec.ID, id) {
		r.problem("GET /"+path, recordAt(doc, ""), "/id", fmt.Sprintf("asked for %s but the record's id is %s", id, rec.ID))
		return nil, nil
	}
	if len(problems) > 0 {
		return nil, nil
	}
	return doc, nil
}

// pages reads every page of a list, passing each page that passes its schema to each.
func (r *feedReader) pages(ctx context.Context, resource, schema string, each func(doc []byte) error) error {
	for n := 1; n <= maxPages; n++ {
		path := resource + "?page=" + strconv.Itoa(n)
		doc, err := r.src.Get(ctx, path)
		if errors.Is(err, ErrNoDocument) {
			if n == 1 {
				r.note("The feed has no /%s.", resource)
			} else {
				r.note("The feed's /%s says there are more pages, but page %d is missing; read %d pages.", resource, n, n-1)
			}
			return nil
		}
		if err != nil {
			r.problem("GET /"+path, "", "", "cannot be read: "+err.Error())
			return nil
		}
		problems, err := r.schemas.Validate(schema, doc)
		if err != nil {
			return err
		}
		for _, p := range problems {
			r.problem("GET /"+path, recordAt(doc, p.Where), p.Where, p.Message)
		}
		if len(problems) > 0 {
			return nil
		}
		var meta struct {
			TotalPages int               `json:"total_pages"`
			LastPage   bool              `json:"last_page"`
			Contents   []json.RawMessage `json:"contents"`
		}
		if err := json.Unmarshal(doc, &meta); err != nil {
			r.problem("GET /"+path, "", "", "cannot be read: "+err.Error())
			return nil
		}
		if err := each(doc); err != nil {
			r.problem("GET /"+path, "", "", "cannot be read: "+err.Error())
			return nil
		}
		if meta.LastPage || len(meta.Contents) == 0 || n >= meta.TotalPages {
			return nil
		}
	}
	r.problem("GET /"+resource, "", "", fmt.Sprintf("has more than %d pages", maxPages))
	return nil
}

// recordAt names the record a JSON pointer falls in: an item of contents in
// a list, or the document itself.
func recordAt(doc []byte, where string) string {
	var whole map[string]json.RawMessage
	if json.Unmarshal(doc, &whole) != nil {
		return ""
	}
	raw := json.RawMessage(doc)
	if rest, ok := strings.CutPrefix(where, "/contents/"); ok {
		idx, _, _ := strings.Cut(rest, "/")
		var items []json.RawMessage
		i, err := strconv.Atoi(idx)
		if json.Unmarshal(whole["contents"], &items) != nil || err != nil || i >= len(items) {
			return ""
		}
		raw = items[i]
	} else if _, isList := whole["contents"]; isList {
		return ""
	}
	var rec map[string]any
	if json.Unmarshal(raw, &rec) != nil {
		return ""
	}
	id, _ := rec["id"].(string)
	name, _ := rec["name"].(string)
	return describe(id, name)
}

func describe(id, name string) string {
	switch {
	case id == "" && name == "":
		return ""
	case name == "":
		return "record " + id
	case id == "":
		return fmt.Sprintf("record %q", name)
	}
	return fmt.Sprintf("record %s (%q)", id, name)
}

// checkRules applies the rules the schemas cannot express.
func (r *feedReader) checkRules(feed *Feed, terms []TaxonomyTerm) {
	seen := map[string]bool{}
	for _, s := range feed.Services {
		label := describe(s.ID, s.Name)
		if seen[strings.ToLower(s.ID)] {
			r.problem("GET /services", label, "/id", "the same id is listed twice")
		}
		seen[strings.ToLower(s.ID)] = true
		if strings.TrimSpace(s.Name) == "" {
			r.problem("GET /services/"+s.ID, label, "/name", "the name is blank")
		}
		if s.Organization != nil && s.OrganizationID != "" && !strings.EqualFold(s.Organization.ID, s.OrganizationID) {
			r.problem("GET /services/"+s.ID, label, "/organization/id",
				fmt.Sprintf("the organization's id %s differs from organization_id %s", s.Organization.ID, s.OrganizationID))
		}
		if s.Organization != nil && strings.EqualFold(s.Organization.ID, s.ID) {
			r.problem("GET /services/"+s.ID, label, "/organization/id", "the organization has the service's own id")
		}
	}
	seen = map[string]bool{}
	for _, o := range feed.Organizations {
		if seen[strings.ToLower(o.ID)] {
			r.problem("GET /organizations", describe(o.ID, o.Name), "/id", "the same id is listed twice")
		}
		seen[strings.ToLower(o.ID)] = true
	}
	for _, t := range terms {
		if t.ParentID != "" && strings.EqualFold(t.ParentID, t.ID) {
			r.problem("GET /taxonomy_terms", describe(t.ID, t.Name), "/parent_id", "the term is its own parent")
		}
	}
}

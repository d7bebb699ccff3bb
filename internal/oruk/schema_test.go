package oruk_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/oruk/oruktest"
)

// schemaOf names the schema each file of a saved feed answers to.
var schemaOf = map[string]string{
	"api_details.json": "api_details.json", "service_list.json": "service_list.json", "service_list_2.json": "service_list.json",
	"service_full.json": "service.json", "service.json": "service.json",
	"organization_list.json": "organization_list.json", "organization_full.json": "organization.json",
	"taxonomy_list.json": "taxonomy_list.json", "taxonomy.json": "taxonomy.json",
	"taxonomy_term_list.json": "taxonomy_term_list.json", "taxonomy_term.json": "taxonomy_term.json",
	"service_at_location_list.json": "service_at_location_list.json", "service_at_location_full.json": "service_at_location.json",
}

// The project's own feeds pin down the validator: every file of the
// conforming one passes its schema, and each broken file of the other is
// caught where it breaks, for the reason it breaks.
func TestSchemasJudgeTheFeeds(t *testing.T) {
	s := oruktest.Schemas()
	for name, b := range oruktest.Files(t, oruktest.Valid) {
		schema, ok := schemaOf[name]
		if !ok {
			t.Errorf("valid %s: no schema is known for it", name)
			continue
		}
		problems, err := s.Validate(schema, b)
		if err != nil {
			t.Fatal(err)
		}
		if len(problems) > 0 {
			t.Errorf("valid %s: %v", name, problems)
		}
	}

	// Where each broken file of the invalid feed goes wrong, and how; the
	// files the schemas pass (a repeated id, a term its own parent) are for
	// the importer's own rules.
	type want struct{ where, message string }
	wants := map[string][]want{
		"api_details.json": {{"", "missing property 'profile'"}, {"/openapi_url", "is not valid uri"}},
		"service_list.json": {
			{"/contents/0", "missing property 'name'"}, {"/contents/0/email", "is not valid email"},
			{"/contents/1/status", "value must be one of"},
			{"/contents/2/id", "is not valid uuid"}, {"/contents/2/email", "is not valid email"},
		},
		"service_full.json":             {{"/email", "is not valid email"}, {"/url", "is not valid uri"}},
		"organization_full.json":        {{"/website", "is not valid uri"}},
		"taxonomy_list.json":            {{"/contents/0", "missing property 'description'"}},
		"taxonomy.json":                 {{"/id", "is not valid uuid"}},
		"taxonomy_term.json":            {{"", "missing property 'description'"}, {"/term_uri", "is not valid uri"}},
		"service_at_location_list.json": {{"/contents/0/location/location_type", "value must be one of"}},
		"service_at_location_full.json": {{"/location/location_type", "value must be one of"}},
		"organization_list.json":        nil,
		"taxonomy_term_list.json":       nil,
	}
	invalid := oruktest.Files(t, oruktest.Invalid)
	for name, b := range invalid {
		w, ok := wants[name]
		if !ok {
			t.Errorf("invalid %s: the test does not say what is wrong with it", name)
			continue
		}
		problems, err := s.Validate(schemaOf[name], b)
		if err != nil {
			t.Fatal(err)
		}
		if w == nil && len(problems) > 0 {
			t.Errorf("invalid %s should pass its schema: %v", name, problems)
		}
		for _, want := range w {
			found := slices.ContainsFunc(problems, func(p oruk.Problem) bool {
				return p.Where == want.where && regexp.MustCompile(regexp.QuoteMeta(want.message)).MatchString(p.Message)
			})
			if !found {
				t.Errorf("invalid %s: no problem %q at %q; got %v", name, want.message, want.where, problems)
			}
		}
	}
	for name := range wants {
		if invalid[name] == nil {
			t.Errorf("the invalid feed has no %s", name)
		}
	}
}

// A folder of schemas that lacks service.json is not taken for one.
func TestNewSchemasRefusesAWrongFolder(t *testing.T) {
	if _, err := oruk.NewSchemas(os.DirFS(t.TempDir())); err == nil {
		t.Error("an empty folder was taken for the schemas")
	}
}

// A document broken in one place only, inside a record that its schema takes
// from another schema, is still refused, with that place and reason. (The
// validator's flat output loses the reason when a reference has one cause.)
func TestOneProblemBehindAReferenceIsReported(t *testing.T) {
	s := oruktest.Schemas()
	const id = "85f7d837-c856-43da-8e79-b26968c1069f"
	for _, c := range []struct{ schema, doc, where, message string }{
		{"service_at_location.json", `{"id":"` + id + `","location":{"id":"` + id + `","location_type":"mobile"}}`,
			"/location/location_type", "value must be one of"},
		{"service.json", `{"id":"` + id + `","name":"A","status":"active","organization":{"id":"` + id + `","name":"B","description":"C","website":"not an address"}}`,
			"/organization/website", "is not valid uri"},
		{"service.json", `{"id":"` + id + `","name":"A","status":"active","service_areas":[{"name":"D"}]}`,
			"/service_areas/0", "missing property 'id'"},
	} {
		problems, err := s.Validate(c.schema, []byte(c.doc))
		if err != nil {
			t.Fatal(err)
		}
		if len(problems) != 1 || problems[0].Where != c.where || !strings.Contains(problems[0].Message, c.message) {
			t.Errorf("%s: got %v, want one problem %q at %q", c.schema, problems, c.message, c.where)
		}
	}
}

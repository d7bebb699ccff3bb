package oruk_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/oruk/orukspec"
)

// The sample feeds pin down the validator: the conforming one passes every
// schema, and each broken file of the other is caught with a location.
func TestSchemasJudgeTheSampleFeeds(t *testing.T) {
	s := orukspec.Schemas(t)
	files := map[string]string{
		"api_details.json": "api_details.json", "service_full.json": "service.json", "service_list.json": "service_list.json",
		"taxonomy_term.json": "taxonomy_term.json",
	}
	// Where each broken file of the invalid feed goes wrong.
	wantWhere := map[string][]string{
		"api_details.json": {"", "/openapi_url"}, "service_full.json": {"/email", "/url"},
		"service_list.json": {"/contents/0", "/contents/2/email"}, "taxonomy_term.json": {"", "/term_uri"},
	}
	for file, schema := range files {
		for _, feed := range []string{"valid", "invalid"} {
			doc, err := os.ReadFile(filepath.Join(orukspec.Feed(t, feed), file))
			if err != nil {
				t.Fatal(err)
			}
			problems, err := s.Validate(schema, doc)
			if err != nil {
				t.Fatal(err)
			}
			if feed == "valid" && len(problems) > 0 {
				t.Errorf("valid %s: %v", file, problems)
			}
			if feed == "invalid" {
				found := map[string]bool{}
				for _, p := range problems {
					found[p.Where] = true
				}
				for _, w := range wantWhere[file] {
					if !found[w] {
						t.Errorf("invalid %s: no problem reported at %q; got %v", file, w, problems)
					}
				}
			}
		}
	}
}

// A document broken in one place only, inside a record that its schema takes
// from another schema, is still refused, with that place and reason. (The
// validator's flat output loses the reason when a reference has one cause.)
func TestOneProblemBehindAReferenceIsReported(t *testing.T) {
	s := orukspec.Schemas(t)
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

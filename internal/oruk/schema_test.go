package oruk_test

import (
	"os"
	"path/filepath"
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

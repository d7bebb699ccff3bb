package oruk_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/oruk/spec"
)

// operation is the part of an OpenAPI GET that the comparison needs.
type operation struct {
	Parameters []struct {
		Ref  string `json:"$ref"`
		Name string `json:"name"`
	} `json:"parameters"`
	Responses map[string]struct {
		Content map[string]struct {
			Schema struct {
				Ref string `json:"$ref"`
			} `json:"schema"`
		} `json:"content"`
	} `json:"responses"`
}

type pathItem struct {
	Get        *operation `json:"get"`
	Parameters []struct {
		Name string `json:"name"`
	} `json:"parameters"`
}

// params lists the names of a path's parameters, its own and its GET's, with
// each reference to a shared parameter resolved by its name.
func (p pathItem) params() map[string]bool {
	out := map[string]bool{}
	for _, q := range p.Parameters {
		out[q.Name] = true
	}
	for _, q := range p.Get.Parameters {
		if q.Ref != "" {
			out[q.Ref[strings.LastIndex(q.Ref, "/")+1:]] = true
		} else {
			out[q.Name] = true
		}
	}
	return out
}

func (p pathItem) schema() string {
	return p.Get.Responses["200"].Content["application/json"].Schema.Ref
}

// The directory describes its own API (it lists only what this server
// answers, at its own address), but everything it describes is in the
// standard's description: each path, the schema of each answer, and each
// parameter.
func TestTheAPIDescriptionKeepsToTheStandard(t *testing.T) {
	var standard struct {
		Paths map[string]pathItem `json:"paths"`
	}
	if err := json.Unmarshal(spec.OpenAPI(), &standard); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(oruk.OpenAPI("https://example.org/api/v1"))
	if err != nil {
		t.Fatal(err)
	}
	var own struct {
		Paths map[string]pathItem `json:"paths"`
	}
	if err := json.Unmarshal(b, &own); err != nil {
		t.Fatal(err)
	}
	if len(own.Paths) != len(oruk.Paths()) || len(own.Paths) < 10 {
		t.Fatalf("the description has %d paths, Paths() %d", len(own.Paths), len(oruk.Paths()))
	}
	for path, mine := range own.Paths {
		theirs, ok := standard.Paths[path]
		if !ok || theirs.Get == nil {
			t.Errorf("%s is not a path of the standard", path)
			continue
		}
		if mine.schema() != theirs.schema() {
			t.Errorf("%s answers with %q; the standard says %q", path, mine.schema(), theirs.schema())
		}
		allowed := theirs.params()
		for name := range mine.params() {
			if !allowed[name] {
				t.Errorf("%s takes %q, which the standard does not describe for it", path, name)
			}
		}
	}
}

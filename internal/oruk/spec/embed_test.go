package spec_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/oruk/spec"
)

// The embedded files are the published ones, unchanged: each matches the
// checksum recorded when it was copied, and no file is embedded without one.
// A newer copy of the standard comes with new checksums (see README.md).
func TestTheFilesAreThePublishedOnes(t *testing.T) {
	sums, err := os.ReadFile("SHA256SUMS")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(sum) != 64 {
			t.Fatalf("SHA256SUMS: malformed line %q", sc.Text())
		}
		want[name] = sum
	}
	got := map[string]string{}
	err = fs.WalkDir(spec.Files(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(spec.Files(), path)
		if err != nil {
			return err
		}
		h := sha256.Sum256(b)
		got[path] = hex.EncodeToString(h[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, sum := range got {
		if want[name] == "" {
			t.Errorf("%s is embedded but has no checksum in SHA256SUMS", name)
		} else if want[name] != sum {
			t.Errorf("%s has changed since it was copied: sha256 %s, SHA256SUMS says %s", name, sum, want[name])
		}
	}
	for name := range want {
		if got[name] == "" {
			t.Errorf("SHA256SUMS lists %s, which is not embedded", name)
		}
	}
	if len(got) < 20 {
		t.Errorf("only %d files embedded", len(got))
	}
}

// Every schema is JSON, and the folder has the schemas the importer and the
// API's tests name.
func TestTheSchemasAreThere(t *testing.T) {
	for _, name := range []string{
		"api_details.json", "service.json", "service_list.json", "organization.json", "organization_list.json",
		"taxonomy.json", "taxonomy_list.json", "taxonomy_term.json", "taxonomy_term_list.json",
		"service_at_location.json", "service_at_location_list.json",
	} {
		b, err := fs.ReadFile(spec.Schemas(), name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !json.Valid(b) {
			t.Errorf("%s is not JSON", name)
		}
	}
	var doc struct {
		OpenAPI string         `json:"openapi"`
		Paths   map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(spec.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") || doc.Paths["/services"] == nil {
		t.Errorf("openapi.json: version %q, %d paths", doc.OpenAPI, len(doc.Paths))
	}
}

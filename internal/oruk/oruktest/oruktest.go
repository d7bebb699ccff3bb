// Package oruktest gives tests the Open Referral UK feeds that the project
// writes for itself (testdata/valid and testdata/invalid, described in
// testdata/README.md) and the schemas the directory carries. Everything is
// embedded, so a test needs nothing outside the repository.
package oruktest

import (
	"embed"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/oruk/spec"
)

//go:embed testdata/valid/*.json testdata/invalid/*.json testdata/testshire/*.json
var feeds embed.FS

// The ids of records in the valid feed that tests look for.
const (
	// ServiceFull is the service whose full record is service_full.json: it
	// names Portsmouth as its service area and carries the directory's terms.
	ServiceFull = "d94a3d5b-b88c-48fa-8309-e66b1735a186"
	// ServiceListed is the service that only the list has, with no area.
	ServiceListed = "59c4928c-95af-4420-8c72-7af1c18eb9a7"
	// ServiceEnded is the inactive service on the list's second page, whose
	// full record is service.json and whose area matches none of the directory's.
	ServiceEnded = "f3125f89-10ec-45b6-ba2e-36d5395ce39d"
	// Organization is the organisation that runs ServiceFull and ServiceEnded.
	Organization = "e9502537-e3e9-4423-b6af-b72291bc71aa"
	// OrganizationListed runs ServiceListed.
	OrganizationListed = "80f6b6b8-d4a2-4c7f-819a-bd1fdcc66560"
	// OrganizationAlone is listed with no service of its own.
	OrganizationAlone = "a7e94d80-0df7-4663-91bb-dd97964ba040"
	// Taxonomy is the feed's own vocabulary, which the directory does not keep.
	Taxonomy = "284f5316-150b-47e9-bbb9-39dea83bfcef"
	// ServiceAtLocation is ServiceFull at its one place.
	ServiceAtLocation = "85f7d837-c856-43da-8e79-b26968c1069f"
	// OwnParentTerm is the feed's term that, in the invalid feed, is its own parent.
	OwnParentTerm = "b33a154c-8945-464d-b7da-c7c7b3a807e0"
)

// Valid and Invalid name the two feeds.
const (
	Valid   = "valid"
	Invalid = "invalid"
)

// Schemas returns the standard's schemas as the directory embeds them.
func Schemas() *oruk.Schemas { return oruk.EmbeddedSchemas() }

// FS returns a feed's files: Valid or Invalid.
func FS(t testing.TB, name string) fs.FS {
	t.Helper()
	sub, err := fs.Sub(feeds, "testdata/"+name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(sub, "api_details.json"); err != nil {
		t.Fatalf("no feed %q: %v", name, err)
	}
	return sub
}

// Files returns a feed's files by name, as an upload gives them.
func Files(t testing.TB, name string) map[string][]byte {
	t.Helper()
	fsys := FS(t, name)
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		b, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

// Dir writes a feed's files into a new temporary folder and returns it, for
// code that reads a folder by its path; a test may change the copy.
func Dir(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for file, b := range Files(t, name) {
		if err := os.WriteFile(filepath.Join(dir, file), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// SchemaDir writes the embedded schemas into a new temporary folder, each
// file of replace written over the schema of that name, and returns it: a
// stand-in for a newer copy of the standard that -oruk-schemas points at.
func SchemaDir(t testing.TB, replace map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "schema")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := fs.ReadDir(spec.Schemas(), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(spec.Schemas(), e.Name())
		if err != nil {
			t.Fatal(err)
		}
		if r, ok := replace[e.Name()]; ok {
			b = []byte(r)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// StricterServiceList replaces service_list.json, for SchemaDir, with a
// schema that every list of services fails for want of a field no feed has,
// so a test can tell which schemas checked a feed.
var StricterServiceList = map[string]string{
	"service_list.json": `{"type": "object", "required": ["` + StricterField + `"]}`,
}

// StricterField is the field StricterServiceList demands.
const StricterField = "field_only_a_stricter_copy_requires"

// Testshire is a neighbouring council's feed: one service in Gosport, two
// whose service areas name only places this directory does not have.
const Testshire = "testshire"

// The ids of the Testshire feed's services.
const (
	TestshireGosport = "3c1f7a52-8d0e-4b6a-9e21-5a0d7c3b1e01"
	TestshireCafe    = "3c1f7a52-8d0e-4b6a-9e21-5a0d7c3b1e02"
	TestshireClub    = "3c1f7a52-8d0e-4b6a-9e21-5a0d7c3b1e03"
)

// Serve serves a feed's files as a live Open Referral UK API on loopback,
// at the returned server's URL, until the test ends. broken names API paths
// (such as "services?page=2") that answer 500 instead, as a failing council
// server would.
func Serve(t testing.TB, fsys fs.FS, broken ...string) *httptest.Server {
	t.Helper()
	src := oruk.NewFolderSource("served", fsys)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := strings.TrimPrefix(r.URL.Path, "/")
		if r.URL.RawQuery != "" {
			path += "?" + r.URL.RawQuery
		}
		for _, b := range broken {
			if path == b || strings.HasPrefix(path, b+"&") {
				http.Error(w, "the council's server is down", http.StatusInternalServerError)
				return
			}
		}
		b, err := src.Get(r.Context(), path)
		if errors.Is(err, oruk.ErrNoDocument) {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Package orukspec finds the Open Referral UK specification and sample feeds
// for tests. They live in ../shared/oruk beside the module, never copied into
// it; a test that cannot find them fails rather than passing unchecked.
package orukspec

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wessex-network/directory/internal/oruk"
)

// Dir returns the shared oruk folder: ../shared/oruk from the module root,
// which is found by walking up from the working directory to go.mod.
func Dir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared", "oruk")
	if _, err := os.Stat(filepath.Join(shared, "spec", "schema", "service.json")); err != nil {
		t.Fatalf("the Open Referral UK spec is not beside the module at %s: %v", shared, err)
	}
	return shared
}

// SchemaDir returns the folder of the standard's JSON schemas.
func SchemaDir(t testing.TB) string {
	t.Helper()
	return filepath.Join(Dir(t), "spec", "schema")
}

// Feed returns the folder of a sample feed: "valid" or "invalid".
func Feed(t testing.TB, name string) string {
	t.Helper()
	return filepath.Join(Dir(t), "feeds", name)
}

// Schemas loads the standard's schemas.
func Schemas(t testing.TB) *oruk.Schemas {
	t.Helper()
	s, err := oruk.NewSchemas(os.DirFS(SchemaDir(t)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

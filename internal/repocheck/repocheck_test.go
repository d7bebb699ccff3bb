package repocheck_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// outside lists what a file would write to reach a folder beside the
// repository. The strings are built from parts so that this file does not
// match them itself.
var outside = []string{".." + "/" + "shared", ".." + `\` + "shared", "/work" + "/" + "shared"}

// moduleRoot walks up from the working directory to go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// trackedFiles lists the files git tracks under root, relative to it.
func trackedFiles(t *testing.T, root string) []string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed to list the tracked files")
	}
	cmd := exec.Command("git", "ls-files", "-z")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git ls-files in %s: %v", root, err)
	}
	var files []string
	for _, f := range strings.Split(string(out), "\x00") {
		if f != "" {
			files = append(files, f)
		}
	}
	return files
}

// referencesOutside returns, for each file under root that is not
// documentation (*.md), the lines that refer to a folder beside the
// repository, as "path:line: text".
func referencesOutside(t *testing.T, root string, files []string) []string {
	t.Helper()
	var found []string
	for _, f := range files {
		if strings.EqualFold(filepath.Ext(f), ".md") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, f))
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted in the working tree and not yet from git
		}
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range bytes.Split(b, []byte("\n")) {
			for _, needle := range outside {
				if bytes.Contains(line, []byte(needle)) {
					found = append(found, f+":"+strconv.Itoa(i+1)+": "+strings.TrimSpace(string(line)))
					break
				}
			}
		}
	}
	return found
}

// Nothing the project builds, tests or runs reaches outside its folder: a
// user's clone has nothing beside it. Documentation may still say where
// reference material came from.
func TestNoFileRefersOutsideTheRepository(t *testing.T) {
	root := moduleRoot(t)
	files := trackedFiles(t, root)
	if len(files) < 50 {
		t.Fatalf("only %d tracked files under %s", len(files), root)
	}
	for _, line := range referencesOutside(t, root, files) {
		t.Errorf("refers to a folder beside the repository: %s", line)
	}
}

// The search above finds what it looks for, and skips documentation.
func TestTheSearchFindsAReference(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.go":      "package a\n\nconst dir = \"" + outside[0] + "/oruk\"\n",
		"b/run":     "#!/bin/sh\ncd " + outside[1] + "\n",
		"c.json":    `{"schemas": "` + outside[2] + `/oruk"}`,
		"README.md": "Taken from " + outside[0] + "/oruk.\n",
		"clean.go":  "package clean\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := referencesOutside(t, dir, []string{"a.go", "b/run", "c.json", "README.md", "clean.go", "gone.go"})
	want := []string{"a.go:3:", "b/run:2:", "c.json:1:"}
	if len(got) != len(want) {
		t.Fatalf("found %q, want lines starting %q", got, want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("found %q, want it to start %q", got[i], want[i])
		}
	}
}

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

// git runs a git command in dir and fails the test if it fails.
func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// scripts/check-tracked-files (run by make lint) passes a repository of text
// files and refuses each kind of binary and a file over 2 MB, staged or
// committed.
func TestTheLintCheckRefusesBinariesAndBigFiles(t *testing.T) {
	script := filepath.Join(moduleRoot(t), "scripts", "check-tracked-files")
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("the check is a bash script, and there is no bash")
	}
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	write := func(name string, b []byte, mode os.FileMode) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), b, mode); err != nil {
			t.Fatal(err)
		}
	}
	check := func() (string, error) {
		cmd := exec.Command("bash", script)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	write("main.go", []byte("package main\n"), 0o644)
	write("run", []byte("#!/bin/sh\necho hello\n"), 0o755)
	write("empty", nil, 0o644)
	write("picture.png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), 0o644)
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "text, a script, an empty file and a picture")
	if out, err := check(); err != nil {
		t.Fatalf("a clean repository was refused: %v\n%s", err, out)
	}

	bad := map[string]struct {
		content []byte
		mode    os.FileMode
		says    string
	}{
		"directory":    {[]byte("\x7fELF\x02\x01\x01\x00"), 0o755, "directory is a compiled binary (ELF)"},
		"tool":         {[]byte("\xcf\xfa\xed\xfe\x07\x00"), 0o755, "tool is a compiled binary (Mach-O)"},
		"tool.exe":     {[]byte("MZ\x90\x00\x03\x00"), 0o644, "tool.exe is a compiled binary (PE)"},
		"server.test":  {[]byte("not\x00text"), 0o644, "server.test is a test binary"},
		"blob":         {[]byte("some\x00bytes"), 0o755, "blob is executable and binary"},
		"national.csv": {bytes.Repeat([]byte("a,b\n"), 600_000), 0o644, "national.csv is 2400000 bytes, over the 2 MB limit"},
	}
	for name, b := range bad {
		write(name, b.content, b.mode)
	}
	git(t, dir, "add", ".")
	out, err := check()
	if err == nil {
		t.Fatalf("staged binaries and a big file passed:\n%s", out)
	}
	for _, b := range bad {
		if !strings.Contains(out, b.says) {
			t.Errorf("the check does not say %q:\n%s", b.says, out)
		}
	}
	if strings.Contains(out, "git: picture.png") || strings.Contains(out, "git: run ") || strings.Contains(out, "git: empty") {
		t.Errorf("the check refused a file it should allow:\n%s", out)
	}

	git(t, dir, "commit", "-q", "-m", "binaries")
	if _, err := check(); err == nil {
		t.Error("committed binaries passed")
	}
	git(t, dir, "rm", "-q", "--cached", "directory", "tool", "tool.exe", "server.test", "blob", "national.csv")
	if out, err := check(); err != nil {
		t.Errorf("the repository was refused once they were taken out of git: %v\n%s", err, out)
	}
}

package main

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/oruk/oruktest"
)

// These tests run `directory serve` and, beside it, the commands staff and
// cron jobs run against the same database file. Each command's write must
// show on the server's next public request, although the server's page cache
// held the page from before.

// publicPage fetches a page from a child with no session, failing on a
// transport error, and returns its body.
func publicPage(t *testing.T, c *child, path string) string {
	t.Helper()
	resp, err := http.Get("http://" + c.addr + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// primed fetches a page twice, so that the second answer comes from the
// page cache, and returns it.
func primed(t *testing.T, c *child, path string) string {
	t.Helper()
	publicPage(t, c, path)
	return publicPage(t, c, path)
}

// command runs the directory binary with args and fails the test unless it succeeds.
func command(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(directoryBinary(t), args...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("directory %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestCommandLineImportShowsInARunningServer(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "live.db")
	srv := startChild(t, dbPath)
	for _, path := range []string{"/find?q=Gosport", "/api/v1/services?per_page=200"} {
		if body := primed(t, srv, path); strings.Contains(body, "Gosport Bump Club") {
			t.Fatalf("%s lists the service before it was imported", path)
		}
	}

	file := filepath.Join(t.TempDir(), "services.csv")
	writeFile(t, file, "name,summary,description,areas,source\n"+
		"Gosport Bump Club,A weekly group for expectant parents.,Songs and talks.,hampshire,Written for the freshness test\n")
	command(t, "", "import", "csv", "-db", dbPath, file)

	for _, path := range []string{"/find?q=Gosport", "/api/v1/services?per_page=200"} {
		if body := publicPage(t, srv, path); !strings.Contains(body, "Gosport Bump Club") {
			t.Errorf("%s does not show the service that `directory import csv` added", path)
		}
	}

	// An Open Referral UK feed, from a folder, whose first service runs in Portsmouth.
	for _, path := range []string{"/find?q=Portsmouth", "/api/v1/services?per_page=200"} {
		if body := primed(t, srv, path); strings.Contains(body, "Example Parent and Baby Support") {
			t.Fatalf("%s lists the feed's service before it was imported", path)
		}
	}
	command(t, "", "import", "oruk", "-db", dbPath, oruktest.Dir(t, "valid"))
	for _, path := range []string{"/find?q=Portsmouth", "/api/v1/services?per_page=200"} {
		if body := publicPage(t, srv, path); !strings.Contains(body, "Example Parent and Baby Support") {
			t.Errorf("%s does not show the service that `directory import oruk` added", path)
		}
	}
}

func TestCommandLineSeedShowsInARunningServer(t *testing.T) {
	// A dataset like the built-in one, without its baselines; `directory
	// seed` then adds the built-in baselines to the running server's file.
	dir := filepath.Join(t.TempDir(), "dataset")
	if err := os.CopyFS(dir, os.DirFS("../../seeds/wessex")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "baselines.csv")); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(t.TempDir(), "live.db")
	srv := startChildWith(t, dbPath, "-seeds", dir)
	if body := primed(t, srv, "/coverage"); strings.Contains(body, "2019 report") {
		t.Fatal("the coverage page offers the 2019 baseline before it was seeded")
	}
	command(t, "", "seed", "-db", dbPath)
	if body := publicPage(t, srv, "/coverage"); !strings.Contains(body, "2019 report") {
		t.Error("the coverage page does not offer the baseline that `directory seed` added")
	}
}

func TestCommandLineUserDisableTakesEffectAtOnce(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "live.db")
	addAdmin(t, dbPath)
	// A second admin, since the only active admin cannot be disabled.
	command(t, "another long password\n", "user", "add", "-email", "other@example.org", "-name", "Other Admin", "-role", "admin", "-db", dbPath)
	srv := startChild(t, dbPath)
	c, err := staffClient(t, srv.addr)
	if err != nil {
		t.Fatal(err)
	}
	before := primed(t, srv, "/coverage")
	if resp, err := c.Get("http://" + srv.addr + "/staff/services"); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("staff page before the account was disabled: %v, %v", resp, err)
	}

	command(t, "", "user", "disable", "-email", "crash@example.org", "-db", dbPath)
	resp, err := c.Get("http://" + srv.addr + "/staff/services")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/staff/login") {
		t.Errorf("the disabled account's next staff request got %d, Location %q; want the login page", resp.StatusCode, resp.Header.Get("Location"))
	}
	if after := publicPage(t, srv, "/coverage"); after != before {
		t.Error("the public coverage page changed when an account was disabled")
	}
}

func TestCommandLineRestoreShowsInARunningServer(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "live.db")
	srv := startChild(t, dbPath)
	backup := filepath.Join(t.TempDir(), "before.db")
	command(t, "", "backup", "-db", dbPath, backup)

	file := filepath.Join(t.TempDir(), "services.csv")
	writeFile(t, file, "name,summary,description,areas,source\n"+
		"Poole Baby Massage,Baby massage classes.,Classes for parents and babies.,poole,Written for the freshness test\n")
	command(t, "", "import", "csv", "-db", dbPath, file)
	if body := primed(t, srv, "/areas/poole"); !strings.Contains(body, "Poole Baby Massage") {
		t.Fatal("the imported service is not on the area page")
	}

	command(t, "", "restore", "-db", dbPath, backup)
	if body := publicPage(t, srv, "/areas/poole"); strings.Contains(body, "Poole Baby Massage") {
		t.Error("after `directory restore` the area page still lists a service the backup lacks")
	}
	if body := publicPage(t, srv, "/areas/poole"); !strings.Contains(body, "Poole") {
		t.Error("after the restore the area page is broken")
	}
}

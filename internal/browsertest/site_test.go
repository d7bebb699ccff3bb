package browsertest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// site is one running copy of the directory, serving its own database.
type site struct {
	URL string // such as http://127.0.0.1:41234, with no trailing slash
}

// serverURL finds the address in the server's start-up log line.
var serverURL = regexp.MustCompile(`msg="serving the directory" url=(http://127\.0\.0\.1:\d+)`)

// startSite runs the built binary's serve command on a loopback port the
// kernel picks, with a new database in a temporary folder, and waits until
// /healthz answers. The server is stopped when the test ends, and its log is
// shown if the test failed.
func startSite(t *testing.T) *site {
	t.Helper()
	return startSiteWith(t, nil)
}

// startSyntheticSite runs a site over a small synthetic England, written by
// the binary's demo-data command: 150 areas in nine regions, so that the
// pages a national dataset changes (such as the coverage summary by region)
// are checked too.
func startSyntheticSite(t *testing.T) *site {
	t.Helper()
	return startSiteWith(t, func(dbPath string) {
		cmd := exec.Command(binary, "demo-data", "-db", dbPath, "-services", "300")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("write a synthetic England: %v\n%s", err, out)
		}
	})
}

// startSiteWith is startSite with a step that fills the new database before
// the staff are added and the server starts; nil leaves the server to seed
// the Wessex data.
func startSiteWith(t *testing.T, fill func(dbPath string)) *site {
	t.Helper()
	needBrowser(t)
	dir := t.TempDir()
	if fill != nil {
		fill(filepath.Join(dir, "directory.db"))
	}
	addStaff(t, filepath.Join(dir, "directory.db"))
	cmd := exec.Command(binary, "serve", "-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "directory.db"), "-allow-private-feeds")
	cmd.Dir = dir
	// The built-in Wessex data, whatever the developer's shell has chosen.
	cmd.Env = append(os.Environ(), "SEEDS=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var log lockedBuffer
	cmd.Stdout = &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the server: %v", err)
	}

	found := make(chan string, 1)
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(&log, line)
			if m := serverURL.FindStringSubmatch(line); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	exited := make(chan error, 1)
	go func() {
		<-copied
		exited <- cmd.Wait()
	}()

	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("server log:\n%s", log.String())
		}
	})

	var url string
	select {
	case url = <-found:
	case err := <-exited:
		t.Fatalf("the server stopped before it served: %v\n%s", err, log.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("the server did not say where it listens within 30s:\n%s", log.String())
	}
	waitHealthy(t, url)
	return &site{URL: url}
}

// waitHealthy polls /healthz until it answers 200, for at most 10 seconds.
func waitHealthy(t *testing.T, url string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/healthz", nil)
		if err != nil {
			t.Fatal(err)
		}
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s/healthz did not answer 200 within 10s", url)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// lockedBuffer is a bytes.Buffer that two goroutines can write and read.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// staffPassword is the password of the staff accounts every test site has.
const staffPassword = "a browser-test password"

// addStaff creates an admin and an editor in a new database, with the
// binary's own user command, before the server starts.
func addStaff(t *testing.T, dbPath string) {
	t.Helper()
	for _, u := range []struct{ email, name, role string }{
		{"admin@example.org", "Ada Admin", "admin"},
		{"editor@example.org", "Ed Editor", "editor"},
	} {
		cmd := exec.Command(binary, "user", "add", "-email", u.email, "-name", u.name, "-role", u.role, "-db", dbPath)
		cmd.Stdin = strings.NewReader(staffPassword + "\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("add %s: %v\n%s", u.email, err, out)
		}
	}
}

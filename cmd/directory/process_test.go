package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/sqlite"
)

// These tests run the real binary as a child process, as production does.

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// directoryBinary builds cmd/directory once for the package's tests.
func directoryBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "directory-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "directory")
		out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// child is a running `directory serve` process.
type child struct {
	cmd  *exec.Cmd
	addr string
	logs *syncBuffer
	done chan error
}

func startChild(t *testing.T, dbPath string) *child {
	t.Helper()
	return startChildWith(t, dbPath)
}

// startChildWith starts `directory serve` with more flags.
func startChildWith(t *testing.T, dbPath string, flags ...string) *child {
	t.Helper()
	c := &child{addr: freeAddr(t), logs: &syncBuffer{}, done: make(chan error, 1)}
	c.cmd = exec.Command(directoryBinary(t), append([]string{"serve", "-addr", c.addr, "-db", dbPath}, flags...)...)
	c.cmd.Stdout, c.cmd.Stderr = c.logs, c.logs
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.done <- c.cmd.Wait() }()
	t.Cleanup(func() { c.cmd.Process.Kill(); <-c.doneOnce() })
	// As long as start-up takes on a loaded machine, but no longer than the
	// child runs.
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); {
		if resp, err := http.Get("http://" + c.addr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return c
			}
		}
		if c.exited() {
			t.Fatalf("child stopped before answering:\n%s", c.logs)
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("child did not start in two minutes:\n%s", c.logs)
	return nil
}

// exited reports, without waiting, whether the child has stopped.
func (c *child) exited() bool {
	select {
	case err := <-c.done:
		c.done <- err // leave it for the next reader
		return true
	default:
		return false
	}
}

// doneOnce returns a channel that yields the exit once, however often it is asked.
func (c *child) doneOnce() <-chan error {
	out := make(chan error, 1)
	go func() {
		err, ok := <-c.done
		if ok {
			c.done <- err // leave it for the next reader
		}
		out <- err
	}()
	return out
}

func addAdmin(t *testing.T, dbPath string) {
	t.Helper()
	cmd := exec.Command(directoryBinary(t), "user", "add", "-email", "crash@example.org", "-name", "Crash Tester", "-role", "admin", "-db", dbPath)
	cmd.Stdin = strings.NewReader("a long crash-test password\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
}

// staffClient logs in to a child and returns a client that keeps the session.
func staffClient(t *testing.T, addr string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 5 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := postForm(c, addr, "/staff/login", url.Values{"email": {"crash@example.org"}, "password": {"a long crash-test password"}})
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("login: %d", resp.StatusCode)
	}
	return c, nil
}

func postForm(c *http.Client, addr, path string, form url.Values) (*http.Response, error) {
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://"+addr)
	return c.Do(req)
}

var basedOnField = regexp.MustCompile(`name="based_on" value="(\d+)"`)

// rateOnce changes one cell's rating with a unique reason and reports whether
// the server acknowledged it with its redirect.
func rateOnce(c *http.Client, addr, cell, reason string) (bool, error) {
	resp, err := c.Get("http://" + addr + "/staff/coverage/" + cell)
	if err != nil {
		return false, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := basedOnField.FindSubmatch(body)
	if m == nil {
		return false, fmt.Errorf("no based_on in the form (status %d)", resp.StatusCode)
	}
	resp, err = postForm(c, addr, "/staff/coverage/"+cell, url.Values{
		"rating": {"amber"}, "reason": {reason}, "effective_from": {"2026-01-01"}, "based_on": {string(m[1])}})
	if err != nil {
		return false, err
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusSeeOther, nil
}

// TestCrashSafety kills the server with SIGKILL at random moments while staff
// edits are in flight, restarts it, and checks that the database is sound and
// that every acknowledged edit survived. Run it with -v to see the counts.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	dbPath := filepath.Join(t.TempDir(), "crash.db")
	addAdmin(t, dbPath)
	cells := []string{"home-start/poole", "family-nurse-partnership/isle-of-wight", "camhs-under-5s/dorset", "parent-infant-partnership/hampshire"}

	var mu sync.Mutex
	acknowledged := map[string]bool{}
	attempted, kills := 0, 0
	const rounds = 5
	for round := range rounds {
		srv := startChild(t, dbPath)
		var wg sync.WaitGroup
		// The kill comes at a random moment after the round's first
		// acknowledged edit, so a slow machine still has edits in flight.
		firstAck := make(chan struct{})
		var once sync.Once
		for w, cell := range cells {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c, err := staffClient(t, srv.addr)
				if err != nil {
					return // killed before the login finished
				}
				for n := 0; n < 200; n++ {
					reason := fmt.Sprintf("crash r%d w%d n%d", round, w, n)
					mu.Lock()
					attempted++
					mu.Unlock()
					ok, err := rateOnce(c, srv.addr, cell, reason)
					if err != nil {
						return // the server died under us
					}
					if ok {
						mu.Lock()
						acknowledged[reason] = true
						mu.Unlock()
						once.Do(func() { close(firstAck) })
					}
				}
			}()
		}
		select {
		case <-firstAck:
		case <-time.After(30 * time.Second):
			t.Fatalf("round %d: no edit was acknowledged within 30s", round+1)
		}
		time.Sleep(time.Duration(50+rand.IntN(300)) * time.Millisecond)
		if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		<-srv.doneOnce()
		kills++
		wg.Wait()
	}

	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, err := db.IntegrityCheck(context.Background()); err != nil || v != "ok" {
		t.Fatalf("integrity_check after %d kills: %q, %v", kills, v, err)
	}
	stored := map[string]bool{}
	for _, cell := range cells {
		typ, area, _ := strings.Cut(cell, "/")
		history, err := db.CellHistory(context.Background(), typ, area)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range history {
			stored[c.Reason] = true
		}
	}
	lost := 0
	for reason := range acknowledged {
		if !stored[reason] {
			lost++
			t.Errorf("acknowledged edit %q is missing after the crashes", reason)
		}
	}
	if len(acknowledged) == 0 {
		t.Fatal("no edit was acknowledged: the test proved nothing")
	}
	t.Logf("crash test: %d kills survived, %d edits attempted, %d acknowledged, %d acknowledged edits lost", kills, attempted, len(acknowledged), lost)
}

// TestGracefulShutdown sends SIGTERM while a request is half sent: the server
// must finish it, answer, close the database cleanly and exit 0. The request
// asks for "100 Continue", so the test knows the handler is reading its body
// before it sends the signal.
func TestGracefulShutdown(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "graceful.db")
	srv := startChild(t, dbPath)

	body := url.Values{"email": {"nobody@example.org"}, "password": {"not a password at all"}}.Encode()
	conn, err := net.Dial("tcp", srv.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	fmt.Fprintf(conn, "POST /staff/login HTTP/1.1\r\nHost: %s\r\nOrigin: http://%s\r\n"+
		"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n",
		srv.addr, srv.addr, len(body))
	reader := bufio.NewReader(conn)
	status, err := reader.ReadString('\n')
	if err != nil || !strings.Contains(status, "100 Continue") {
		t.Fatalf("no 100 Continue: %q, %v", status, err)
	}
	reader.ReadString('\n') // the blank line after it

	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The server must still be waiting for this request's body.
	select {
	case err := <-srv.doneOnce():
		t.Fatalf("the server exited (%v) with a request in flight", err)
	case <-time.After(300 * time.Millisecond):
	}
	if _, err := io.WriteString(conn, body); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(reader, nil)
	if err != nil {
		t.Fatalf("the request in flight got no answer: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the request in flight got %d, want its answer (401)", resp.StatusCode)
	}
	if err := <-srv.doneOnce(); err != nil {
		t.Errorf("exit after SIGTERM: %v\n%s", err, srv.logs)
	}
	if !strings.Contains(srv.logs.String(), "stopped") {
		t.Errorf("no clean stop in the log:\n%s", srv.logs)
	}
	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.IntegrityCheck(context.Background()); v != "ok" {
		t.Errorf("integrity after shutdown: %q", v)
	}
}

// TestBackupWhileServing copies the database with the backup command while
// the server is running and staff are editing.
func TestBackupWhileServing(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "live.db")
	addAdmin(t, dbPath)
	srv := startChild(t, dbPath)
	c, err := staffClient(t, srv.addr)
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := rateOnce(c, srv.addr, "home-start/poole", fmt.Sprintf("live %d", n)); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	var out bytes.Buffer
	err = run(context.Background(), []string{"backup", "-db", dbPath, copyPath}, nil, &out, io.Discard)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	copyDB, err := sqlite.Open(context.Background(), copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	if v, _ := copyDB.IntegrityCheck(context.Background()); v != "ok" {
		t.Errorf("integrity of the live copy: %q", v)
	}
	m, err := copyDB.Matrix(context.Background(), "2019-07-01")
	if err != nil || len(m.Cells) != 49 {
		t.Errorf("the copy's 2019 matrix: %v cells, %v", len(m.Cells), err)
	}
	scanner := bufio.NewScanner(strings.NewReader(out.String()))
	if !scanner.Scan() || !strings.Contains(scanner.Text(), "Copied") {
		t.Errorf("backup said %q", out.String())
	}
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/postgres/pgtest"
)

// startPGChild starts `directory serve` on the PostgreSQL database at
// databaseURL, named by the environment as an operator would name it, with
// -db pointing at a file that must never be made.
func startPGChild(t *testing.T, databaseURL, unusedDB string) *child {
	t.Helper()
	c := &child{addr: freeAddr(t), logs: &syncBuffer{}, done: make(chan error, 1)}
	c.cmd = exec.Command(directoryBinary(t), "serve", "-addr", c.addr, "-db", unusedDB)
	c.cmd.Env = append(os.Environ(), "DATABASE_URL="+databaseURL)
	c.cmd.Stdout, c.cmd.Stderr = c.logs, c.logs
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.done <- c.cmd.Wait() }()
	t.Cleanup(func() { c.cmd.Process.Kill(); <-c.doneOnce() })
	return c
}

// waitUntil asks ready every 50 ms until it says yes, failing the test
// after limit: a generous bound for a loaded machine, not a measure of
// speed. It returns how long it took.
func waitUntil(t *testing.T, what string, limit time.Duration, ready func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < limit {
		if ready() {
			return time.Since(start)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s: not within %s", what, limit)
	return 0
}

func status(addr, path string) int {
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get("http://" + addr + path)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// cellRating reads one cell's rating from a server's /api/v1/coverage.
func cellRating(t *testing.T, addr, serviceType, area string) string {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/api/v1/coverage")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	var body struct {
		Cells []struct {
			ServiceType string `json:"service_type"`
			Area        string `json:"area"`
			Rating      string `json:"rating"`
		} `json:"cells"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("read /api/v1/coverage from %s: %v", addr, err)
	}
	for _, c := range body.Cells {
		if c.ServiceType == serviceType && c.Area == area {
			return c.Rating
		}
	}
	return ""
}

func coverageCells(t *testing.T, addr string) int {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/api/v1/coverage")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Cells []json.RawMessage `json:"cells"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return len(body.Cells)
}

// TestTwoServersOverPostgres starts PostgreSQL, then two `directory serve`
// processes at once over one database, and checks what several app servers
// behind a load balancer need: both migrate safely and serve the report's
// data; a rating changed through one shows on the other; twenty editors
// across the two saving the same version give exactly one save; SIGKILL on
// one under load leaves the other answering without errors; and the one
// left survives a PostgreSQL restart, saying so on /healthz meanwhile, with
// no acknowledged write lost. Run it with -v to see the figures.
func TestTwoServersOverPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("process test skipped in -short mode")
	}
	cluster := pgtest.StartCluster(t)
	dbURL := cluster.URL("directory")
	unused := filepath.Join(t.TempDir(), "never.db")

	// Both at once, on a database nobody has migrated.
	var a, b *child
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); a = startPGChild(t, dbURL, unused) }()
	go func() { defer wg.Done(); b = startPGChild(t, dbURL, unused) }()
	wg.Wait()
	for _, c := range []*child{a, b} {
		waitUntil(t, "a server answers /healthz", 2*time.Minute, func() bool {
			if c.exited() {
				t.Fatalf("a server stopped:\n%s", c.logs)
			}
			return status(c.addr, "/healthz") == http.StatusOK
		})
	}
	if n := strings.Count(a.logs.String()+b.logs.String(), "seeded a new database"); n != 1 {
		t.Errorf("the database was seeded %d times, want once:\n%s\n%s", n, a.logs, b.logs)
	}
	for _, c := range []*child{a, b} {
		if n := coverageCells(t, c.addr); n != 49 {
			t.Errorf("%s serves %d coverage cells, want the report's 49", c.addr, n)
		}
	}
	if _, err := os.Stat(unused); !os.IsNotExist(err) {
		t.Errorf("a SQLite file was made at %s with DATABASE_URL set (%v)", unused, err)
	}

	cmd := exec.Command(directoryBinary(t), "user", "add", "-email", "crash@example.org", "-name", "Crash Tester", "-role", "admin")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL)
	cmd.Stdin = strings.NewReader("a long crash-test password\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	staffA, err := staffClient(t, a.addr)
	if err != nil {
		t.Fatal(err)
	}
	staffB, err := staffClient(t, b.addr)
	if err != nil {
		t.Fatal(err)
	}
	acknowledged := map[string]string{} // reason → cell

	// A rating changed on one server shows on the other's cached pages.
	if r := cellRating(t, b.addr, "home-start", "poole"); r != "red" {
		t.Fatalf("Home-Start in Poole reads %q on the second server, want the report's red", r)
	}
	cellRating(t, b.addr, "home-start", "poole") // kept in its cache now
	if ok, err := rateOnce(staffA, a.addr, "home-start/poole", "two servers: seen by the other"); err != nil || !ok {
		t.Fatalf("rate through the first server: %v, %v", ok, err)
	}
	acknowledged["two servers: seen by the other"] = "home-start/poole"
	took := waitUntil(t, "the second server shows the first's rating", 10*time.Second, func() bool {
		return cellRating(t, b.addr, "home-start", "poole") == "amber"
	})
	t.Logf("a rating saved through one server showed on the other's cached page after %s", took.Round(time.Millisecond))

	// Twenty editors, ten on each server, save the same version of a cell.
	const cell = "family-nurse-partnership/isle-of-wight"
	form := func(c *http.Client, addr string) string {
		resp, err := c.Get("http://" + addr + "/staff/coverage/" + cell)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		m := basedOnField.FindStringSubmatch(string(body))
		if m == nil {
			t.Fatalf("no based_on on %s's cell form (status %d)", addr, resp.StatusCode)
		}
		return m[1]
	}
	basedOn := form(staffA, a.addr)
	if other := form(staffB, b.addr); other != basedOn {
		t.Fatalf("the two servers' forms start from %s and %s", basedOn, other)
	}
	results := make(chan int, 20)
	for i := range 20 {
		c, addr := staffA, a.addr
		if i%2 == 1 {
			c, addr = staffB, b.addr
		}
		go func() {
			resp, err := postForm(c, addr, "/staff/coverage/"+cell, url.Values{
				"rating": {"amber"}, "reason": {fmt.Sprintf("editor %d", i)}, "effective_from": {"2026-01-01"}, "based_on": {basedOn}})
			if err != nil {
				results <- 0
				return
			}
			resp.Body.Close()
			results <- resp.StatusCode
		}()
	}
	saved, refused := 0, 0
	for range 20 {
		switch code := <-results; code {
		case http.StatusSeeOther:
			saved++
		case http.StatusConflict:
			refused++
		default:
			t.Errorf("an editor's save answered %d", code)
		}
	}
	if saved != 1 || refused != 19 {
		t.Errorf("twenty editors on one version: %d saved, %d refused as conflicts; want exactly one saved", saved, refused)
	}

	// SIGKILL on one server, under load: the other answers every request.
	stop := make(chan struct{})
	var failures, served int64
	var mu sync.Mutex
	var load sync.WaitGroup
	for w := range 8 {
		load.Add(1)
		go func() {
			defer load.Done()
			paths := []string{"/coverage", "/find?q=Gosport", "/api/v1/services", "/areas/hampshire"}
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				code := status(b.addr, paths[(w+n)%len(paths)])
				mu.Lock()
				served++
				if code != http.StatusOK {
					failures++
				}
				mu.Unlock()
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-a.doneOnce()
	time.Sleep(time.Second)
	close(stop)
	load.Wait()
	if failures != 0 || served == 0 {
		t.Errorf("with the first server killed, the second answered %d of %d requests with an error", failures, served)
	}
	t.Logf("while the first server was killed, the second answered %d requests without an error", served)

	// PostgreSQL restarts under the server that is left.
	cluster.Stop()
	waitUntil(t, "/healthz says the database is down", time.Minute, func() bool {
		return status(b.addr, "/healthz") == http.StatusServiceUnavailable
	})
	cluster.Start()
	took = waitUntil(t, "/healthz answers 200 again once PostgreSQL is back", 2*time.Minute, func() bool {
		return status(b.addr, "/healthz") == http.StatusOK
	})
	t.Logf("the server was healthy again %s after PostgreSQL came back", took.Round(time.Millisecond))
	if ok, err := rateOnce(staffB, b.addr, "home-start/poole", "after the restart"); err != nil || !ok {
		t.Fatalf("rate after the restart: %v, %v", ok, err)
	}
	acknowledged["after the restart"] = "home-start/poole"

	// No acknowledged write is lost.
	db, err := postgres.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stored := map[string]bool{}
	for _, cell := range []string{"home-start/poole", cell} {
		typ, area, _ := strings.Cut(cell, "/")
		history, err := db.CellHistory(context.Background(), typ, area)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range history {
			stored[c.Reason] = true
		}
	}
	for reason := range acknowledged {
		if !stored[reason] {
			t.Errorf("the acknowledged rating %q is not in the history", reason)
		}
	}
	editors := 0
	for reason := range stored {
		if strings.HasPrefix(reason, "editor ") {
			editors++
		}
	}
	if editors != 1 {
		t.Errorf("%d of the twenty editors' saves are in the history, want exactly one", editors)
	}
}

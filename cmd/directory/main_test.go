package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/wessex-network/directory/migrations"
)

// freeAddr returns a loopback address with a port nobody is using.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// syncBuffer is a bytes.Buffer safe for the server's logger and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `directory serve` until the test ends, and waits until it answers.
func startServe(t *testing.T, dbPath string) (string, *syncBuffer) {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "-addr", addr, "-db", dbPath}, nil, io.Discard, logs) }()
	exited := make(chan error, 1) // serve's result, once it has returned
	t.Cleanup(func() {
		cancel()
		err, ok := <-exited
		if !ok {
			err = <-done
		}
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	})
	// Wait for as long as seeding takes on a loaded machine, but no longer
	// than serve runs: a serve that stops fails the test at once.
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); {
		select {
		case err := <-done:
			exited <- err
			t.Fatalf("serve stopped before answering (%v); logs:\n%s", err, logs)
		default:
		}
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				close(exited)
				return addr, logs
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	close(exited)
	t.Fatalf("server did not answer in two minutes; logs:\n%s", logs)
	return "", nil
}

func TestServeSeedsANewDatabaseOnce(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "new", "directory.db")
	addr, logs := startServe(t, dbPath)
	if !strings.Contains(logs.String(), "seeded a new database") {
		t.Errorf("first start did not seed; logs:\n%s", logs)
	}
	resp, err := http.Get(fmt.Sprintf("http://%s/api/v1/coverage", addr))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if n := strings.Count(string(body), `"service_type":`); n != 49 {
		t.Errorf("coverage has %d cells, want 49", n)
	}
}

func TestServeDoesNotReseed(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "directory.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"seed", "-db", dbPath}, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "49 coverage cells") {
		t.Errorf("seed said %q", out.String())
	}
	_, logs := startServe(t, dbPath)
	if strings.Contains(logs.String(), "seeded a new database") {
		t.Error("serve seeded a database that already had data")
	}
}

func TestSeedTwiceAddsNothing(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "directory.db")
	for i, want := range []string{"49 coverage cells", "0 coverage cells"} {
		var out bytes.Buffer
		if err := run(context.Background(), []string{"seed", "-db", dbPath}, nil, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("seed %d said %q, want %q", i+1, out.String(), want)
		}
	}
}

func TestSeedRefusesABadDataset(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "areas.csv"), "slug,name,kind,parent\nNot A Slug,North,region,\n")
	err := run(context.Background(), []string{"seed", "-db", filepath.Join(dir, "x.db"), "-seeds", dir}, nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "slug must be") {
		t.Errorf("bad dataset gave %v", err)
	}
}

func TestUnknownSubcommand(t *testing.T) {
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"fly"}, nil, io.Discard, &stderr); err == nil {
		t.Error("an unknown subcommand succeeded")
	}
	if !strings.Contains(stderr.String(), "Usage:") {
		t.Error("no usage shown")
	}
}

// TestServeReplacesTheUncheckedGazetteer starts the server on a database
// holding rows of the first, unchecked gazetteer, as a database made before
// migration 00050 would: the migration removes them and the server loads the
// checked gazetteer in their place.
func TestServeReplacesTheUncheckedGazetteer(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "directory.db")
	if err := run(context.Background(), []string{"seed", "-db", dbPath}, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	// Turn the database back to before 00050, undoing the migrations after
	// it too, with one stale row: SO16 in Hampshire, as the first gazetteer
	// had it.
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	provider, err := goose.NewProvider(goose.DialectSQLite3, db, migrations.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := provider.DownTo(context.Background(), 49); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DELETE FROM places`,
		`INSERT INTO places (name, kind, area_id, note, source) VALUES ('SO16', 'postcode_district',
			(SELECT id FROM areas WHERE slug = 'hampshire'), '', 'Project gazetteer, compiled 2026 from general knowledge; to be checked by staff')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	addr, logs := startServe(t, dbPath)
	if !strings.Contains(logs.String(), "loaded the gazetteer into a database that had none") {
		t.Errorf("the gazetteer was not refilled; logs:\n%s", logs)
	}
	resp, err := http.Get("http://" + addr + "/find?q=SO16")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(body)
	if !strings.Contains(page, "Which area is SO16 in?") || !strings.Contains(page, "Test Valley") || strings.Contains(page, ">Hampshire</a>") {
		t.Errorf("SO16 does not offer Test Valley and Southampton alone; page:\n%s", page)
	}
}

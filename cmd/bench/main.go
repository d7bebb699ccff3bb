// Command bench measures the directory under load on this machine. It starts
// `directory serve` on a loopback port, once over a fresh database seeded
// with the Wessex report and once over a synthetic England from
// `directory demo-data`, loads each public route from many connections for a
// bounded time, and loads a baseline (a bare Go handler serving the same
// bytes from memory) in the same run. It prints requests per second, median
// and 99th percentile latency, the ratio to the baseline, the server's peak
// memory and its cold start, as Markdown for docs/benchmarks.md.
//
// Usage:
//
//	bench -bin bin/directory [-conns 64] [-duration 5s] [-rounds 20] [-services 50000] [-only seeded|national]
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"
)

func main() {
	bin := flag.String("bin", "bin/directory", "the directory binary to measure")
	conns := flag.Int("conns", 64, "connections, each sending one request after another")
	duration := flag.Duration("duration", 5*time.Second, "how long to load each route (at most 30s)")
	services := flag.Int("services", 50_000, "services in the synthetic England")
	flag.IntVar(&rounds, "rounds", rounds, "alternating turns of the server and the baseline for each route")
	only := flag.String("only", "", "measure one dataset only: seeded or national")
	pgURL := flag.String("database-url", "", "measure the directory on PostgreSQL: a postgres:// URL to a server where the bench may create and drop its own databases (directory_bench_*); SQLite when empty")
	baselineFile := flag.String("baseline-serve", "", "internal: serve this file as the baseline")
	baselineType := flag.String("baseline-type", "text/html; charset=utf-8", "internal: the baseline's Content-Type")
	baselineAddr := flag.String("baseline-addr", "", "internal: the baseline's loopback address")
	flag.Parse()

	if *baselineFile != "" {
		if err := serveBaseline(*baselineAddr, *baselineFile, *baselineType); err != nil {
			fmt.Fprintln(os.Stderr, "baseline:", err)
			os.Exit(1)
		}
		return
	}
	if *duration <= 0 || *duration > 30*time.Second || *conns < 1 || *conns > 256 || rounds < 1 || rounds > 200 {
		fmt.Fprintln(os.Stderr, "bench: -duration must be up to 30s, -conns from 1 to 256 and -rounds from 1 to 200")
		os.Exit(2)
	}
	if err := benchmark(*bin, *conns, *duration, *services, *only, *pgURL, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// dataset is one database the directory is measured over.
type dataset struct {
	key     string // as -only names it
	name    string
	prepare func(dbPath string) (string, error) // makes the SQLite database; returns a note
	area    string                              // an area slug to load
	place   string                              // a place to find
}

// rounds is how many turns the server and the baseline take; set by -rounds.
// Many short turns let both meet the same background load on a shared
// machine, where a few long ones let a burst of other work land on one side.
var rounds = 20

// routes are the public routes measured, with {area}, {service} and {place}
// filled in for each dataset.
var routes = []string{"/", "/coverage", "/areas/{area}", "/services/{service}", "/find?q={place}", "/api/v1/services"}

func benchmark(bin string, conns int, duration time.Duration, services int, only, pgURL string, out io.Writer) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "directory-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	fmt.Fprintf(out, "## Run of %s\n\n", time.Now().UTC().Format("2006-01-02"))
	fmt.Fprint(out, machine())
	engine := "SQLite (one file, the default)"
	if pgURL != "" {
		engine = "PostgreSQL at " + redact(pgURL) + ", " + serverVersion(pgURL)
	}
	fmt.Fprintf(out, "- store: %s\n", engine)
	fmt.Fprintf(out, "- load: %d connections; for each route, %s on the server and %s on the baseline, in %d alternating turns after a 500 ms warm-up of each; no compression asked for; the load generator runs on the same machine\n\n", conns, duration, duration, rounds)

	sets := []dataset{
		{key: "seeded", name: "seeded (Wessex report)", area: "hampshire", place: "Gosport",
			prepare: func(string) (string, error) { return "migrated and seeded by `serve` on start", nil }},
		{key: "national", name: fmt.Sprintf("national (synthetic, %d services)", services), area: "synthetic-area-001", place: "Synthetic+area+001",
			prepare: func(dbPath string) (string, error) {
				start := time.Now()
				cmd := exec.Command(bin, "demo-data", "-db", dbPath, "-services", fmt.Sprint(services))
				msg, err := cmd.CombinedOutput()
				if err != nil {
					return "", fmt.Errorf("demo-data: %w\n%s", err, msg)
				}
				return fmt.Sprintf("made by `directory demo-data` in %s (%s)", time.Since(start).Round(100*time.Millisecond),
					strings.TrimSpace(strings.SplitN(string(msg), "\n", 2)[1])), nil
			}},
	}
	for i, ds := range sets {
		if only != "" && only != ds.key {
			continue
		}
		dbPath := filepath.Join(dir, fmt.Sprintf("dataset-%d.db", i))
		var dbURL string
		if pgURL != "" {
			// The same dataset, moved into a new PostgreSQL database: the
			// seeded one is seeded by serve itself; the national one is made
			// in SQLite and copied across with `directory transfer`.
			if dbURL, err = freshDatabase(pgURL, "directory_bench_"+ds.key); err != nil {
				return err
			}
		}
		note, err := ds.prepare(dbPath)
		if err != nil {
			return err
		}
		if dbURL != "" && ds.key != "seeded" {
			start := time.Now()
			if msg, err := exec.Command(bin, "transfer", "-db", dbPath, "-to", dbURL).CombinedOutput(); err != nil {
				return fmt.Errorf("transfer: %w\n%s", err, msg)
			}
			note += fmt.Sprintf(", then copied into PostgreSQL by `directory transfer` in %s", time.Since(start).Round(100*time.Millisecond))
		}
		if err := measureDataset(bin, dir, dbPath, dbURL, ds, note, conns, duration, out); err != nil {
			return fmt.Errorf("%s: %w", ds.name, err)
		}
	}
	fmt.Fprintf(out, "Load average at the end (1, 5, 15 min): %s\n", loadAverage())
	return nil
}

func measureDataset(bin, dir, dbPath, dbURL string, ds dataset, note string, conns int, duration time.Duration, out io.Writer) error {
	srv, err := startDirectory(bin, dbPath, dbURL)
	if err != nil {
		return err
	}
	defer srv.stop()
	base := "http://" + srv.addr
	service, err := firstService(base + "/areas/" + ds.area)
	if err != nil {
		return err
	}

	fmt.Fprintf(out, "### %s\n\n", ds.name)
	fmt.Fprintf(out, "- database: %s\n", note)
	fmt.Fprintf(out, "- cold start (process start to the first healthy /healthz): %s\n\n", srv.coldStart.Round(time.Millisecond))
	fmt.Fprintln(out, "| route | body | req/s | p50 | p99 | baseline req/s | baseline p99 | ratio |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, pattern := range routes {
		path := strings.NewReplacer("{area}", ds.area, "{service}", service, "{place}", ds.place).Replace(pattern)
		body, contentType, status, err := fetch(base + path)
		if err != nil {
			return err
		}
		if status == http.StatusNotFound {
			fmt.Fprintf(out, "| `%s` | not on this branch (404) | | | | | | |\n", path)
			continue
		}
		bl, addr, err := startBaseline(dir, body, contentType)
		if err != nil {
			return err
		}
		got, want, err := compare(conns, base+path, "http://"+addr+"/", duration, rounds)
		bl.Process.Kill()
		bl.Wait()
		if err != nil {
			return err
		}
		failures := ""
		if got.failures > 0 {
			failures = fmt.Sprintf(" (%d failed)", got.failures)
		}
		fmt.Fprintf(out, "| `%s` | %s | %.0f%s | %s | %s | %.0f | %s | %.2f |\n", path, size(got.bytes), got.perSecond(), failures,
			ms(got.percentile(50)), ms(got.percentile(99)), want.perSecond(), ms(want.percentile(99)), got.perSecond()/want.perSecond())
	}
	rss, err := srv.peakRSS()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nPeak RSS of the server (VmHWM): %s\n\n", rss)
	return nil
}

// fetch gets a page once, for its bytes and Content-Type.
func fetch(url string) ([]byte, string, int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, "", 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return body, resp.Header.Get("Content-Type"), resp.StatusCode, err
}

var serviceLink = regexp.MustCompile(`href="/services/([a-z0-9-]+)"`)

// firstService finds a service the area page links to.
func firstService(areaURL string) (string, error) {
	body, _, status, err := fetch(areaURL)
	if err != nil {
		return "", err
	}
	m := serviceLink.FindSubmatch(body)
	if status != http.StatusOK || m == nil {
		return "", fmt.Errorf("%s (%d) links to no service", areaURL, status)
	}
	return string(m[1]), nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.0f kB", float64(n)/1024)
}

func numCPU() int       { return runtime.NumCPU() }
func goVersion() string { return runtime.Version() }

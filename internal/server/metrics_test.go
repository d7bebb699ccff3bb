package server_test

import (
	"context"
	"strings"
	"testing"
)

func TestMetrics(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	e.fetch(t, c, "/areas/hampshire", nil)
	e.fetch(t, c, "/areas/dorset", nil)
	e.fetch(t, c, "/areas/dorset", nil)
	e.fetch(t, c, "/no-such-page", nil)
	r := e.fetch(t, c, "/metrics", nil)
	if r.StatusCode != 200 {
		t.Fatalf("/metrics: %d", r.StatusCode)
	}
	for _, want := range []string{
		// By route pattern, never the raw path: three requests, one series.
		`directory_http_request_duration_seconds_count{method="GET",route="/areas/{slug}",status="2xx"} 3`,
		`directory_http_request_duration_seconds_count{method="GET",route="unmatched",status="4xx"} 1`,
		`directory_page_cache_hits_total 1`,
		`directory_page_cache_misses_total 2`,
		`directory_page_cache_evictions_total 0`,
		`directory_page_cache_bytes`,
		`directory_content_version`,
		`go_goroutines`,
	} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// Every pool the store has, by the name it gives it: SQLite's writer
	// and readers, or PostgreSQL's one pool.
	pools := e.db.PoolStats()
	if len(pools) == 0 {
		t.Error("the store reports no connection pool")
	}
	for name := range pools {
		for _, metric := range []string{"open", "in_use", "idle"} {
			if want := `directory_database_connections_` + metric + `{pool="` + name + `"}`; !strings.Contains(r.Body, want) {
				t.Errorf("metrics lack %s", want)
			}
		}
		if want := `directory_database_connection_waits_total{pool="` + name + `"}`; !strings.Contains(r.Body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(r.Body, "/areas/hampshire") {
		t.Error("a raw path became a label")
	}
}

func TestSyntheticDataIsMarkedEverywhere(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	if r := e.fetch(t, c, "/", nil); strings.Contains(r.Body, "synthetic-notice") || r.Header.Get("X-Dataset") != "" {
		t.Fatal("the real dataset is marked synthetic")
	}
	if err := e.db.MarkSynthetic(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/coverage", "/areas/hampshire", "/services/roberts-centre", "/indicators", "/about", "/no-such-page"} {
		r := e.fetch(t, c, path, nil)
		if !strings.Contains(r.Body, `data-testid="synthetic-notice"`) || !strings.Contains(r.Body, "Synthetic data for testing: not real services") {
			t.Errorf("%s does not warn that the data is synthetic", path)
		}
		if r.Header.Get("X-Dataset") != "synthetic" {
			t.Errorf("%s: X-Dataset %q", path, r.Header.Get("X-Dataset"))
		}
	}
	for _, path := range []string{"/api/v1/coverage", "/coverage.csv"} {
		if r := e.fetch(t, c, path, nil); r.Header.Get("X-Dataset") != "synthetic" {
			t.Errorf("%s: X-Dataset %q", path, r.Header.Get("X-Dataset"))
		}
	}
	if r := e.fetch(t, c, "/coverage.csv", nil); !strings.Contains(r.Header.Get("Content-Disposition"), `filename="synthetic-coverage-`) {
		t.Errorf("CSV file name %q does not say synthetic", r.Header.Get("Content-Disposition"))
	}
}

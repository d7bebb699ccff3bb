package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/demo"
	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/internal/server"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
	"github.com/wessex-network/directory/seeds"
)

// benchServer builds a server over a new store of the run's engine (see
// storeEnv) loaded by load, logging nowhere.
func benchServer(b *testing.B, load func(directory.Store) error) *server.Server {
	b.Helper()
	db := openStore(b)
	if err := load(db); err != nil {
		b.Fatal(err)
	}
	return server.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), server.WithAccessLog(io.Discard))
}

// BenchmarkPages serves public pages through the whole handler chain, without
// the network: "cached" is a page cache hit; "rendered" sends a session
// cookie, which makes the cache step aside, so it measures the queries and
// the rendering.
func BenchmarkPages(b *testing.B) {
	seeded := benchServer(b, func(db directory.Store) error {
		ds, err := seed.Parse(seeds.Wessex())
		if err != nil {
			return err
		}
		_, err = db.Load(context.Background(), ds)
		return err
	})
	national := benchServer(b, func(db directory.Store) error {
		_, err := db.Load(context.Background(), demo.England(demo.Size{Services: 5000}))
		return err
	})
	sets := []struct {
		name  string
		srv   *server.Server
		paths []string
	}{
		{"seeded", seeded, []string{"/", "/coverage", "/areas/hampshire", "/services/roberts-centre"}},
		{"national-5000", national, []string{"/", "/coverage", "/areas/synthetic-area-001", "/services/synthetic-service-00001"}},
	}
	for _, set := range sets {
		for _, path := range set.paths {
			for _, mode := range []string{"cached", "rendered"} {
				b.Run(set.name+"/"+mode+path, func(b *testing.B) {
					req := httptest.NewRequest(http.MethodGet, path, nil)
					if mode == "rendered" {
						req.AddCookie(&http.Cookie{Name: "directory_session", Value: "bench"})
					}
					for b.Loop() {
						w := &discardWriter{header: http.Header{}}
						set.srv.ServeHTTP(w, req)
						if w.status != http.StatusOK || w.bytes == 0 {
							b.Fatalf("%s: %d, %d bytes", path, w.status, w.bytes)
						}
					}
				})
			}
		}
	}
}

// discardWriter counts what a handler writes and keeps none of it, so a
// benchmark measures the server rather than a recorder's growing buffer.
type discardWriter struct {
	header http.Header
	status int
	bytes  int
}

func (w *discardWriter) Header() http.Header { return w.header }

func (w *discardWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.bytes += len(b)
	return len(b), nil
}

func (w *discardWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

// BenchmarkORUKAPI serves the Open Referral UK endpoints whose cost grows
// with the number of services, past the page cache (a session cookie makes it
// step aside), on a synthetic England of 5,000 services.
//
// Neither the synthetic England nor the Wessex seeds record an address, so
// one service in ten is given a made-up one here, for the places to list.
func BenchmarkORUKAPI(b *testing.B) {
	srv := benchServer(b, func(db directory.Store) error {
		ds := demo.England(demo.Size{Services: 5000})
		for i := range ds.Services {
			if i%10 == 0 {
				ds.Services[i].Contact.Address = fmt.Sprintf("%d Synthetic Street", i)
			}
		}
		_, err := db.Load(context.Background(), ds)
		return err
	})
	term := func(ref string) string { return directory.StableUUID("taxonomy-term", ref) }
	for _, c := range []struct{ name, path string }{
		{"taxonomy_terms", "/api/v1/taxonomy_terms"},
		{"service", "/api/v1/services/" + directory.StableUUID("service", "synthetic-service-00001")},
		{"services-by-intervention", "/api/v1/services?taxonomy_term_id=" + term("intervention/synthetic-intervention-7")},
		{"services-by-stage", "/api/v1/services?taxonomy_term_id=" + term("stage/under-1")},
		{"service_at_locations", "/api/v1/service_at_locations"},
		{"service_at_location", "/api/v1/service_at_locations/" + directory.StableUUID("service-at-location", "synthetic-service-02501")},
	} {
		b.Run("national-5000/"+c.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, c.path, nil)
			req.AddCookie(&http.Cookie{Name: "directory_session", Value: "bench"})
			first := httptest.NewRecorder()
			srv.ServeHTTP(first, req)
			if first.Code != http.StatusOK || strings.Contains(first.Body.String(), `"empty":true`) {
				b.Fatalf("%s: %d %.200s", c.path, first.Code, first.Body)
			}
			for b.Loop() {
				w := &discardWriter{header: http.Header{}}
				srv.ServeHTTP(w, req)
				if w.status != http.StatusOK || w.bytes == 0 {
					b.Fatalf("%s: %d, %d bytes", c.path, w.status, w.bytes)
				}
			}
		})
	}
}

// BenchmarkNationalMiss renders, past the page cache (a session cookie makes
// it step aside), each public page and API list that a write leaves to be
// rendered again, on the full synthetic England of 50,000 services: what the
// first visitor after a staff edit waits for. It writes that England itself
// unless sqlitetest.NationalDBEnv names one made by `directory demo-data`.
func BenchmarkNationalMiss(b *testing.B) {
	db := sqlitetest.National(b)
	srv := server.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	for _, path := range []string{
		"/",
		"/coverage",
		"/coverage?region=synthetic-region-1",
		"/areas/synthetic-area-001",
		"/find?q=Synthetic+area+001",
		"/api/v1/services",
		"/api/v1/services?page=100",
		"/api/v1/services?page=1000",
	} {
		name := strings.TrimPrefix(path, "/")
		if name == "" {
			name = "home"
		}
		b.Run(name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.AddCookie(&http.Cookie{Name: "directory_session", Value: "bench"})
			for b.Loop() {
				w := &discardWriter{header: http.Header{}}
				srv.ServeHTTP(w, req)
				if w.status != http.StatusOK || w.bytes == 0 {
					b.Fatalf("%s: %d, %d bytes", path, w.status, w.bytes)
				}
			}
			b.ReportMetric(float64(bodyBytes(b, srv, req)), "body-bytes")
		})
	}
}

// bodyBytes returns the length of one uncompressed response to req.
func bodyBytes(b *testing.B, srv *server.Server, req *http.Request) int {
	b.Helper()
	w := &discardWriter{header: http.Header{}}
	srv.ServeHTTP(w, req)
	return w.bytes
}

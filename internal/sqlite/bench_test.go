package sqlite_test

import (
	"context"
	"testing"

	"github.com/wessex-network/directory/internal/demo"
	"github.com/wessex-network/directory/internal/sqlite"
)

// benchSize is a synthetic England cut to 5,000 services, so that a benchmark
// sets it up in a few seconds. `make bench` measures the full 50,000.
var benchSize = demo.Size{Services: 5000}

// benchDatabases returns the seeded Wessex database and a synthetic England,
// each with an area and a service to look up.
func benchDatabases(b *testing.B) []struct {
	name, area, service string
	db                  *sqlite.DB
} {
	b.Helper()
	national := MustOpenDB(b)
	if _, err := national.Load(context.Background(), demo.England(benchSize)); err != nil {
		b.Fatal(err)
	}
	return []struct {
		name, area, service string
		db                  *sqlite.DB
	}{
		{"seeded", "hampshire", "roberts-centre", MustSeededDB(b)},
		{"national-5000", "synthetic-area-001", "synthetic-service-00001", national},
	}
}

func BenchmarkStoreQueries(b *testing.B) {
	ctx := context.Background()
	for _, d := range benchDatabases(b) {
		b.Run(d.name+"/Matrix", func(b *testing.B) {
			for b.Loop() {
				if _, err := d.db.Matrix(ctx, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(d.name+"/ServicesByArea", func(b *testing.B) {
			for b.Loop() {
				if _, err := d.db.Services(ctx, sqlite.ServiceFilter{Area: d.area}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(d.name+"/Service", func(b *testing.B) {
			for b.Loop() {
				if _, err := d.db.Service(ctx, d.service); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(d.name+"/InterventionNames", func(b *testing.B) {
			for b.Loop() {
				if names, err := d.db.InterventionNames(ctx); err != nil || len(names) == 0 {
					b.Fatal(names, err)
				}
			}
		})
		b.Run(d.name+"/ServicesPageByIntervention", func(b *testing.B) {
			names, err := d.db.InterventionNames(ctx)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if page, _, err := d.db.ServicesPage(ctx, sqlite.ServicePageFilter{Intervention: names[0]}, 50, 0); err != nil || len(page) == 0 {
					b.Fatal(page, err)
				}
			}
		})
	}
}

package sqlite_test

import (
	"context"
	"fmt"
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

// BenchmarkMatrixWithHistory reads the matrix of a synthetic England in which
// every cell has been rated three more times: twice before today and once
// with a date still to come. Cells gather history like this as staff edit
// them, and the matrix on a date must still pick one cell in four.
func BenchmarkMatrixWithHistory(b *testing.B) {
	ctx := context.Background()
	ds := demo.England(demo.Size{Services: 100})
	first := ds.Coverage
	for i, effective := range []string{"2026-06-01", "2026-09-01", "2027-01-01"} {
		for _, c := range first {
			c.EffectiveFrom = effective
			c.Note = fmt.Sprintf("Synthetic re-rating %d", i+1)
			ds.Coverage = append(ds.Coverage, c)
		}
	}
	db := MustOpenDB(b)
	if _, err := db.Load(ctx, ds); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		m, err := db.Matrix(ctx, "")
		if err != nil {
			b.Fatal(err)
		}
		if len(m.Cells) != len(first) {
			b.Fatalf("%d cells, want %d", len(m.Cells), len(first))
		}
	}
}

package sqlite_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/wessex-network/directory/internal/demo"
	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
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
				if _, err := d.db.Services(ctx, directory.ServiceFilter{Area: d.area}); err != nil {
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
				if page, _, err := d.db.ServicesPage(ctx, directory.ServicePageFilter{Intervention: names[0]}, 50, 0); err != nil || len(page) == 0 {
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

// BenchmarkNationalQueries runs, on the full synthetic England of 50,000
// services, the store queries that the public pages make on a cache miss, so
// that a page's time can be split between them. It writes that England
// itself unless sqlitetest.NationalDBEnv names one made by `directory demo-data`.
func BenchmarkNationalQueries(b *testing.B) {
	ctx := context.Background()
	db := sqlitetest.National(b)
	lineage := []string{"synthetic-area-001", "synthetic-region-1", "england"}
	for _, q := range []struct {
		name string
		run  func() error
	}{
		{"Matrix", func() error { _, err := db.Matrix(ctx, ""); return err }},
		{"MatrixRatingsOnly", func() error {
			_, err := db.MatrixOf(ctx, "", directory.MatrixFilter{RatingsOnly: true})
			return err
		}},
		{"MatrixOfOneType", func() error {
			_, err := db.MatrixOf(ctx, "", directory.MatrixFilter{ServiceTypes: []string{"synthetic-type-01"}})
			return err
		}},
		{"MatrixOfOneArea", func() error {
			_, err := db.MatrixOf(ctx, "", directory.MatrixFilter{Areas: lineage[:1]})
			return err
		}},
		{"CountServices", func() error { _, err := db.CountServices(ctx); return err }},
		{"Areas", func() error { _, err := db.Areas(ctx); return err }},
		{"Places", func() error { _, err := db.Places(ctx); return err }},
		{"ServicesByArea", func() error {
			_, err := db.Services(ctx, directory.ServiceFilter{Area: lineage[0]})
			return err
		}},
		{"ServiceCards", func() error { _, err := db.ServiceCards(ctx, lineage[0]); return err }},
		{"SearchServices", func() error {
			_, err := db.SearchServices(ctx, directory.Search{Areas: lineage})
			return err
		}},
		{"SearchServiceCards", func() error {
			_, err := db.SearchServiceCards(ctx, directory.Search{Areas: lineage})
			return err
		}},
		{"ServicesPage/1", func() error { _, _, err := db.ServicesPage(ctx, directory.ServicePageFilter{}, 50, 0); return err }},
		{"ServicesPage/100", func() error { _, _, err := db.ServicesPage(ctx, directory.ServicePageFilter{}, 50, 99*50); return err }},
		{"ServicesPage/1000", func() error { _, _, err := db.ServicesPage(ctx, directory.ServicePageFilter{}, 50, 999*50); return err }},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if err := q.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

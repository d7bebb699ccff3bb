package demo_test

import (
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/demo"
	"github.com/wessex-network/directory/internal/directory"
)

func TestNationalSize(t *testing.T) {
	ds := demo.England(demo.National)
	if err := ds.Validate(); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, a := range ds.Areas {
		kinds[a.Kind]++
	}
	upper := kinds[directory.KindCounty] + kinds[directory.KindUnitary]
	links := 0
	for _, s := range ds.Services {
		links += len(s.Areas)
	}
	checks := []struct {
		what      string
		got, want int
	}{
		{"upper-tier areas", upper, 150},
		{"districts", kinds[directory.KindDistrict], 24 * 7},
		{"boards", kinds[directory.KindCareBoard], 42},
		{"service types", len(ds.ServiceTypes), 20},
		{"coverage cells", len(ds.Coverage), 20 * 150},
		{"services", len(ds.Services), 50_000},
		{"links from services to areas", links, 100_000},
		{"postcode districts in the gazetteer", len(ds.Places), 3000},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.what, c.got, c.want)
		}
	}
	for _, p := range ds.Places {
		if p.Name[0] != 'Q' && p.Name[0] != 'X' {
			t.Errorf("synthetic postcode district %q could be a real one", p.Name)
		}
	}
}

func TestEveryRecordSaysItIsSynthetic(t *testing.T) {
	ds := demo.England(demo.Size{Services: 500})
	for _, a := range ds.Areas {
		if !strings.Contains(strings.ToLower(a.Name), "synthetic") {
			t.Errorf("area %q does not say it is synthetic", a.Name)
		}
	}
	for _, s := range ds.Services {
		if !strings.HasPrefix(s.Name, "Synthetic") || s.Source != demo.Notice || !strings.Contains(s.Summary, "Synthetic") {
			t.Errorf("service %q does not say it is synthetic", s.Name)
		}
	}
	for _, c := range ds.Coverage {
		if c.Source != demo.Notice {
			t.Errorf("coverage cell %s/%s has source %q", c.ServiceType, c.Area, c.Source)
		}
	}
	for _, st := range ds.ServiceTypes {
		if !strings.HasPrefix(st.Name, "Synthetic") {
			t.Errorf("service type %q does not say it is synthetic", st.Name)
		}
	}
}

func TestTheSameSizeGivesTheSameData(t *testing.T) {
	a, b := demo.England(demo.Size{Services: 300}), demo.England(demo.Size{Services: 300})
	for i := range a.Coverage {
		if a.Coverage[i] != b.Coverage[i] {
			t.Fatalf("cell %d differs between two runs", i)
		}
	}
}

package storetest

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

// The expectations below were typed by hand from the report's tables (section
// 4's summary table and section 3's indicator table), not read from the seed
// files, so that a slip in either shows up here.

var reportAreas = []string{"hampshire", "dorset", "isle-of-wight", "portsmouth", "southampton", "bournemouth", "poole"}

// reportMatrix is the summary table, row by row, in the report's column order
// (Hants, Dorset, IOW, Ports, Soton, B'mouth, Poole). A word other than a colour
// is what the report printed in the cell.
var reportMatrix = map[string][7]string{
	"camhs-under-5s":                     {"Red", "Red", "Red", "Amber", "Amber", "Red", "Red"},
	"health-visiting":                    {"'Knowing Me, Knowing You' group", "Antenatal PEEP", "Green", "ECHO model", "'Mums Matter' group", "Green", "Green"},
	"parent-infant-partnership":          {"Red", "Amber", "Red", "Red", "Red", "Amber", "Amber"},
	"specialist-perinatal-mental-health": {"Green", "Green", "Green", "Green", "Green", "Green", "Green"},
	"childrens-centres":                  {"Barnardo's", "Sure Start", "Barnardo's", "Barnardo's", "Sure Start", "Sure Start", "Amber"},
	"home-start":                         {"Green", "Green", "Green", "Green", "Communicare", "Green", "Red"},
	"family-nurse-partnership":           {"Green", "Green", "Red", "Green", "Green", "Red", "Green"},
}

func testFidelityCoverageMatrix(t *testing.T, open Opener) {
	db := seeded(t, open)
	m, err := db.Matrix(context.Background(), "2019-07-01")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cells) != 49 {
		t.Errorf("matrix has %d cells, want 49", len(m.Cells))
	}
	for serviceType, row := range reportMatrix {
		for i, printed := range row {
			area := reportAreas[i]
			cell, ok := m.Cell(serviceType, area)
			if !ok {
				t.Errorf("%s in %s: no cell", serviceType, area)
				continue
			}
			wantRating, wantNote := directory.NotStated, printed
			switch printed {
			case "Green", "Amber", "Red":
				wantRating, wantNote = directory.Rating(strings.ToLower(printed)), ""
			}
			if cell.Rating != wantRating || cell.Note != wantNote {
				t.Errorf("%s in %s = %s %q, want %s %q", serviceType, area, cell.Rating, cell.Note, wantRating, wantNote)
			}
			if cell.Source == "" {
				t.Errorf("%s in %s has no source", serviceType, area)
			}
		}
	}
}

// reportIndicators is the indicator table as printed, in the report's column
// order: England, Wessex, Hampshire, Portsmouth, Southampton, Isle of Wight,
// Dorset (Cty), Bournemouth, Poole.
var reportIndicators = []struct {
	slug, period string
	printed      string
}{
	{"stillbirth-rate", "2015-17", "4.3 3.6* 3.6 2.6 4.7 3.0 3.6 3.6 3.2"},
	{"sole-registered-births", "2017", "5.1 4.2* 3.7 5.6 5.4 5.9 3.4 4.3 4.9"},
	{"parents-in-drug-treatment", "2011/12", "110.4 87.1* 54.8 124.3 132.9 84.1 133.9 123.7 108.9"},
	{"parents-in-alcohol-treatment", "2011/12", "147.2 122.4* * * 55.6 * 136.9 162.5 147.9"},
	{"looked-after-children-under-5", "2017/18", "34.9 33.0* 28.2 50.3 49.3 24.2 30.7 39.4 22.1"},
	{"looked-after-children-10-15", "2016", "75.3* 75.1* 59.1* 101.4* 139.8* 83.2* 60.8* 121.7* 84.6*"},
	{"child-protection-plans", "2014/15", "42.9 52.5* 48.1 53.5 66.7 99.4 48.2 51.5 41.4"},
	{"family-homelessness", "2017/18", "1.7 - 0.8 3.8 2.3 0.9 1.1 * 1.4"},
	{"teenage-mothers", "2017/18", "0.7 0.6* 0.5 1.3 0.6 1.0 0.5 0.5 1.1"},
}

var indicatorAreas = []string{"england", "wessex", "hampshire", "portsmouth", "southampton", "isle-of-wight", "dorset", "bournemouth", "poole"}

func testFidelityIndicators(t *testing.T, open Opener) {
	db := seeded(t, open)
	indicators, err := db.Indicators(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(indicators) != len(reportIndicators) {
		t.Fatalf("%d indicators, want %d", len(indicators), len(reportIndicators))
	}
	total := 0
	for i, want := range reportIndicators {
		ind := indicators[i]
		if ind.Slug != want.slug || ind.Period != want.period {
			t.Errorf("indicator %d = %s (%s), want %s (%s)", i+1, ind.Slug, ind.Period, want.slug, want.period)
			continue
		}
		for j, printed := range strings.Fields(want.printed) {
			area := indicatorAreas[j]
			v, ok := ind.Value(area)
			if !ok {
				t.Errorf("%s in %s: no value recorded", want.slug, area)
				continue
			}
			total++
			number := strings.TrimSuffix(printed, "*")
			switch {
			case printed == "*" || printed == "-":
				if v.Value != nil {
					t.Errorf("%s in %s = %v, want no value (the report shows %q)", want.slug, area, *v.Value, printed)
				}
				if !strings.Contains(v.Note, printed) {
					t.Errorf("%s in %s: note %q does not keep the report's %q", want.slug, area, v.Note, printed)
				}
			default:
				f, _ := strconv.ParseFloat(number, 64)
				if v.Value == nil || *v.Value != f {
					t.Errorf("%s in %s = %s, want %v", want.slug, area, formatValue(v.Value), f)
				}
				if marked := strings.HasSuffix(printed, "*"); marked != strings.Contains(v.Note, "*") {
					t.Errorf("%s in %s: note %q, but the report's value is %q", want.slug, area, v.Note, printed)
				}
			}
		}
	}
	if total != 81 {
		t.Errorf("%d values checked, want 81", total)
	}
}

func testMatrixAsOfShowsHistory(t *testing.T, open Opener) {
	db := seeded(t, open)
	ctx := context.Background()
	ds := dataset(t)
	ds.Coverage = append(ds.Coverage, directory.CoverageCell{
		ServiceType: "family-nurse-partnership", Area: "isle-of-wight", Rating: directory.Amber,
		Note: "test review", Source: "test", EffectiveFrom: "2024-04-01",
	})
	if _, err := db.Load(ctx, ds); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		asOf string
		want directory.Rating
	}{
		{"2019-07-01", directory.Red},
		{"2024-03-31", directory.Red},
		{"2024-04-01", directory.Amber},
		{"2026-01-01", directory.Amber},
	} {
		m, err := db.Matrix(ctx, tt.asOf)
		if err != nil {
			t.Fatal(err)
		}
		cell, _ := m.Cell("family-nurse-partnership", "isle-of-wight")
		if cell.Rating != tt.want {
			t.Errorf("as of %s: rating %s, want %s", tt.asOf, cell.Rating, tt.want)
		}
	}
	m, err := db.Matrix(ctx, "2019-01-01")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cells) != 0 || len(m.Areas) != 0 {
		t.Errorf("before the report: %d cells and %d areas, want none", len(m.Cells), len(m.Areas))
	}
	if _, err := db.Matrix(ctx, "1st July"); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("bad date: error %v, want EINVALID", err)
	}
}

func formatValue(v *float64) string {
	if v == nil {
		return "no value"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

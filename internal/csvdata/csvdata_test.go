package csvdata_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/csvdata"
	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
)

func seededDB(t testing.TB) *sqlite.DB {
	t.Helper()
	return sqlitetest.Seeded(t)
}

func rows(t *testing.T, b []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestExportsNeutraliseFormulas(t *testing.T) {
	v := 1.5
	var buf bytes.Buffer
	if err := csvdata.WriteServices(&buf, []directory.Service{{UUID: "u", Slug: "s", Name: "=HYPERLINK(\"x\")", Summary: "+1", Description: "@SUM(A1)", Status: "active"}}); err != nil {
		t.Fatal(err)
	}
	got := rows(t, buf.Bytes())[1]
	if got[2] != "'=HYPERLINK(\"x\")" || got[5] != "'+1" || got[6] != "'@SUM(A1)" {
		t.Errorf("services row: %q", got)
	}
	buf.Reset()
	m := &directory.Matrix{Cells: []directory.CoverageCell{{ServiceType: "t", Area: "a", Rating: directory.Rating("red"), Note: "-2", Source: "=1+1"}}}
	if err := csvdata.WriteCoverage(&buf, m); err != nil {
		t.Fatal(err)
	}
	if got := rows(t, buf.Bytes())[1]; got[7] != "'-2" || got[8] != "'=1+1" {
		t.Errorf("coverage row: %q", got)
	}
	buf.Reset()
	ind := []directory.Indicator{{Slug: "i", Name: "@x", Values: []directory.IndicatorValue{{Area: "a", Value: &v, Note: "=cmd"}, {Area: "b", Note: "Suppressed"}}}}
	if err := csvdata.WriteIndicators(&buf, ind); err != nil {
		t.Fatal(err)
	}
	recs := rows(t, buf.Bytes())
	if recs[1][1] != "'@x" || recs[1][5] != "1.5" || recs[1][6] != "'=cmd" || recs[2][5] != "" || recs[2][6] != "Suppressed" {
		t.Errorf("indicator rows: %q", recs[1:])
	}
}

// What the services export writes, the import reads back field for field,
// formulas and all.
func TestServicesRoundTrip(t *testing.T) {
	db := seededDB(t)
	services, err := db.Services(context.Background(), directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	services[0].Eligibility = "=not a formula"
	var buf bytes.Buffer
	if err := csvdata.WriteServices(&buf, services); err != nil {
		t.Fatal(err)
	}
	back, problems := csvdata.ReadServices(&buf, "services.csv")
	if len(problems) > 0 || len(back) != len(services) {
		t.Fatalf("read back %d of %d: %v", len(back), len(services), problems)
	}
	for i := range services {
		want, got := services[i], back[i]
		if got.UUID != want.UUID || got.Slug != want.Slug || got.Organisation != nil != (want.Organisation != nil) {
			t.Errorf("row %d: %s/%s, want %s/%s", i+2, got.UUID, got.Slug, want.UUID, want.Slug)
		}
		for _, pair := range [][2]any{{got.Name, want.Name}, {got.Eligibility, want.Eligibility}, {got.Stages, want.Stages},
			{got.Audiences, want.Audiences}, {got.Access, want.Access}, {got.Interventions, want.Interventions}, {len(got.Areas), len(want.Areas)}} {
			if !reflect.DeepEqual(pair[0], pair[1]) {
				t.Errorf("row %d (%s): %v, want %v", i+2, want.Slug, pair[0], pair[1])
			}
		}
		for j, a := range want.Areas {
			if got.Areas[j].Area != a.Area || got.Areas[j].Note != a.Note {
				t.Errorf("row %d: area %+v, want %+v", i+2, got.Areas[j], a)
			}
		}
	}
}

func TestReadServicesReportsTheFileItsProblems(t *testing.T) {
	for name, tc := range map[string]struct{ csv, want string }{
		"misspelt column": {"name,sumary\nA,b\n", "row 1, column sumary: is not a column the directory knows"},
		"no name column":  {"slug\na\n", "row 1, column name: the column is missing"},
		"a row twice":     {"slug,name\na,A\nb,B\na,A again\n", "row 4, column slug: the same service is on row 2"},
		"empty":           {"", "row 1: the file is empty"},
	} {
		_, problems := csvdata.ReadServices(strings.NewReader(tc.csv), "f.csv")
		var got []string
		for _, p := range problems {
			got = append(got, p.String())
		}
		if !strings.Contains(strings.Join(got, "\n"), tc.want) {
			t.Errorf("%s: %v, want %q", name, got, tc.want)
		}
	}
}

var staff = directory.Actor{Name: "import"}

func TestImportServicesFromCSV(t *testing.T) {
	db := seededDB(t)
	ctx := context.Background()
	audit := func() int {
		e, err := db.RecentChanges(ctx, 100000)
		if err != nil {
			t.Fatal(err)
		}
		return len(e)
	}
	start := audit()
	file := "slug,name,summary,description,areas,stages,email\n" +
		"new-group,New group,A new group.,A group for new parents.,\"atlantis\nhampshire: Gosport only\",pregnancy,\n" +
		"home-start,,,,,,info@example.org\n"
	fileWithoutGosport := strings.Replace(file, "\"atlantis\nhampshire: Gosport only\"", "hampshire: Gosport only", 1)

	dry, err := csvdata.Import(ctx, db, strings.NewReader(fileWithoutGosport), "f.csv", staff, true)
	if err != nil {
		t.Fatal(err)
	}
	added, changed, _ := directory.ImportSummary(dry.Outcomes)
	if !dry.OK() || added != 1 || changed != 1 || audit() != start {
		t.Fatalf("dry run: %+v, audit %d -> %d", dry, start, audit())
	}
	if _, err := db.Service(ctx, "new-group"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Fatal("the dry run added the service")
	}

	// An unknown area refuses the whole file, and a bad email on another row
	// is reported too.
	bad := strings.Replace(file, "info@example.org", "not-an-email", 1)
	refused, err := csvdata.Import(ctx, db, strings.NewReader(bad), "f.csv", staff, false)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, p := range refused.Problems {
		lines = append(lines, p.String())
	}
	report := strings.Join(lines, "\n")
	if refused.OK() || refused.Applied || !strings.Contains(report, `service "New group", areas`) || !strings.Contains(report, `service "home-start", email`) {
		t.Errorf("refused report:\n%s", report)
	}
	if audit() != start {
		t.Error("a refused file wrote audit records")
	}

	real, err := csvdata.Import(ctx, db, strings.NewReader(fileWithoutGosport), "f.csv", staff, false)
	if err != nil || !real.Applied {
		t.Fatalf("import: %v %+v", err, real)
	}
	s, err := db.Service(ctx, "new-group")
	if err != nil || len(s.Areas) != 1 || s.Areas[0].Note != "Gosport only" || s.Source != "Imported from the CSV file f.csv" {
		t.Errorf("new service: %+v %v", s, err)
	}
	hs, err := db.Service(ctx, "home-start")
	if err != nil || hs.Contact.Email != "info@example.org" || hs.Summary == "" || len(hs.Areas) < 2 {
		t.Errorf("home-start after import: %+v %v", hs, err)
	}
	if audit() != start+2 {
		t.Errorf("audit records: %d, want %d", audit()-start, 2)
	}
	again, err := csvdata.Import(ctx, db, strings.NewReader(fileWithoutGosport), "f.csv", staff, false)
	if err != nil {
		t.Fatal(err)
	}
	if a, c, u := directory.ImportSummary(again.Outcomes); a != 0 || c != 0 || u != 2 {
		t.Errorf("second import: %d added, %d changed, %d unchanged", a, c, u)
	}
}

package server_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/demo"
	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/server"
)

// newNationalTestServer serves a small synthetic England: 27 upper-tier
// areas in nine regions, four service types.
func newNationalTestServer(t *testing.T) (*httptest.Server, *directory.Dataset) {
	t.Helper()
	ds := demo.England(demo.Size{UpperTier: 27, Counties: 3, Districts: 2, Boards: 9, Types: 4, Services: 200, Orgs: 10})
	db := openStore(t)
	if _, err := db.Load(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(db, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(srv.Close)
	return srv, ds
}

// TestNationalCoverageIsSummarisedByRegion checks that a matrix over several
// regions is shown as each region's counts of each rating, in words, that
// each count agrees with the dataset, and that each region's link leads to
// its own matrix of just its areas.
func TestNationalCoverageIsSummarisedByRegion(t *testing.T) {
	srv, ds := newNationalTestServer(t)
	parent := map[string]string{}
	for _, a := range ds.Areas {
		parent[a.Slug] = a.ParentSlug
	}
	// What each region's counts must be, worked out from the dataset.
	want := map[string]map[string]directory.RatingCounts{} // region, service type
	areasIn := map[string][]string{}
	for _, c := range ds.Coverage {
		r := parent[c.Area]
		if want[r] == nil {
			want[r] = map[string]directory.RatingCounts{}
		}
		n := want[r][c.ServiceType]
		n.Add(c.Rating)
		want[r][c.ServiceType] = n
	}
	for _, a := range ds.Areas {
		if a.Kind == directory.KindCounty || a.Kind == directory.KindUnitary {
			areasIn[a.ParentSlug] = append(areasIn[a.ParentSlug], a.Slug)
		}
	}

	doc := getDoc(t, srv, "/coverage", 200)
	if doc.Find(`[data-testid="coverage-matrix"]`).Length() != 0 {
		t.Error("the national coverage page shows the whole matrix")
	}
	if got := doc.Find(`[data-testid="region-summary"] tbody tr`).Length(); got != 9 {
		t.Errorf("the summary has %d regions, want 9", got)
	}
	for r := 1; r <= 9; r++ {
		region := fmt.Sprintf("synthetic-region-%d", r)
		link, ok := doc.Find(`[data-testid="region-` + region + `"] a`).Attr("href")
		if !ok {
			t.Fatalf("no link to %s", region)
		}
		for _, st := range ds.ServiceTypes {
			n := want[region][st.Slug]
			wantText := fmt.Sprintf("%d red %d amber %d not stated %d green", n.Red, n.Amber, n.NotStated, n.Green)
			cell := doc.Find(`[data-testid="counts-` + st.Slug + `-` + region + `"] li`)
			if got := strings.Join(cell.Map(func(_ int, s *goquery.Selection) string { return s.Text() }), " "); got != wantText {
				t.Errorf("%s in %s reads %q, want %q", st.Slug, region, got, wantText)
			}
		}

		page := getDoc(t, srv, strings.ReplaceAll(link, "&amp;", "&"), 200)
		if h1 := page.Find("h1").Text(); !strings.Contains(h1, fmt.Sprintf("Synthetic region %d", r)) {
			t.Errorf("%s: heading %q", link, h1)
		}
		var columns []string
		page.Find(`[data-testid="coverage-matrix"] thead th a`).Each(func(_ int, s *goquery.Selection) {
			href, _ := s.Attr("href")
			columns = append(columns, strings.TrimPrefix(href, "/areas/"))
		})
		if strings.Join(columns, " ") != strings.Join(areasIn[region], " ") {
			t.Errorf("%s: the matrix's columns are %v, want the region's areas %v", link, columns, areasIn[region])
		}
		if got, wantCells := page.Find(`[data-testid="coverage-matrix"] td strong.nhsuk-tag`).Length(), len(areasIn[region])*len(ds.ServiceTypes); got != wantCells {
			t.Errorf("%s: %d rated cells, want %d", link, got, wantCells)
		}
	}
}

func TestCoverageRegionThatIsNotOne(t *testing.T) {
	srv, _ := newNationalTestServer(t)
	for _, path := range []string{"/coverage?region=synthetic-area-001", "/coverage?region=nowhere"} {
		if resp, _ := get(t, srv, path); resp.StatusCode != 404 {
			t.Errorf("%s: status %d, want 404", path, resp.StatusCode)
		}
	}
	// A region with nothing rated on the date says so.
	doc := getDoc(t, srv, "/coverage?region=synthetic-region-2&as_of=2019-01-01", 200)
	if !strings.Contains(doc.Find("main").Text(), "No ratings were recorded on or before 1 January 2019") {
		t.Error("a region before any rating does not say none was recorded")
	}
	if resp, _ := get(t, srv, "/coverage?region=synthetic-region-2&type=nothing"); resp.StatusCode != 400 {
		t.Errorf("an unknown service type for the map: status %d, want 400", resp.StatusCode)
	}
}

// TestNationalCoverageDownloadsStayWhole checks that the CSV and JSON of the
// matrix hold every cell, however the page splits it.
func TestNationalCoverageDownloadsStayWhole(t *testing.T) {
	srv, ds := newNationalTestServer(t)
	_, body := get(t, srv, "/coverage.csv")
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != len(ds.Coverage) {
		t.Errorf("the CSV has %d cells, want %d", len(rows)-1, len(ds.Coverage))
	}
	_, body = get(t, srv, "/api/v1/coverage")
	var doc struct{ Cells []json.RawMessage }
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cells) != len(ds.Coverage) {
		t.Errorf("the JSON has %d cells, want %d", len(doc.Cells), len(ds.Coverage))
	}
}

// TestOneRegionShowsTheWholeMatrix checks that Wessex, one region, keeps the
// matrix on the coverage page, and that its region's page shows the same.
func TestOneRegionShowsTheWholeMatrix(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/coverage", 200)
	if doc.Find(`[data-testid="region-summary"]`).Length() != 0 {
		t.Error("the Wessex coverage page summarises regions")
	}
	whole := doc.Find(`[data-testid="coverage-matrix"] td`).Length()
	region := getDoc(t, srv, "/coverage?region=wessex", 200)
	if got := region.Find(`[data-testid="coverage-matrix"] td`).Length(); got != whole || whole != 49 {
		t.Errorf("the Wessex region's matrix has %d cells and the whole matrix %d, want 49 each", got, whole)
	}
	if h1 := region.Find("h1").Text(); h1 != "Coverage of parent-infant services in Wessex" {
		t.Errorf("heading %q", h1)
	}
	if v, _ := region.Find(`form input[name="region"]`).Attr("value"); v != "wessex" {
		t.Errorf("the region's form keeps region %q, want wessex", v)
	}
}

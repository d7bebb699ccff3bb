package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/server"
	"github.com/wessex-network/directory/internal/sqlite"
)

// newTestServer serves a fresh database seeded with the Wessex dataset.
func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	db := seededStore(t)
	srv := httptest.NewServer(server.New(db, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(srv.Close)
	return srv
}

// get fetches a path and returns the response and its body.
func get(t *testing.T, srv *httptest.Server, path string) (*http.Response, string) {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return resp, string(body)
}

// getDoc fetches a page and parses it, failing unless the status is want.
func getDoc(t *testing.T, srv *httptest.Server, path string, want int) *goquery.Document {
	t.Helper()
	resp, body := get(t, srv, path)
	if resp.StatusCode != want {
		t.Fatalf("GET %s: status %d, want %d", path, resp.StatusCode, want)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return doc
}

func TestRoutes(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		name     string
		path     string
		wantCode int
		wantType string
		wantBody []string
	}{
		{"home", "/", 200, "text/html", []string{"Services that support parents and babies in Wessex", `href="/areas/isle-of-wight"`, `href="/coverage"`}},
		{"coverage", "/coverage", 200, "text/html", []string{"Coverage by service type and area, as at", "Red: no coverage", "ECHO model", "Barnardo&#39;s"}},
		{"coverage as of a date", "/coverage?as_of=2019-07-01", 200, "text/html", []string{"as at 1 July 2019"}},
		{"coverage before the report", "/coverage?as_of=2018-01-01", 200, "text/html", []string{"No ratings were recorded on or before 1 January 2018"}},
		{"coverage with a bad date", "/coverage?as_of=yesterday", 400, "text/html", []string{"must be written YYYY-MM-DD"}},
		{"coverage csv", "/coverage.csv", 200, "text/csv", []string{"service_type,service_type_name,area", "family-nurse-partnership,Family Nurse Partnership,isle-of-wight,Isle of Wight,E06000046,red,Red: no coverage"}},
		{"areas", "/areas", 200, "text/html", []string{"Counties and unitary authorities", "E06000058", "NHS Fareham and Gosport CCG"}},
		{"area", "/areas/southampton", 200, "text/html", []string{"Southampton", "E06000045", "Mums Matter", "Safe Families", "Need indicators beside England"}},
		{"region", "/areas/wessex", 200, "text/html", []string{"Areas within Wessex", "Mother and baby unit, Winchester"}},
		{"nation", "/areas/england", 200, "text/html", []string{"England"}},
		{"later council", "/areas/bournemouth-christchurch-and-poole", 200, "text/html", []string{"E06000058", "no ratings of its own yet"}},
		{"unknown area", "/areas/atlantis", 404, "text/html", []string{"Page not found"}},
		{"service", "/services/roberts-centre", 200, "text/html", []string{"The Roberts Centre", "Havant and Gosport only", "Not recorded yet"}},
		{"unknown service", "/services/nothing-here", 404, "text/html", []string{"Page not found"}},
		{"indicators", "/indicators", 200, "text/html", []string{"Stillbirth rate, 2015-17", "No value"}},
		{"about", "/about", 200, "text/html", []string{`<abbr title="Perinatal Mental Health">PNMH</abbr>`, "Video Interactive Guidance", "Rare Jewels"}},
		{"unknown page", "/no/such/page", 404, "text/html", []string{"Page not found"}},
		{"healthz", "/healthz", 200, "text/plain", []string{"ok"}},
		{"coverage json", "/api/v1/coverage", 200, "application/json", []string{`"as_of"`, `"cells"`}},
		{"indicators json", "/api/v1/indicators", 200, "application/json", []string{`"stillbirth-rate"`}},
		{"coverage json with a bad date", "/api/v1/coverage?as_of=July", 400, "application/json", []string{`"error"`}},
		{"stylesheet", "/assets/app.css", 200, "text/css", []string{".app-matrix"}},
		{"static folder listing", "/assets/", 404, "", nil},
		{"climbing out of static", "/assets/%2e%2e/go.mod", 404, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, srv, tt.path)
			if resp.StatusCode != tt.wantCode {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantCode)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.wantType) {
				t.Errorf("content type %q, want %q", ct, tt.wantType)
			}
			for _, want := range tt.wantBody {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %q", want)
				}
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	srv := newTestServer(t)
	resp, body := get(t, srv, "/coverage")
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	fileScripts := regexp.MustCompile(`<script[^>]* src="/assets/[^"]+"[^>]*></script>`)
	if n := strings.Count(body, "<script"); strings.Contains(body, "nonce=") || n < 2 || len(fileScripts.FindAllString(body, -1)) != n {
		t.Error("the page has an inline script or a nonce; every script must be a file of the site's own")
	}
	if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options %q", got)
	}
	if !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "*") {
		t.Errorf("script-src must allow only the site's own files: %q", csp)
	}
	// Every kind of response carries the same protective headers.
	for _, path := range []string{"/", "/no/such/page", "/coverage.csv", "/api/v1/coverage", "/assets/app.css", "/healthz"} {
		resp, _ := get(t, srv, path)
		h := resp.Header
		if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q, want nosniff", path, got)
		}
		switch got := h.Get("Referrer-Policy"); got {
		case "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin":
		default:
			t.Errorf("%s: Referrer-Policy %q is not a strict one", path, got)
		}
		if got := h.Get("Content-Security-Policy"); !strings.Contains(got, "frame-ancestors 'none'") || strings.Contains(got, "unsafe-inline") {
			t.Errorf("%s: Content-Security-Policy %q", path, got)
		}
	}
	api, _ := get(t, srv, "/api/v1/coverage")
	if got := api.Header.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("API Access-Control-Allow-Origin %q, want *", got)
	}
}

func TestCoverageMatrixPage(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/coverage?as_of=2019-07-01", 200)
	table := doc.Find(`[data-testid="coverage-matrix"]`)
	if table.Find("caption").Length() != 1 {
		t.Error("matrix has no caption")
	}
	if n := table.Find(`thead th[scope="col"]`).Length(); n != 8 {
		t.Errorf("%d column headers with scope, want 8 (service type and seven areas)", n)
	}
	if n := table.Find(`tbody th[scope="row"]`).Length(); n != 7 {
		t.Errorf("%d row headers with scope, want 7 service types", n)
	}
	cells := table.Find(`td[data-testid^="cell-"]`)
	if cells.Length() != 49 {
		t.Errorf("%d cells, want 49", cells.Length())
	}
	cells.Each(func(_ int, c *goquery.Selection) {
		if c.Find("strong.nhsuk-tag").Length() != 1 || strings.TrimSpace(c.Find("strong.nhsuk-tag").Text()) == "" {
			t.Errorf("cell %s has no rating in words", c.AttrOr("data-testid", "?"))
		}
		if href := c.Find("a").AttrOr("href", ""); !strings.HasPrefix(href, "/areas/") {
			t.Errorf("cell %s links to %q, want an area", c.AttrOr("data-testid", "?"), href)
		}
	})
	fnp := table.Find(`[data-testid="cell-family-nurse-partnership-isle-of-wight"]`)
	if got := strings.TrimSpace(fnp.Find("strong").Text()); got != "Red: no coverage" {
		t.Errorf("Family Nurse Partnership on the Isle of Wight reads %q", got)
	}
	hv := table.Find(`[data-testid="cell-health-visiting-portsmouth"]`)
	if !strings.Contains(hv.Text(), "Not stated") || !strings.Contains(hv.Text(), "ECHO model") {
		t.Errorf("health visiting in Portsmouth reads %q", strings.TrimSpace(hv.Text()))
	}
	poole := doc.Find(`[data-testid="gaps-poole"] td`)
	// Poole: red for CAMHS and Home-Start; amber for PIP and children's centres; no cell not stated.
	want := []string{"2", "2", "0", "3"}
	poole.Each(func(i int, c *goquery.Selection) {
		got := strings.TrimSpace(c.Contents().Last().Text())
		if i < len(want) && got != want[i] {
			t.Errorf("Poole count %d = %q, want %q", i, got, want[i])
		}
	})
}

func TestCoverageJSON(t *testing.T) {
	srv := newTestServer(t)
	_, body := get(t, srv, "/api/v1/coverage?as_of=2019-07-01")
	var got struct {
		AsOf  string `json:"as_of"`
		Areas []struct {
			Slug, Name, Code string
		} `json:"areas"`
		ServiceTypes []struct{ Slug, Name string } `json:"service_types"`
		Cells        []struct {
			ServiceType string `json:"service_type"`
			Area        string `json:"area"`
			Rating      string `json:"rating"`
			Note        string `json:"note"`
			Source      string `json:"source"`
			UpdatedAt   string `json:"updated_at"`
		} `json:"cells"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if got.AsOf != "2019-07-01" || len(got.Areas) != 7 || len(got.ServiceTypes) != 7 || len(got.Cells) != 49 {
		t.Fatalf("as_of %s, %d areas, %d service types, %d cells", got.AsOf, len(got.Areas), len(got.ServiceTypes), len(got.Cells))
	}
	codes := map[string]string{}
	for _, a := range got.Areas {
		codes[a.Slug] = a.Code
	}
	wantCodes := map[string]string{"hampshire": "E10000014", "dorset": "E10000009", "isle-of-wight": "E06000046",
		"portsmouth": "E06000044", "southampton": "E06000045", "bournemouth": "E06000028", "poole": "E06000029"}
	for slug, code := range wantCodes {
		if codes[slug] != code {
			t.Errorf("%s code %q, want %q", slug, codes[slug], code)
		}
	}
	for _, c := range got.Cells {
		switch c.Rating {
		case "green", "amber", "red", "not_stated":
		default:
			t.Errorf("cell %s/%s has rating %q", c.ServiceType, c.Area, c.Rating)
		}
		if c.Rating == "not_stated" && c.Note == "" {
			t.Errorf("cell %s/%s is not stated but has no note", c.ServiceType, c.Area)
		}
		if c.UpdatedAt != "2019-07-01T00:00:00Z" || c.Source == "" {
			t.Errorf("cell %s/%s updated_at %q source %q", c.ServiceType, c.Area, c.UpdatedAt, c.Source)
		}
	}
}

func TestIndicatorsJSON(t *testing.T) {
	srv := newTestServer(t)
	_, body := get(t, srv, "/api/v1/indicators")
	var got struct {
		Indicators []struct {
			Slug, Name, Period string
			Values             []struct {
				Area  string   `json:"area"`
				Value *float64 `json:"value"`
				Note  string   `json:"note"`
			} `json:"values"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	values, nulls := 0, 0
	for _, ind := range got.Indicators {
		for _, v := range ind.Values {
			values++
			if v.Value == nil {
				nulls++
				if v.Note == "" {
					t.Errorf("%s in %s is null with no note", ind.Slug, v.Area)
				}
			}
		}
	}
	// The report shows no number in five cells: three "*" for alcohol
	// treatment, and "-" and "*" for family homelessness.
	if len(got.Indicators) != 9 || values != 81 || nulls != 5 {
		t.Errorf("%d indicators, %d values, %d null; want 9, 81, 5", len(got.Indicators), values, nulls)
	}
	if first := got.Indicators[0]; first.Slug != "stillbirth-rate" || first.Name != "Stillbirth rate" || first.Period != "2015-17" {
		t.Errorf("first indicator %+v", first)
	}
	if !strings.Contains(body, `"value": null`) {
		t.Error("a missing value is not written as null")
	}
}

func TestServicePageSaysWhatIsMissing(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/services/family-nurse-partnership", 200)
	contact := doc.Find(`[data-testid="contact"]`)
	if n := strings.Count(contact.Text(), "Not recorded yet"); n != 5 {
		t.Errorf("contact list says \"Not recorded yet\" %d times, want 5 (no contact detail is in the report)", n)
	}
	text := doc.Find("main").Text()
	for _, want := range []string{"Young parents aged 24 or under", "First-time parents", "Pregnancy", "Isle of Wight"} {
		if want == "Isle of Wight" {
			if strings.Contains(doc.Find(`[data-testid="service-areas"]`).Text(), want) {
				t.Error("the Family Nurse Partnership lists the Isle of Wight, which the report rates red")
			}
			continue
		}
		if !strings.Contains(text, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if !strings.Contains(text, "Not reviewed since the 2019 report") {
		t.Error("page does not say when the entry was last reviewed")
	}
}

func TestAreaProfileGapsAndRegionWideServices(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/areas/isle-of-wight", 200)
	gaps := doc.Find(`[data-testid="area-gaps"]`).Text()
	for _, want := range []string{"Family Nurse Partnership", "Parent Infant Partnership", "CAMHS commissioned for 0 to 5s"} {
		if !strings.Contains(gaps, want) {
			t.Errorf("Isle of Wight gaps lack %q: %q", want, gaps)
		}
	}
	services := doc.Find("main").Text()
	if !strings.Contains(services, "Community perinatal mental health teams") || !strings.Contains(services, "Across Wessex") {
		t.Error("region-wide services are not listed for the Isle of Wight")
	}
	ind := doc.Find(`[data-testid="area-indicators"]`)
	heads := ind.Find("thead th").Text()
	for _, want := range []string{"Isle of Wight", "Wessex", "England"} {
		if !strings.Contains(heads, want) {
			t.Errorf("indicator table headings lack %q", want)
		}
	}
	if strings.Contains(strings.ToLower(doc.Find("main").Text()), "worse than") {
		t.Error("the profile calls a value worse, but significance was not assessed")
	}
}

func TestDatabaseFailureShowsTheErrorPage(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(db, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	db.Close()

	resp, body := get(t, srv, "/coverage")
	if resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("status %d, want 500", resp.StatusCode)
	}
	if !strings.Contains(body, "Sorry, there is a problem with the service") || !strings.Contains(body, "nhsuk-header") {
		t.Error("the 500 page is not the designed error page")
	}
	if strings.Contains(body, "sql:") || strings.Contains(body, "database is closed") {
		t.Error("the 500 page shows internal details")
	}
	if resp, _ := get(t, srv, "/healthz"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("healthz with a closed database: %d, want 503", resp.StatusCode)
	}
}

func TestIndicatorValuesKeepTheReportsDecimal(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/indicators", 200)
	row := doc.Find(`[data-testid="indicator-stillbirth-rate"] tr`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Find("th").Text(), "Isle of Wight")
	})
	if got := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(row.Find("td").First().Text()), "Value")); got != "3.0" {
		t.Errorf("the Isle of Wight's stillbirth rate reads %q; the report prints 3.0", got)
	}
}

// TestEveryInPageLinkLands follows every link with a fragment on the coverage
// matrix and on each area profile, and checks that the element it names is
// on the page it opens.
func TestEveryInPageLinkLands(t *testing.T) {
	srv := newTestServer(t)
	pages := map[string]*goquery.Document{}
	page := func(path string) *goquery.Document {
		if doc, ok := pages[path]; ok {
			return doc
		}
		doc := getDoc(t, srv, path, 200)
		pages[path] = doc
		return doc
	}
	checked := 0
	for _, from := range []string{"/coverage", "/areas/southampton", "/areas/isle-of-wight", "/areas/poole"} {
		page(from).Find(`main a[href*="#"]`).Each(func(_ int, a *goquery.Selection) {
			href := a.AttrOr("href", "")
			path, id, _ := strings.Cut(href, "#")
			if path == "" {
				path = from
			}
			if page(path).Find(`[id="`+id+`"]`).Length() != 1 {
				t.Errorf("%s links to %s, but %s has no element with id %q", from, href, path, id)
			}
			checked++
		})
	}
	if checked < 49 {
		t.Errorf("checked %d links, want at least the matrix's 49", checked)
	}
}

func TestHeadIsAnsweredLikeGet(t *testing.T) {
	srv := newTestServer(t)
	for _, path := range []string{"/", "/coverage", "/areas/poole"} {
		resp, err := srv.Client().Head(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("HEAD %s: %d %q", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}

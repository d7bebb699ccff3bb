package server_test

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// fetch makes a GET with the given headers, without the client's own
// compression handling, and returns the response with its body.
func (e *staffEnv) fetch(t *testing.T, c *http.Client, path string, header map[string]string) *response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
	req.Header.Set("Accept-Encoding", "identity")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return e.do(t, c, req)
}

// cacheCounts returns the server's page cache hits and misses.
func (e *staffEnv) cacheCounts() (hits, misses uint64) { return e.app.CacheStats() }

func TestPublicReadAfterAStaffEditShowsTheEdit(t *testing.T) {
	e := newStaffEnv(t)
	public := e.client(t)
	const page = "/services/roberts-centre"

	first := e.fetch(t, public, page, nil)
	if first.StatusCode != 200 || strings.Contains(first.Body, "023 9200 0000") {
		t.Fatalf("before the edit: %d", first.StatusCode)
	}
	hits, misses := e.cacheCounts()
	second := e.fetch(t, public, page, nil)
	if h, m := e.cacheCounts(); h != hits+1 || m != misses {
		t.Fatalf("a second read of an unchanged page was not a cache hit: hits %d->%d, misses %d->%d", hits, h, misses, m)
	}
	if strip(second.Body) != strip(first.Body) {
		t.Error("the cached page differs from the rendered one")
	}

	staff := e.login(t, "editor@example.org")
	form := e.editForm(t, staff, "roberts-centre")
	form.Set("phone", "023 9200 0000")
	form.Set("reason", "Phone number confirmed by the centre")
	if r := e.post(t, staff, "/staff"+page, form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.StatusCode, r.Body)
	}

	hits, misses = e.cacheCounts()
	after := e.fetch(t, public, page, nil)
	if !strings.Contains(after.Body, "023 9200 0000") {
		t.Error("the public page straight after the edit does not show it")
	}
	if h, m := e.cacheCounts(); h != hits || m != misses+1 {
		t.Errorf("the read after an edit came from the cache: hits %d->%d, misses %d->%d", hits, h, misses, m)
	}
	if again := e.fetch(t, public, page, nil); !strings.Contains(again.Body, "023 9200 0000") {
		t.Error("the cached copy after the edit lost it")
	}

	// Other cached pages are dropped too: the area page lists the service.
	api := e.fetch(t, public, "/areas/portsmouth", nil)
	if !strings.Contains(api.Body, "Roberts Centre") {
		t.Error("the area page does not list the edited service")
	}
}

func TestETagAndNotModified(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	const page = "/services/roberts-centre"
	first := e.fetch(t, c, page, nil)
	etag := first.Header.Get("ETag")
	if !strings.HasPrefix(etag, `W/"`) {
		t.Fatalf("ETag %q: want a weak validator, since a compressed copy shares it", etag)
	}
	if cc := first.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("Cache-Control %q, want no-cache so browsers ask again each time", cc)
	}

	same := e.fetch(t, c, page, map[string]string{"If-None-Match": etag})
	if same.StatusCode != http.StatusNotModified || same.Body != "" {
		t.Fatalf("If-None-Match with the current ETag: %d, %d bytes", same.StatusCode, len(same.Body))
	}
	if same.Header.Get("Content-Security-Policy") != first.Header.Get("Content-Security-Policy") {
		t.Error("a 304 carries another Content-Security-Policy than the page it confirms")
	}
	if same.Header.Get("ETag") != etag {
		t.Errorf("304 ETag %q, want %q", same.Header.Get("ETag"), etag)
	}
	if other := e.fetch(t, c, page, map[string]string{"If-None-Match": `W/"something-else"`}); other.StatusCode != 200 {
		t.Errorf("If-None-Match with another ETag: %d", other.StatusCode)
	}

	staff := e.login(t, "editor@example.org")
	form := e.editForm(t, staff, "roberts-centre")
	form.Set("phone", "023 9200 0001")
	form.Set("reason", "New number")
	if r := e.post(t, staff, "/staff"+page, form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", r.StatusCode)
	}
	changed := e.fetch(t, c, page, map[string]string{"If-None-Match": etag})
	if changed.StatusCode != 200 || changed.Header.Get("ETag") == etag {
		t.Errorf("after an edit the old ETag still matches: %d, ETag %q", changed.StatusCode, changed.Header.Get("ETag"))
	}

	// An unrelated write leaves a page's ETag as it was.
	cov := e.fetch(t, c, "/coverage", nil)
	form = e.editForm(t, staff, "roberts-centre")
	form.Set("phone", "023 9200 0002")
	form.Set("reason", "Another number")
	e.post(t, staff, "/staff"+page, form)
	if again := e.fetch(t, c, "/coverage", map[string]string{"If-None-Match": cov.Header.Get("ETag")}); again.StatusCode != http.StatusNotModified {
		t.Errorf("a service edit changed the coverage page's ETag: %d", again.StatusCode)
	}
}

func TestCachedPagesHaveNoInlineScript(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	for i := range 2 {
		r := e.fetch(t, c, "/coverage", nil)
		csp := r.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "nonce-") {
			t.Errorf("response %d: Content-Security-Policy %q, want scripts from the site's own files only", i, csp)
		}
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
		if err != nil {
			t.Fatal(err)
		}
		doc.Find("script").Each(func(_ int, s *goquery.Selection) {
			if src, _ := s.Attr("src"); src == "" || strings.TrimSpace(s.Text()) != "" {
				t.Errorf("response %d has an inline script, which the policy would block: %s", i, s.Text())
			}
		})
		if doc.Find("script").Length() < 2 {
			t.Errorf("response %d has %d scripts; the NHS.UK frontend is not started", i, doc.Find("script").Length())
		}
	}
	if hits, _ := e.cacheCounts(); hits < 1 {
		t.Errorf("%d cache hits: the second response was not cached, so this proves nothing", hits)
	}
}

func TestStaffAndSessionRequestsAreNotCached(t *testing.T) {
	e := newStaffEnv(t)
	staff := e.login(t, "editor@example.org")
	hits, misses := e.cacheCounts()
	for range 2 {
		r := e.fetch(t, staff, "/coverage", nil)
		if r.StatusCode != 200 {
			t.Fatalf("coverage with a session: %d", r.StatusCode)
		}
		s := e.fetch(t, staff, "/staff/services", nil)
		if s.StatusCode != 200 || s.Header.Get("ETag") != "" || s.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("staff page: %d, ETag %q, Cache-Control %q", s.StatusCode, s.Header.Get("ETag"), s.Header.Get("Cache-Control"))
		}
	}
	if h, m := e.cacheCounts(); h != hits || m != misses {
		t.Errorf("requests with a session went through the page cache: hits %d->%d, misses %d->%d", hits, h, misses, m)
	}
}

func TestNotFoundPagesAreNotKept(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	for range 2 {
		if r := e.fetch(t, c, "/services/no-such-service", nil); r.StatusCode != 404 {
			t.Fatalf("unknown service: %d", r.StatusCode)
		}
	}
	if hits, misses := e.cacheCounts(); hits != 0 || misses != 2 {
		t.Errorf("hits %d, misses %d: a 404 was kept", hits, misses)
	}
}

func TestResponsesAreCompressed(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	for _, path := range []string{"/coverage", "/coverage.csv", "/api/v1/coverage"} {
		r := e.fetch(t, c, path, map[string]string{"Accept-Encoding": "gzip"})
		if r.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: Content-Encoding %q", path, r.Header.Get("Content-Encoding"))
			continue
		}
		zr, err := gzip.NewReader(strings.NewReader(r.Body))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil || !strings.Contains(string(plain), "family-nurse-partnership") {
			t.Errorf("%s: the gzipped body does not hold the matrix (%v)", path, err)
		}
	}
}

func TestConcurrentReadsOfAnUncachedPage(t *testing.T) {
	e := newStaffEnv(t)
	const n = 16
	var wg sync.WaitGroup
	results := make([]*response, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = e.fetch(t, e.client(t), "/coverage", nil)
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r.StatusCode != 200 || r.Body != results[0].Body {
			t.Errorf("response %d: %d, or its page differs from the first", i, r.StatusCode)
		}
	}
	hits, misses := e.cacheCounts()
	if misses < 1 || hits+misses != n {
		t.Errorf("%d hits and %d misses for %d reads", hits, misses, n)
	}
}

func TestCachedMatrixEverywhereShowsANewRating(t *testing.T) {
	e := newStaffEnv(t)
	public := e.client(t)
	// Prime the cache with every view of the matrix, twice.
	views := []string{"/coverage", "/coverage.csv", "/api/v1/coverage", "/areas/isle-of-wight"}
	for range 2 {
		for _, path := range views {
			if r := e.fetch(t, public, path, nil); r.StatusCode != 200 {
				t.Fatalf("%s: %d", path, r.StatusCode)
			}
		}
	}
	if hits, _ := e.cacheCounts(); hits < uint64(len(views)) {
		t.Fatalf("%d cache hits: the views were not cached, so this proves nothing", hits)
	}

	staff := e.login(t, "editor@example.org")
	path := "/staff/coverage/family-nurse-partnership/isle-of-wight"
	form := formValues(t, e.get(t, staff, path).Body, path)
	form.Set("rating", "amber")
	form.Set("reason", "Service started on the island in 2025")
	form.Set("effective_from", "2025-09-01")
	if r := e.post(t, staff, path, form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", r.StatusCode)
	}

	if m := matrixCell.FindStringSubmatch(e.fetch(t, public, "/coverage", nil).Body); m == nil || strings.TrimSpace(m[1]) != "Amber" {
		t.Errorf("/coverage shows %v after the change", m)
	}
	if body := e.fetch(t, public, "/coverage.csv", nil).Body; !strings.Contains(body, "family-nurse-partnership,Family Nurse Partnership,isle-of-wight,Isle of Wight,E06000046,amber") {
		t.Error("/coverage.csv does not show the new rating")
	}
	var api struct {
		Cells []struct {
			ServiceType string `json:"service_type"`
			Area        string `json:"area"`
			Rating      string `json:"rating"`
		} `json:"cells"`
	}
	if err := json.Unmarshal([]byte(e.fetch(t, public, "/api/v1/coverage", nil).Body), &api); err != nil {
		t.Fatal(err)
	}
	rating := ""
	for _, c := range api.Cells {
		if c.ServiceType == "family-nurse-partnership" && c.Area == "isle-of-wight" {
			rating = c.Rating
		}
	}
	if rating != "amber" {
		t.Errorf("/api/v1/coverage gives the cell as %q", rating)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(e.fetch(t, public, "/areas/isle-of-wight", nil).Body))
	if err != nil {
		t.Fatal(err)
	}
	row := doc.Find(`[data-testid="area-coverage"] tr`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Text(), "Family Nurse Partnership")
	})
	if row.Length() != 1 || !strings.Contains(row.Text(), "Amber") {
		t.Errorf("the area page's row for the cell reads %q", row.Text())
	}
}

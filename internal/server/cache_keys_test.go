package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/server"
	"github.com/wessex-network/directory/internal/sqlite"
)

func TestUnknownParametersShareOnePage(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	first := e.fetch(t, c, "/coverage", nil)
	for i := range 20 {
		r := e.fetch(t, c, fmt.Sprintf("/coverage?x=%d&utm_source=mail", i), nil)
		if r.StatusCode != 200 || r.Body != first.Body {
			t.Fatalf("/coverage?x=%d: %d, or a page other than /coverage", i, r.StatusCode)
		}
	}
	if hits, misses := e.cacheCounts(); misses != 1 || hits != 20 {
		t.Errorf("hits %d, misses %d: unknown parameters made new entries", hits, misses)
	}

	// The handler never sees what the key leaves out.
	r := e.fetch(t, c, "/find?q=Gosport&junk=zq-unknown-parameter-zq", nil)
	if r.StatusCode != 200 || strings.Contains(r.Body, "zq-unknown-parameter-zq") {
		t.Errorf("/find with an unknown parameter: %d, or it reached the page", r.StatusCode)
	}
}

func TestParameterOrderMakesNoNewPage(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	a := e.fetch(t, c, "/find?q=Gosport&stage=pregnancy&audience=dads-and-partners", nil)
	b := e.fetch(t, c, "/find?audience=dads-and-partners&stage=pregnancy&q=Gosport", nil)
	if a.StatusCode != 200 || a.Body != b.Body {
		t.Fatalf("the same search with its parameters in another order: %d and %d, or other pages", a.StatusCode, b.StatusCode)
	}
	if hits, misses := e.cacheCounts(); hits != 1 || misses != 1 {
		t.Errorf("hits %d, misses %d: the second order was rendered again", hits, misses)
	}
	// A parameter the route reads still makes its own page.
	if other := e.fetch(t, c, "/find?q=Gosport&stage=baby", nil); other.Body == a.Body {
		t.Error("a different stage gave the same page")
	}
}

func TestForgedHostNeverReachesAnotherClient(t *testing.T) {
	const base = "https://directory.example.org"
	e := newStaffEnv(t, server.WithBaseURL(base))
	c := e.client(t)
	forged := map[string]string{"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}
	for _, path := range []string{"/api/v1/", "/api/v1/openapi.json", "/shortlist?s=roberts-centre"} {
		req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
		req.Host = forged["Host"]
		for k, v := range forged {
			req.Header.Set(k, v)
		}
		if r := e.do(t, c, req); strings.Contains(r.Body, "evil.example") {
			t.Errorf("%s with a forged Host: the response names it", path)
		}
		later := e.fetch(t, c, path, nil)
		if strings.Contains(later.Body, "evil.example") {
			t.Errorf("%s: a later ordinary client got the forged Host", path)
		}
		if !strings.Contains(later.Body, base) {
			t.Errorf("%s: the configured base address %s is not in the page", path, base)
		}
	}
	if hits, _ := e.cacheCounts(); hits < 3 {
		t.Errorf("%d cache hits: the later requests were not served from the cache, so this proves little", hits)
	}
}

func TestFloodOfJunkAddressesKeepsThePagesPeopleRead(t *testing.T) {
	const bound = 2 << 20
	e := newStaffEnv(t, server.WithCacheBytes(bound))
	c := e.client(t)
	popular := []string{"/", "/coverage", "/areas/hampshire", "/services/roberts-centre", "/find?q=Gosport", "/api/v1/services"}
	for range 5 {
		for _, path := range popular {
			if r := e.fetch(t, c, path, nil); r.StatusCode != 200 {
				t.Fatalf("%s: %d", path, r.StatusCode)
			}
		}
	}

	// Thousands of addresses, each asked for once, that the cache would keep:
	// each is a 200 that varies a parameter its route reads. People go on
	// reading the popular pages meanwhile.
	for i := range 3000 {
		if i%100 == 0 {
			for _, path := range popular {
				e.fetch(t, c, path, nil)
			}
		}
		path := fmt.Sprintf("/api/v1/services?page=%d", i+2)
		if i%6 == 0 {
			path = fmt.Sprintf("/coverage?as_of=%04d-01-01", 2020+i)
		}
		if r := e.fetch(t, c, path, nil); r.StatusCode != 200 {
			t.Fatalf("%s: %d", path, r.StatusCode)
		}
	}
	m := e.get(t, e.client(t), "/metrics").Body
	if !strings.Contains(m, "directory_page_cache_evictions_total") || strings.Contains(m, "directory_page_cache_evictions_total 0\n") {
		t.Fatal("the flood evicted nothing, so it did not fill the cache and proves nothing")
	}

	hits, misses := e.cacheCounts()
	for _, path := range popular {
		e.fetch(t, c, path, nil)
	}
	if h, m := e.cacheCounts(); m != misses || h != hits+uint64(len(popular)) {
		t.Errorf("after the flood, %d of the %d pages people read had to be rendered again", m-misses, len(popular))
	}

	// A page that becomes popular after the flood is kept too.
	for range 5 {
		e.fetch(t, c, "/areas/dorset", nil)
	}
	hits, misses = e.cacheCounts()
	e.fetch(t, c, "/areas/dorset", nil)
	if h, _ := e.cacheCounts(); h != hits+1 {
		t.Error("a page read five times after the flood is still not served from the cache")
	}
}

func TestSessionWritesLeaveTheCacheAlone(t *testing.T) {
	e := newStaffEnv(t)
	public := e.client(t)
	e.fetch(t, public, "/coverage", nil)
	staff := e.login(t, "editor@example.org")
	for range 3 {
		if r := e.get(t, staff, "/staff/services"); r.StatusCode != 200 {
			t.Fatalf("staff services: %d", r.StatusCode)
		}
	}
	hits, misses := e.cacheCounts()
	e.fetch(t, public, "/coverage", nil)
	if h, m := e.cacheCounts(); h != hits+1 || m != misses {
		t.Errorf("after a login and staff pages, /coverage was rendered again: hits %d->%d, misses %d->%d", hits, h, misses, m)
	}
}

// TestAnotherConnectionsWriteShowsOnTheNextRequest writes through a second
// handle on the same file, as `directory import` run beside the server does.
func TestAnotherConnectionsWriteShowsOnTheNextRequest(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	for range 2 {
		if r := e.fetch(t, c, "/areas/dorset", nil); strings.Contains(r.Body, "Written elsewhere") {
			t.Fatal("the service is there before it was written")
		}
	}
	ctx := context.Background()
	other, err := sqlite.Open(ctx, sqliteOnly(t, e.db).Path)
	if err != nil {
		t.Fatal(err)
	}
	svc := directory.Service{Slug: "written-elsewhere", Name: "Written elsewhere", Source: "test", Summary: "A group.",
		Description: "Songs.", Areas: []directory.ServiceArea{{Area: "dorset"}}}
	if _, err := other.CreateService(ctx, directory.Actor{Name: "import"}, svc, "adding"); err != nil {
		t.Fatal(err)
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	if r := e.fetch(t, c, "/areas/dorset", nil); !strings.Contains(r.Body, "Written elsewhere") {
		t.Error("the next request after another connection's write does not show it")
	}
}

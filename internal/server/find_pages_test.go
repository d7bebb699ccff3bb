package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/demo"
	"github.com/wessex-network/directory/internal/server"
	"github.com/wessex-network/directory/internal/sqlite"
)

// TestFindPagesResults searches a synthetic area served by more services
// than one page shows, and walks the pages: each shows at most a page of
// results, says which ones, and links onwards and back; together they show
// every service once. Odd page numbers in a link are made sensible.
func TestFindPagesResults(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Load(context.Background(), demo.England(demo.Size{Services: 8000})); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(db, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(srv.Close)

	const search = "/find?q=Synthetic+area+001&s=synthetic-service-00001"
	first := getDoc(t, srv, search, 200)
	total := text(first.Find(`[data-testid="result-count"]`))
	if !strings.HasSuffix(total, "services") {
		t.Fatalf("result count %q", total)
	}
	seen := map[string]bool{}
	next, pages := search, 0
	for next != "" {
		pages++
		if pages > 50 {
			t.Fatal("the pages never end")
		}
		doc := getDoc(t, srv, next, 200)
		cards := doc.Find(`[data-testid^="result-synthetic-service"]`)
		if cards.Length() == 0 || cards.Length() > 20 {
			t.Fatalf("page %d shows %d results", pages, cards.Length())
		}
		cards.Each(func(_ int, c *goquery.Selection) {
			slug := strings.TrimPrefix(c.AttrOr("data-testid", ""), "result-")
			if seen[slug] {
				t.Errorf("%s is on two pages", slug)
			}
			seen[slug] = true
		})
		if r := text(doc.Find(`[data-testid="result-range"]`)); !strings.HasPrefix(r, "Showing ") {
			t.Errorf("page %d says %q about its range", pages, r)
		}
		if prev := doc.Find(`[data-testid="pagination"] a[rel="prev"]`).Length(); (pages == 1) != (prev == 0) {
			t.Errorf("page %d has %d links to the page before", pages, prev)
		}
		if doc.Find(`[data-testid="filters"] input[name="page"]`).Length() != 0 {
			t.Error("the filters keep the page, so a new filter would not start at the first page")
		}
		add := doc.Find(`a[href*="s=synthetic-service"]`).First().AttrOr("href", "")
		if pages > 1 && !strings.Contains(add, "page=") {
			t.Errorf("a shortlist link on page %d leads away from it: %q", pages, add)
		}
		next = doc.Find(`[data-testid="pagination"] a[rel="next"]`).AttrOr("href", "")
	}
	if pages < 3 {
		t.Fatalf("only %d pages; the test needs an area with more results", pages)
	}
	if want := strings.Fields(total)[0]; want != strconv.Itoa(len(seen)) {
		t.Errorf("the pages showed %d services, the count says %s", len(seen), want)
	}
	last := getDoc(t, srv, search+"&page=99999", 200)
	if !strings.Contains(text(last.Find(`[data-testid="result-range"]`)), "page "+strconv.Itoa(pages)+" of "+strconv.Itoa(pages)) {
		t.Errorf("a page beyond the last shows %q", text(last.Find(`[data-testid="result-range"]`)))
	}
	if odd := getDoc(t, srv, search+"&page=abc", 200); !strings.Contains(text(odd.Find(`[data-testid="result-range"]`)), "page 1 of") {
		t.Error("a page that is not a number does not show the first page")
	}
}

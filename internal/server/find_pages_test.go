package server_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/server"
)

// TestFindPagesResults walks the pages of results for a place served by more
// services than one page shows (four a page here, over the seeded data):
// each page shows at most a page of results and says which ones, links
// onwards and back, and says when a group continues from the page before;
// together the pages show every service once. Odd page numbers in a link are
// made sensible.
func TestFindPagesResults(t *testing.T) {
	const perPage = 3
	srv := httptest.NewServer(server.New(seededStore(t), slog.New(slog.NewTextHandler(io.Discard, nil)),
		server.WithResultsPerPage(perPage)))
	t.Cleanup(srv.Close)

	const search = "/find?q=Southampton&s=family-nurse-partnership"
	total := text(getDoc(t, srv, search, 200).Find(`[data-testid="result-count"]`))
	seen := map[string]bool{}
	next, pages, lastGroup, continued := search, 0, "", 0
	for next != "" {
		pages++
		if pages > 20 {
			t.Fatal("the pages never end")
		}
		doc := getDoc(t, srv, next, 200)
		cards := doc.Find(`.app-result`)
		if cards.Length() == 0 || cards.Length() > perPage {
			t.Fatalf("page %d shows %d results", pages, cards.Length())
		}
		cards.Each(func(_ int, c *goquery.Selection) {
			slug := strings.TrimPrefix(c.AttrOr("data-testid", ""), "result-")
			if seen[slug] {
				t.Errorf("%s is on two pages", slug)
			}
			seen[slug] = true
		})
		if r := text(doc.Find(`[data-testid="result-range"]`)); !strings.HasPrefix(r, "Showing "+strconv.Itoa((pages-1)*perPage+1)+" to ") {
			t.Errorf("page %d says %q about its range", pages, r)
		}
		if prev := doc.Find(`[data-testid="pagination"] a[rel="prev"]`).Length(); (pages == 1) != (prev == 0) {
			t.Errorf("page %d has %d links to the page before", pages, prev)
		}
		if doc.Find(`[data-testid="filters"] input[name="page"]`).Length() != 0 {
			t.Error("the filters keep the page, so a new filter would not start at the first page")
		}
		if add := doc.Find(`.app-result a[href*="s="]`).First().AttrOr("href", ""); pages > 1 && !strings.Contains(add, "page="+strconv.Itoa(pages)) {
			t.Errorf("a shortlist link on page %d leads away from it: %q", pages, add)
		}
		headings := doc.Find(`h3[id^="need-"]`)
		first := headings.First()
		if strings.Contains(text(first), "(continued)") {
			continued++
			if !strings.HasPrefix(text(first), lastGroup) {
				t.Errorf("page %d continues %q, but page %d ended with %q", pages, text(first), pages-1, lastGroup)
			}
		} else if lastGroup != "" && strings.HasPrefix(text(first), lastGroup) {
			t.Errorf("page %d carries on %q without saying it continues", pages, lastGroup)
		}
		lastGroup = strings.TrimSuffix(text(headings.Last()), " (continued)")
		next = doc.Find(`[data-testid="pagination"] a[rel="next"]`).AttrOr("href", "")
	}
	if pages < 3 || continued == 0 {
		t.Fatalf("%d pages, %d continued groups; the test needs a place with more results", pages, continued)
	}
	if want := strings.Fields(total)[0]; want != strconv.Itoa(len(seen)) {
		t.Errorf("the pages showed %d services, the count says %s", len(seen), want)
	}
	last := getDoc(t, srv, search+"&page=99999", 200)
	if r := text(last.Find(`[data-testid="result-range"]`)); !strings.HasSuffix(r, "page "+strconv.Itoa(pages)+" of "+strconv.Itoa(pages)+".") {
		t.Errorf("a page beyond the last shows %q", r)
	}
	if r := text(getDoc(t, srv, search+"&page=abc", 200).Find(`[data-testid="result-range"]`)); !strings.HasPrefix(r, "Showing 1 to") {
		t.Errorf("a page that is not a number shows %q", r)
	}
	if getDoc(t, newTestServer(t), search, 200).Find(`[data-testid="pagination"]`).Length() != 0 {
		t.Error("with the usual twenty a page, the seeded results for Southampton are paged")
	}
}

package browsertest

import (
	"encoding/csv"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestPublicJourney follows a family in Southampton from the home page to a
// service that can help them, on a desktop and on a phone, and on a phone
// with JavaScript off. Each page on the way gets every page check.
//
// The place search (/find), its filters and the shortlist have not landed
// yet; when they do, the journey should start with a search for Gosport.
func TestPublicJourney(t *testing.T) {
	s := startSite(t)
	for _, tc := range []struct {
		name string
		view viewport
		js   bool
	}{
		{"desktop", desktop, true},
		{"phone", phone, true},
		{"phone without JavaScript", phone, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := openTab(t, s, tc.view, tc.js)
			publicJourney(t, p)
		})
	}
}

func publicJourney(t *testing.T, p *tab) {
	p.visit("/", 200)
	p.arrive("journey-public-1-home")
	contains(t, "the home page", p.text("h1"), "Services that support parents and babies in Wessex")
	areas := p.section("Or choose your area")
	contains(t, "the choice of areas", areas, "Hampshire", "Dorset", "Isle of Wight", "Portsmouth", "Southampton", "Bournemouth", "Poole")

	p.followLink("main", "Southampton")
	p.wantPath("/areas/southampton")
	p.arrive("journey-public-2-area")
	if got := p.text("h1"); got != "Southampton" {
		t.Errorf("the area page's heading is %q", got)
	}
	contains(t, "Southampton's services", p.section("Services"), "Enhanced Health Visiting Offer (ECHO)", "Mums Matter")

	p.followLink("main", "Enhanced Health Visiting Offer (ECHO)")
	p.wantPath("/services/enhanced-health-visiting-offer")
	p.arrive("journey-public-3-service")
	if got := p.text("h1"); got != "Enhanced Health Visiting Offer (ECHO)" {
		t.Errorf("the service page's heading is %q", got)
	}
	contains(t, "who the service is for", p.section("Who it is for"),
		"Families identified as needing additional support", "Pregnancy", "Baby under 1", "Child aged 1 to 2")
	contains(t, "how to get the service", p.section("How to get it"),
		"A professional refers you", "Families are identified by their health visiting service.")
	contains(t, "where the service runs", p.section("Where it runs"), "Portsmouth", "Southampton")

	// The report gives no contact details, so each says so, in words.
	keys := p.texts(`[data-testid="contact"] dt`)
	values := p.texts(`[data-testid="contact"] dd`)
	if want := []string{"Phone", "Email", "Website", "Address", "Opening hours"}; !slices.Equal(keys, want) {
		t.Errorf("contact details list %q, want %q", keys, want)
	}
	for i, v := range values {
		if v != "Not recorded yet" {
			t.Errorf("contact detail %d reads %q, want \"Not recorded yet\"", i, v)
		}
	}
	if len(values) != 5 {
		t.Errorf("%d contact details, want 5", len(values))
	}
}

// TestCommissionerJourney follows a commissioner from the coverage matrix to
// an area's profile, then downloads the matrix as CSV.
func TestCommissionerJourney(t *testing.T) {
	s := startSite(t)
	p := openTab(t, s, desktop, true)

	p.visit("/", 200)
	p.followLink("main", "Coverage matrix")
	p.wantPath("/coverage")
	p.arrive("journey-commissioner-1-coverage")

	// Every cell states its rating in words, never by colour alone.
	cells := p.texts(`[data-testid="coverage-matrix"] td strong.nhsuk-tag`)
	if len(cells) != 49 {
		t.Fatalf("the matrix shows %d rated cells, want 49 (7 service types by 7 areas)", len(cells))
	}
	for i, c := range cells {
		if !slices.ContainsFunc([]string{"Green", "Amber", "Red", "Not stated"}, func(w string) bool { return strings.HasPrefix(c, w) }) {
			t.Errorf("cell %d reads %q, which is not a rating in words", i, c)
		}
	}
	// A commissioner looks for the gaps: follow a red cell.
	const cell = `[data-testid="cell-parent-infant-partnership-southampton"]`
	rating := p.spoken(cell + " strong.nhsuk-tag")
	if rating != "Red: no coverage" {
		t.Errorf("the Parent Infant Partnership in Southampton reads %q, want the report's \"Red: no coverage\"", rating)
	}

	p.follow(cell + " a")
	p.wantPath("/areas/southampton#rating-parent-infant-partnership")
	if got := p.text("h1"); got != "Southampton" {
		t.Errorf("the area page's heading is %q", got)
	}
	// The link lands on the service type's rating, scrolled into view.
	landed := eval[bool](p, `(function () {
		const el = document.getElementById('rating-parent-infant-partnership');
		if (!el) return false;
		const r = el.getBoundingClientRect();
		return r.bottom > 0 && r.top < window.innerHeight;
	})()`)
	if !landed {
		t.Error("the cell's link did not bring the area's rating of the Parent Infant Partnership into view")
	}
	p.arrive("journey-commissioner-2-area")
	contains(t, "where the cell's link lands", p.text("#rating-parent-infant-partnership"), "Parent Infant Partnership", rating)
	contains(t, "the area's gaps", p.section("Gaps"), "Parent Infant Partnership")

	// The download is the footer's link; fetch what it points at.
	href := p.attr(`footer a[href^="/coverage.csv"]`, "href")
	resp, err := http.Get(s.URL + href)
	if err != nil {
		t.Fatalf("download %s: %v", href, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("download %s: status %d, type %q", href, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	rows, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil {
		t.Fatalf("read the CSV: %v", err)
	}
	wantHeader := []string{"service_type", "service_type_name", "area", "area_name", "area_code", "rating", "rating_in_words", "note", "source", "effective_from"}
	if len(rows) == 0 || !slices.Equal(rows[0], wantHeader) {
		t.Fatalf("the CSV's header is %q, want %q", rows[0], wantHeader)
	}
	if len(rows) != 50 {
		t.Errorf("the CSV has %d rows, want 49 cells and a header", len(rows))
	}
	found := false
	for _, r := range rows[1:] {
		if r[0] == "parent-infant-partnership" && r[2] == "southampton" {
			found = true
			if r[6] != rating {
				t.Errorf("the CSV rates the Parent Infant Partnership in Southampton %q; the page said %q", r[6], rating)
			}
		}
	}
	if !found {
		t.Error("the CSV has no row for the Parent Infant Partnership in Southampton")
	}
}

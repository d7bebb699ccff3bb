package browsertest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// media makes the page render for a CSS media type, such as "print"; an
// empty type goes back to the screen.
func (p *tab) media(kind string) {
	p.t.Helper()
	p.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tt, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: kind})
		return err
	}))
}

// findPages lists the kinds of page the place search and shortlist serve.
var findPages = []sitePage{
	{"find-results", "/find?q=Gosport", 200},
	{"find-filtered", "/find?q=Southampton&stage=pregnancy&audience=young-parents&words=bonding", 200},
	{"find-postcode", "/find?q=BH15+1AA", 200},
	{"find-no-results", "/find?q=Gosport&words=zzqxqz", 200},
	{"find-choose", "/find?q=BH24", 200},
	{"find-unknown", "/find?q=Gosprt&exact=1", 404},
	{"find-corrected", "/find?q=Southamton", 200},
	{"find-disagree", "/find?q=Gosport%2C+Dorset", 200},
	{"find-conflict", "/find?q=Gosport+BH1", 200},
	{"find-parts", "/find?q=Whiteley", 200},
	{"find-outside", "/find?q=SW1A+1AA", 200},
	{"find-blank", "/find?q=", 422},
	{"shortlist", "/shortlist?s=roberts-centre&s=family-nurse-partnership", 200},
	{"shortlist-empty", "/shortlist", 200},
	{"login", "/staff/login", 200},
	{"coverage-changes", "/coverage/changes?from=report-2019", 200},
}

// TestEveryFindPage checks each kind of search page as TestEveryPage does.
func TestEveryFindPage(t *testing.T) {
	s := startSite(t)
	for _, view := range []viewport{desktop, phone} {
		p := openTab(t, s, view, true)
		for _, pg := range findPages {
			t.Run(pg.name+"/"+view.name, func(t *testing.T) {
				p.t = t
				p.visit(pg.path, pg.status)
				p.arrive(pg.name + "-" + view.name)
			})
		}
	}
}

// TestFindJourney follows a family from the home page: find Gosport, filter,
// open a service, add one to the shortlist, and open the print view. It runs
// with JavaScript on and off.
func TestFindJourney(t *testing.T) {
	s := startSite(t)
	for _, tc := range []struct {
		name string
		view viewport
		js   bool
	}{
		{"desktop", desktop, true},
		{"phone without JavaScript", phone, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := openTab(t, s, tc.view, tc.js)
			p.visit("/", 200)
			p.fill("#q", "Gosport")
			p.press(`main form.app-place-search button[type="submit"]`, 200, "/find")
			p.wantPath("/find?q=Gosport")
			p.arrive("journey-find-1-results-" + tc.view.name)
			contains(t, "the results for Gosport", p.text("main"), "The Roberts Centre", "Havant and Gosport")

			p.open(`main details`)
			p.tick("#stage-pregnancy")
			p.press(`form[data-testid="filters"] button[type="submit"]`, 200, "/find")
			p.arrive("journey-find-2-filtered-" + tc.view.name)
			contains(t, "the filtered results", p.text("main"), "Family Nurse Partnership")
			results := p.path()

			p.follow(`[data-testid="result-family-nurse-partnership"] h4 a`)
			p.wantPath("/services/family-nurse-partnership")
			p.arrive("journey-find-3-service-" + tc.view.name)
			p.visit(results, 200) // back to the results, as the browser's Back button would

			p.follow(`[data-testid="result-family-nurse-partnership"] a[href*="s=family-nurse-partnership"]`)
			p.follow(`[data-testid="shortlist-link"] a`)
			if path := p.path(); !strings.HasPrefix(path, "/shortlist?") {
				t.Fatalf("the shortlist link led to %s", path)
			}
			p.arrive("journey-find-4-shortlist-" + tc.view.name)
			contains(t, "the shortlist", p.text(`[data-testid="shortlist"]`), "Family Nurse Partnership", "Not reviewed since the 2019 report")

			// The print view: the same page as A4 paper shows it.
			p.media("print")
			if eval[bool](p, `getComputedStyle(document.querySelector('.nhsuk-header')).display !== 'none'`) {
				t.Error("the print view still shows the site header")
			}
			p.screenshot("journey-find-5-print-" + tc.view.name)
			p.media("")
		})
	}
}

// open opens a closed <details> element that matches the CSS selector.
func (p *tab) open(selector string) {
	p.t.Helper()
	if !eval[bool](p, `document.querySelector(`+js(selector)+`)?.open === true`) {
		p.do(chromedp.Click(chromedp.CSS(selector+" > summary"), chromedp.NodeVisible))
	}
}

package browsertest

import (
	"strings"
	"testing"
)

// sitePage is one kind of page the directory serves.
type sitePage struct {
	name   string // the screenshot's file name
	path   string // served from the Wessex data, or from a synthetic England when onSynthetic marks it
	status int64
}

// syntheticMark starts the path of a page that a synthetic England serves.
const syntheticMark = "synthetic:"

// onSynthetic marks a page's path as one to ask a synthetic England for: a
// kind of page that only a national dataset shows.
func onSynthetic(path string) string { return syntheticMark + path }

// where splits a page's path into the path to visit and whether a synthetic
// England serves it.
func (pg sitePage) where() (path string, synthetic bool) {
	path, synthetic = strings.CutPrefix(pg.path, syntheticMark)
	return path, synthetic
}

// everyKindOfPage lists one example of each kind of page. Add a page here
// when a new kind lands, and every check below covers it; wrap its path in
// onSynthetic when only a national dataset shows it.
var everyKindOfPage = []sitePage{
	{"home", "/", 200},
	{"coverage", "/coverage", 200},
	{"coverage-before-any-rating", "/coverage?as_of=2018-01-01", 200},
	{"coverage-bad-date", "/coverage?as_of=yesterday", 400},
	{"coverage-region", "/coverage?region=wessex", 200},
	{"coverage-current-areas", "/coverage?areas=current", 200},
	{"coverage-by-region", onSynthetic("/coverage"), 200},
	{"coverage-of-one-region", onSynthetic("/coverage?region=synthetic-region-1"), 200},
	{"areas", "/areas", 200},
	{"area-county", "/areas/hampshire", 200},
	{"area-unitary", "/areas/southampton", 200},
	{"area-region", "/areas/wessex", 200},
	{"area-nation", "/areas/england", 200},
	{"area-later-council", "/areas/bournemouth-christchurch-and-poole", 200},
	{"briefing", "/areas/hampshire/briefing", 200},
	{"service", "/services/roberts-centre", 200},
	{"suggest-change", "/services/roberts-centre/suggest", 200},
	{"suggest-service", "/suggest", 200},
	{"suggest-thanks", "/suggest/thanks?reply=1", 200},
	{"indicators", "/indicators", 200},
	{"about", "/about", 200},
	{"demand", "/demand", 200},
	{"actions", "/actions", 200},
	{"demand-bad-period", "/demand?from=2026-06-01&to=2026-01-01", 400},
	{"not-found", "/no/such/page", 404},
}

// TestEveryPage opens every kind of page on a desktop and on a 375-pixel
// phone, and checks each: no axe-core violation, no sideways scrolling, a
// clean console (so no Content-Security-Policy violation), and the NHS.UK
// scripts started. It saves a full-page screenshot of each.
func TestEveryPage(t *testing.T) {
	wessex, synthetic := startSite(t), startSyntheticSite(t)
	for _, view := range []viewport{desktop, phone} {
		tabs := map[bool]*tab{false: openTab(t, wessex, view, true), true: openTab(t, synthetic, view, true)}
		for _, pg := range everyKindOfPage {
			path, synthetic := pg.where()
			p := tabs[synthetic]
			t.Run(pg.name+"/"+view.name, func(t *testing.T) {
				p.t = t // the shared tab reports to the subtest
				p.visit(path, pg.status)
				p.arrive(pg.name)
			})
		}
	}
}

// TestReflow checks every kind of page at 320 CSS pixels, the width at which
// WCAG 2.2's reflow criterion (1.4.10) asks that nothing scrolls sideways.
func TestReflow(t *testing.T) {
	wessex, synthetic := startSite(t), startSyntheticSite(t)
	narrow := viewport{name: "320px", width: 320, height: 640, mobile: true}
	tabs := map[bool]*tab{false: openTab(t, wessex, narrow, true), true: openTab(t, synthetic, narrow, true)}
	for _, pg := range everyKindOfPage {
		path, synthetic := pg.where()
		p := tabs[synthetic]
		t.Run(pg.name, func(t *testing.T) {
			p.t = t // the shared tab reports to the subtest
			p.visit(path, pg.status)
			p.checkNoSidewaysScroll()
		})
	}
}

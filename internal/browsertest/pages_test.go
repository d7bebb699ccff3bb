package browsertest

import "testing"

// sitePage is one kind of page the directory serves.
type sitePage struct {
	name   string // the screenshot's file name
	path   string
	status int64
}

// everyKindOfPage lists one example of each kind of page. Add a page here
// when a new kind lands, and every check below covers it.
var everyKindOfPage = []sitePage{
	{"home", "/", 200},
	{"coverage", "/coverage", 200},
	{"coverage-before-any-rating", "/coverage?as_of=2018-01-01", 200},
	{"coverage-bad-date", "/coverage?as_of=yesterday", 400},
	{"areas", "/areas", 200},
	{"area-county", "/areas/hampshire", 200},
	{"area-unitary", "/areas/southampton", 200},
	{"area-region", "/areas/wessex", 200},
	{"area-nation", "/areas/england", 200},
	{"area-later-council", "/areas/bournemouth-christchurch-and-poole", 200},
	{"service", "/services/roberts-centre", 200},
	{"indicators", "/indicators", 200},
	{"about", "/about", 200},
	{"not-found", "/no/such/page", 404},
}

// TestEveryPage opens every kind of page on a desktop and on a 375-pixel
// phone, and checks each: no axe-core violation, no sideways scrolling, a
// clean console (so no Content-Security-Policy violation), and the NHS.UK
// scripts started. It saves a full-page screenshot of each.
func TestEveryPage(t *testing.T) {
	s := startSite(t)
	for _, view := range []viewport{desktop, phone} {
		p := openTab(t, s, view, true)
		for _, pg := range everyKindOfPage {
			t.Run(pg.name+"/"+view.name, func(t *testing.T) {
				p.t = t // the shared tab reports to the subtest
				p.visit(pg.path, pg.status)
				p.arrive(pg.name)
			})
		}
	}
}

// TestReflow checks every kind of page at 320 CSS pixels, the width at which
// WCAG 2.2's reflow criterion (1.4.10) asks that nothing scrolls sideways.
func TestReflow(t *testing.T) {
	s := startSite(t)
	narrow := viewport{name: "320px", width: 320, height: 640, mobile: true}
	p := openTab(t, s, narrow, true)
	for _, pg := range everyKindOfPage {
		t.Run(pg.name, func(t *testing.T) {
			p.t = t // the shared tab reports to the subtest
			p.visit(pg.path, pg.status)
			p.checkNoSidewaysScroll()
		})
	}
}

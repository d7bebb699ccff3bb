package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/chromedp/chromedp"
)

// axeTags are the axe-core rule sets every page must pass: WCAG 2.0, 2.1 and
// 2.2 at levels A and AA, and axe's best practices.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"}

// axeSource reads axe-core, as npm installed it, once for the package.
var axeSource = sync.OnceValues(func() (string, error) {
	path := filepath.Join(moduleRoot, "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read axe-core (run `make assets`, which runs npm ci): %w", err)
	}
	return string(b), nil
})

// axeViolation is one rule a page breaks, with every element that breaks it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// checkAccessibility runs axe-core on the page and fails the test on any
// violation at any impact, listing each rule and each element that breaks it.
func (p *tab) checkAccessibility() {
	p.t.Helper()
	violations := p.axe()
	if len(violations) == 0 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "axe-core found %d violations on %s (%s, JavaScript %s):", len(violations), p.where(), p.view.name, onOff(p.js))
	for _, v := range violations {
		fmt.Fprintf(&b, "\n- %s (%s): %s\n  %s", v.ID, v.Impact, v.Help, v.URL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n  * %s\n    %s\n    %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n    "))
		}
	}
	p.t.Error(b.String())
}

// axe injects axe-core into the page through DevTools, which the page's
// Content-Security-Policy does not govern, runs it with axeTags, and returns
// the violations.
func (p *tab) axe() []axeViolation {
	p.t.Helper()
	src, err := axeSource()
	if err != nil {
		p.t.Fatal(err)
	}
	if !p.js {
		// axe-core waits on timers, which do not fire while the page's
		// scripts are off. Switch them on for the check only: the page has
		// loaded, so none of its own scripts run now.
		p.scriptsOff(false)
		defer p.scriptsOff(true)
	}
	p.do(chromedp.Evaluate[chromedp.Void](src))
	tags, err := json.Marshal(axeTags)
	if err != nil {
		p.t.Fatal(err)
	}
	return run(p, chromedp.Evaluate[[]axeViolation](`axe.run(document, {
		runOnly: {type: 'tag', values: `+string(tags)+`},
		resultTypes: ['violations']
	}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({target: JSON.stringify(n.target), html: n.html, summary: n.failureSummary}))
	})))`, chromedp.EvalAwaitPromise))
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

// pageWidth is how wide the page is against the window it is shown in, and
// which elements stick out, if any.
type pageWidth struct {
	ScrollWidth int      `json:"scrollWidth"`
	InnerWidth  int      `json:"innerWidth"`
	Wide        []string `json:"wide"`
}

// checkNoSidewaysScroll fails the test if the page is wider than the window,
// so that a person would have to scroll sideways to read it. A scroll region
// inside the page, such as a wide table in .nhsuk-scroll__content, is fine;
// the page itself must fit.
func (p *tab) checkNoSidewaysScroll() {
	p.t.Helper()
	if problem := p.sidewaysScroll(); problem != "" {
		p.t.Error(problem)
	}
}

// sidewaysScroll describes how the page is wider than its window, or
// returns "" if it fits.
func (p *tab) sidewaysScroll() string {
	p.t.Helper()
	// A phone's browser zooms out to fit a page that is too wide, so the
	// elements are measured against the width the window should have.
	w := eval[pageWidth](p, fmt.Sprintf(`(function (vw) {
		const clipped = el => {
			for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
				if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true;
			}
			return false;
		};
		const wide = [];
		for (const el of document.body.querySelectorAll('*')) {
			const r = el.getBoundingClientRect();
			if (r.width === 0 || r.right <= vw + 0.5 || clipped(el)) continue;
			const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
				(el.classList.length ? '.' + Array.from(el.classList).join('.') : '');
			wide.push(name + ' reaches ' + Math.round(r.right) + 'px: ' + el.outerHTML.slice(0, 120));
			if (wide.length === 8) break;
		}
		return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide: wide};
	})(%d)`, p.view.width))
	if w.ScrollWidth > int(p.view.width) || w.InnerWidth != int(p.view.width) {
		return fmt.Sprintf("%s at %s scrolls sideways: the page is %dpx wide, and the window %dpx, where the screen is %dpx. Too wide:\n%s",
			p.where(), p.view.name, w.ScrollWidth, w.InnerWidth, p.view.width, strings.Join(w.Wide, "\n"))
	}
	return ""
}

// screenshot saves a full-page JPEG of the tab as
// test-output/screenshots/NAME-VIEWPORT.jpg at the module root. (JPEG, which
// Chromium makes faster than PNG.)
func (p *tab) screenshot(name string) {
	p.t.Helper()
	img := run(p, chromedp.FullScreenshot(85))
	dir := filepath.Join(moduleRoot, "test-output", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.t.Fatal(err)
	}
	if !p.js {
		name += "-no-js"
	}
	path := filepath.Join(dir, name+"-"+p.view.name+".jpg")
	if err := os.WriteFile(path, img, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// checkConsoleClean fails the test if the page wrote anything to the console
// since the last check: a Content-Security-Policy violation, a script error,
// a resource of the site's own that failed to load, or any other message.
func (p *tab) checkConsoleClean() {
	p.t.Helper()
	if lines := p.takeConsole(); len(lines) > 0 {
		p.t.Errorf("%s (%s, JavaScript %s) wrote to the console:\n%s", p.where(), p.view.name, onOff(p.js), strings.Join(lines, "\n"))
	}
}

// checkFrontendStarted fails the test unless the NHS.UK frontend's scripts
// ran: the inline script that marks the body as supported, and the module
// that initialises the header. Both need the response's nonce.
func (p *tab) checkFrontendStarted() {
	p.t.Helper()
	if !eval[bool](p, `document.body.classList.contains('nhsuk-frontend-supported')`) {
		p.t.Errorf("%s: the inline script did not run (no nhsuk-frontend-supported class on the body)", p.where())
	}
	// Module scripts run before DOMContentLoaded, and the tab waits for the
	// load event, so the header has been initialised by now if it ever will.
	if !eval[bool](p, `document.querySelector('.nhsuk-header').hasAttribute('data-nhsuk-header-init')`) {
		p.t.Errorf("%s: the NHS.UK frontend's module did not initialise the header", p.where())
	}
}

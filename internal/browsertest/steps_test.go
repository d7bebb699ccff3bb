package browsertest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// arrive checks the page the tab has just reached on a journey, as
// TestEveryPage checks each kind of page: the NHS.UK scripts started (with
// JavaScript on), no axe-core violation, no sideways scrolling, and a clean
// console. It saves a screenshot named after the journey's step.
func (p *tab) arrive(step string) {
	p.t.Helper()
	if p.js {
		p.checkFrontendStarted()
	} else if eval[bool](p, `document.body.classList.contains('js-enabled')`) {
		p.t.Errorf("%s: the page's scripts ran, but this tab has JavaScript off", p.where())
	}
	p.checkAccessibility()
	p.checkNoSidewaysScroll()
	p.checkConsoleClean()
	p.screenshot(step)
}

// followLink clicks the link whose visible text is exactly text, inside the
// first element that matches scope, and waits for the page it opens.
func (p *tab) followLink(scope, text string) {
	p.t.Helper()
	found := eval[bool](p, fmt.Sprintf(`(function () {
		const root = document.querySelector(%s);
		if (!root) return false;
		const link = Array.from(root.querySelectorAll('a')).find(a => (a.innerText ?? a.textContent ?? '').trim() === %s);
		if (!link) return false;
		link.setAttribute('data-browsertest-follow', '');
		return true;
	})()`, js(scope), js(text)))
	if !found {
		p.t.Fatalf("%s has no link %q in %s", p.where(), text, scope)
	}
	p.follow("[data-browsertest-follow]")
}

// section returns the text a person reads under the level-2 heading called
// heading, up to the next level-2 heading, and fails if there is no such
// heading.
func (p *tab) section(heading string) string {
	p.t.Helper()
	got := eval[*string](p, fmt.Sprintf(`(function () {
		const h = Array.from(document.querySelectorAll('main h2')).find(h => h.innerText.trim() === %s);
		if (!h) return null;
		const parts = [];
		for (let el = h.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
			parts.push(el.innerText);
		}
		return parts.join('\n');
	})()`, js(heading)))
	if got == nil {
		p.t.Fatalf("%s has no heading %q", p.where(), heading)
	}
	return strings.TrimSpace(*got)
}

// wantPath fails the test unless the tab is at path.
func (p *tab) wantPath(path string) {
	p.t.Helper()
	if got := p.path(); got != path {
		p.t.Fatalf("the tab is at %s, want %s", got, path)
	}
}

// path is where the tab is, without the site's address.
func (p *tab) path() string {
	p.t.Helper()
	return strings.TrimPrefix(run(p, chromedp.Location()), p.site.URL)
}

// text returns the text a person sees in the first element that matches the
// CSS selector, and fails the test if nothing matches.
func (p *tab) text(selector string) string {
	p.t.Helper()
	got := eval[*string](p, fmt.Sprintf(`(function () {
		const el = document.querySelector(%s);
		return el ? el.innerText : null;
	})()`, js(selector)))
	if got == nil {
		p.t.Fatalf("%s has nothing that matches %s", p.where(), selector)
	}
	return strings.TrimSpace(*got)
}

// spoken returns all the text in the first element that matches the CSS
// selector, visually hidden text too, with white space collapsed: what a
// screen reader reads. It fails the test if nothing matches.
func (p *tab) spoken(selector string) string {
	p.t.Helper()
	got := eval[*string](p, fmt.Sprintf(`(function () {
		const el = document.querySelector(%s);
		return el ? el.textContent.replace(/\s+/g, ' ').trim() : null;
	})()`, js(selector)))
	if got == nil {
		p.t.Fatalf("%s has nothing that matches %s", p.where(), selector)
	}
	return *got
}

// texts returns the text of every element that matches the CSS selector.
func (p *tab) texts(selector string) []string {
	p.t.Helper()
	return eval[[]string](p, fmt.Sprintf(
		`Array.from(document.querySelectorAll(%s), el => (el.innerText ?? el.textContent ?? '').trim())`, js(selector)))
}

// attr returns an attribute of the first element that matches the selector,
// and fails the test if there is none.
func (p *tab) attr(selector, name string) string {
	p.t.Helper()
	got := eval[*string](p, fmt.Sprintf(`(function () {
		const el = document.querySelector(%s);
		return el ? el.getAttribute(%s) : null;
	})()`, js(selector), js(name)))
	if got == nil {
		p.t.Fatalf("%s has no %s with a %s attribute", p.where(), selector, name)
	}
	return *got
}

// js writes s as a JavaScript string literal.
func js(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // a Go string always encodes
	}
	return string(b)
}

// contains fails the test unless the text has each of the wanted phrases.
func contains(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s does not say %q; it says:\n%s", what, w, text)
		}
	}
}

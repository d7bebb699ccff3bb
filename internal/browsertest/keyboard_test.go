package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focused describes the element that has the keyboard's focus.
type focused struct {
	Tag     string `json:"tag"`
	ID      string `json:"id"`
	Text    string `json:"text"`
	Class   string `json:"class"`
	Visible bool   `json:"visible"` // on screen, with a size
	InMain  bool   `json:"inMain"`
}

// focus returns the element that has the keyboard's focus now.
func (p *tab) focus() focused {
	p.t.Helper()
	return eval[focused](p, `(function () {
		const el = document.activeElement;
		const r = el.getBoundingClientRect();
		return {tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText ?? el.textContent ?? '').trim().slice(0, 60), class: el.getAttribute('class') ?? '',
			inMain: !!el.closest('main'),
			visible: r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth};
	})()`)
}

// TestKeyboard uses the coverage page with the keyboard alone: the first Tab
// reaches the skip link, which shows itself; it leads past the header to the
// main content; and every stop after it is on screen when it has the focus.
func TestKeyboard(t *testing.T) {
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
			p.visit("/coverage", 200)
			p.do(chromedp.KeyEvent(kb.Tab))
			first := p.focus()
			if first.Text != "Skip to main content" || !first.Visible {
				t.Fatalf("the first Tab reaches %+v, want the skip link, on screen", first)
			}
			p.do(chromedp.KeyEvent(kb.Enter))
			p.do(chromedp.KeyEvent(kb.Tab))
			if next := p.focus(); !next.InMain || !next.Visible {
				t.Errorf("after the skip link, Tab reaches %+v, want the first link in the main content, on screen", next)
			}
			// Walk on until the focus leaves the page; a page of this size
			// has fewer than 200 stops.
			for i := 0; i < 200; i++ {
				f := p.focus()
				if f.Tag == "body" {
					return
				}
				if !f.Visible {
					t.Errorf("Tab stop %d, %+v, is not on screen while it has the focus", i, f)
				}
				p.do(chromedp.KeyEvent(kb.Tab))
			}
			t.Error("200 Tab stops and the focus has not come back to the page's start")
		})
	}
}

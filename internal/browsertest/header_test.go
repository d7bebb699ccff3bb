package browsertest

import (
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestHeaderMenu checks the NHS.UK header on a phone. With JavaScript on, the
// links that do not fit move into a "More" menu that opens and leads on;
// with JavaScript off, every link stays in the header, in reach.
func TestHeaderMenu(t *testing.T) {
	s := startSite(t)
	menu := []string{"Coverage", "Areas", "Need indicators", "About the data"}

	t.Run("with JavaScript", func(t *testing.T) {
		p := openTab(t, s, phone, true)
		p.visit("/coverage", 200)
		if eval[bool](p, `document.querySelector('.nhsuk-header__menu').hidden`) {
			t.Fatal("on a phone the header shows no \"More\" button, though its links do not fit")
		}
		if got := p.attr("#toggle-menu", "aria-expanded"); got != "false" {
			t.Errorf("before it is pressed, the menu button has aria-expanded=%q", got)
		}
		p.do(chromedp.Click(chromedp.CSS("#toggle-menu"), chromedp.NodeVisible))
		if got := p.attr("#toggle-menu", "aria-expanded"); got != "true" {
			t.Errorf("after it is pressed, the menu button has aria-expanded=%q", got)
		}
		inMenu := p.texts(".nhsuk-header__menu-list a")
		if len(inMenu) == 0 {
			t.Fatal("the open menu lists no links")
		}
		shown := append(p.texts(".nhsuk-header__navigation-list > .nhsuk-header__navigation-item a"), inMenu...)
		for _, want := range menu {
			if !slices.Contains(shown, want) {
				t.Errorf("%q is neither in the header nor in its menu (header and menu: %q)", want, shown)
			}
		}
		p.checkAccessibility()
		p.screenshot("header-menu-open")
		last := inMenu[len(inMenu)-1]
		p.followLink(".nhsuk-header__menu-list", last)
		if got := p.text("h1"); got == "" {
			t.Errorf("following %q from the menu led to a page with no heading", last)
		}
		p.checkConsoleClean()
	})

	t.Run("without JavaScript", func(t *testing.T) {
		p := openTab(t, s, phone, false)
		p.visit("/coverage", 200)
		// Each link must be displayed, and inside the phone's width.
		visible := eval[[]string](p, `Array.from(document.querySelectorAll('.nhsuk-header__navigation-link'))
			.filter(a => { const r = a.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= window.innerWidth; })
			.map(a => (a.innerText ?? a.textContent ?? '').trim())`)
		for _, want := range menu {
			if !slices.Contains(visible, want) {
				t.Errorf("without JavaScript, %q is not in reach in the header (in reach: %q)", want, visible)
			}
		}
	})
}

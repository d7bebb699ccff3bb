package browsertest

import (
	"github.com/chromedp/chromedp"
	"slices"
	"strings"
	"testing"
)

// TestChecksCatchFaults breaks a page on purpose, in the browser only, and
// shows that each check notices: so a clean run of the other tests means the
// pages are clean, not that the checks are blind.
func TestChecksCatchFaults(t *testing.T) {
	s := startSite(t)

	t.Run("axe finds an image with no text and a field with no label", func(t *testing.T) {
		p := openTab(t, s, desktop, true)
		p.visit("/", 200)
		eval[bool](p, `(function () {
			const img = document.createElement('img');
			img.src = '/assets/images/favicon.svg';
			const input = document.createElement('input');
			input.type = 'text';
			document.querySelector('main').append(img, input);
			return true;
		})()`)
		var rules []string
		for _, v := range p.axe() {
			rules = append(rules, v.ID)
		}
		for _, want := range []string{"image-alt", "label"} {
			if !slices.Contains(rules, want) {
				t.Errorf("axe did not report %s; it reported %v", want, rules)
			}
		}
	})

	t.Run("the policy blocks an inline script without the nonce, and the tab hears of it", func(t *testing.T) {
		p := openTab(t, s, desktop, true)
		p.visit("/", 200)
		p.checkConsoleClean()
		ran := eval[bool](p, `(function () {
			const s = document.createElement('script');
			s.textContent = 'window.injectedScriptRan = true';
			document.body.append(s);
			return window.injectedScriptRan === true;
		})()`)
		if ran {
			t.Error("an inline script without the nonce ran")
		}
		// The violation event is dispatched as a task, so wait for it.
		eval[bool](p, `new Promise(resolve => setTimeout(() => resolve(true), 100))`, chromedp.EvalAwaitPromise)
		lines := p.takeConsole()
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, "securitypolicyviolation: script-src") }) {
			t.Errorf("no securitypolicyviolation was recorded; the console had:\n%s", strings.Join(lines, "\n"))
		}
	})

	t.Run("the width check finds an element wider than the phone", func(t *testing.T) {
		p := openTab(t, s, phone, true)
		p.visit("/", 200)
		if problem := p.sidewaysScroll(); problem != "" {
			t.Fatalf("the home page already scrolls sideways: %s", problem)
		}
		eval[bool](p, `(function () {
			const wide = document.createElement('p');
			wide.className = 'too-wide';
			wide.style.width = '600px';
			wide.textContent = 'A paragraph that is wider than any phone.';
			document.querySelector('main').append(wide);
			return true;
		})()`)
		if problem := p.sidewaysScroll(); !strings.Contains(problem, "p.too-wide") {
			t.Errorf("the width check did not name the 600px paragraph: %q", problem)
		}
	})
}

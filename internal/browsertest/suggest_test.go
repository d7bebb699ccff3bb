package browsertest

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestFindSuggestions types the start of a town into the home page's search,
// as a person would, sees the places it could be, checks the page with the
// suggestions open, picks one with the keyboard and lands on its results.
func TestFindSuggestions(t *testing.T) {
	s := startSite(t)
	for _, view := range []viewport{desktop, phone} {
		t.Run(view.name, func(t *testing.T) {
			p := openTab(t, s, view, true)
			p.visit("/", 200)
			if eval[string](p, `document.querySelector('form.app-place-search')?.dataset.suggest || ''`) != "on" {
				t.Fatal("the place search did not start its suggestions")
			}
			p.do(chromedp.Click(chromedp.CSS("#q"), chromedp.NodeVisible), chromedp.SendKeys(chromedp.CSS("#q"), "Lymi"))
			p.do(chromedp.WaitVisible(chromedp.CSS("#q__listbox .autocomplete__option")))
			contains(t, "the suggestions for Lymi", p.text("#q__listbox"), "Lymington", "Hampshire")
			if got := p.attr("#q", "aria-expanded"); got != "true" {
				t.Errorf("the search field's aria-expanded is %q with the suggestions open", got)
			}
			p.checkAccessibility()
			p.checkConsoleClean()
			p.screenshot("find-suggestions")

			p.do(chromedp.KeyEvent(kb.ArrowDown))
			if f := p.focus(); f.Text != "Lymington Hampshire" {
				t.Errorf("the down arrow reaches %+v, want the first suggestion", f)
			}
			ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
			defer cancel()
			resp, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(kb.Enter))
			if err != nil || resp == nil || resp.Status != 200 {
				t.Fatalf("Enter on the suggestion: %v, %+v", err, resp)
			}
			p.wantPath("/find?q=Lymington")
			p.arrive("find-suggestion-picked")
			contains(t, "the results for the picked place", p.text(`[data-testid="where"]`), "Lymington is in New Forest, a district of Hampshire.")

			// Enter in the field, with the suggestions open but none
			// chosen, searches for what was typed, as it does without
			// JavaScript.
			p.visit("/", 200)
			p.do(chromedp.Click(chromedp.CSS("#q"), chromedp.NodeVisible), chromedp.SendKeys(chromedp.CSS("#q"), "Gosport"))
			p.do(chromedp.WaitVisible(chromedp.CSS("#q__listbox .autocomplete__option")))
			resp, err = chromedp.RunResponse(ctx, chromedp.KeyEvent(kb.Enter))
			if err != nil || resp == nil || resp.Status != 200 {
				t.Fatalf("Enter in the field: %v, %+v", err, resp)
			}
			p.wantPath("/find?q=Gosport")
		})
	}
}

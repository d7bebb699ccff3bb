package browsertest

import (
	"context"
	"fmt"
	"net/http"

	"github.com/chromedp/chromedp"
)

// fill puts a value into the field that matches the CSS selector, replacing
// what was there, as typing would (an empty value clears it).
func (p *tab) fill(selector, value string) {
	p.t.Helper()
	ok := eval[bool](p, fmt.Sprintf(`(function () {
		const el = document.querySelector(%s);
		if (!el) return false;
		el.value = %s;
		el.dispatchEvent(new Event('input', {bubbles: true}));
		return true;
	})()`, js(selector), js(value)))
	if !ok {
		p.t.Fatalf("%s has no field %s", p.where(), selector)
	}
}

// tick clicks a checkbox or radio that matches the CSS selector.
func (p *tab) tick(selector string) {
	p.t.Helper()
	p.do(chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible))
}

// press clicks a button that matches the CSS selector, waits for the page it
// leads to, and fails unless that page answered with status. A form that
// posts to path and is meant to be refused (422 or 409) is expected to log
// its status to the console; that line is not a fault.
func (p *tab) press(selector string, status int64, path string) {
	p.t.Helper()
	p.mu.Lock()
	p.expected = ""
	if status >= 400 {
		p.expected = fmt.Sprintf("browser network error: Failed to load resource: the server responded with a status of %d (%s) %s",
			status, http.StatusText(int(status)), p.site.URL+path)
	}
	p.mu.Unlock()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible))
	if err != nil {
		p.t.Fatalf("press %s on %s: %v", selector, p.where(), err)
	}
	if resp == nil {
		p.t.Fatalf("press %s: no response", selector)
	}
	if resp.Status != status {
		p.t.Fatalf("press %s: %s answered %d, want %d", selector, resp.URL, resp.Status, status)
	}
}

// login logs the tab in as a staff member through the login form.
func (p *tab) login(email string) {
	p.t.Helper()
	p.visit("/staff/login", 200)
	p.fill("#email", email)
	p.fill("#password", staffPassword)
	p.press(`main form button[type="submit"]`, 200, "/staff/login")
	p.wantPath("/staff")
}

package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// stepTimeout bounds each step a test takes in the browser, so a page that
// never loads fails the test instead of hanging it.
const stepTimeout = 30 * time.Second

// viewport is a screen a page is seen on.
type viewport struct {
	name          string // used in screenshot file names
	width, height int64
	mobile        bool // emulate a phone: touch, and the page's viewport meta tag
}

var (
	desktop = viewport{name: "desktop", width: 1280, height: 900}
	phone   = viewport{name: "phone", width: 375, height: 812, mobile: true}
)

// tab is one browser tab, in a browser context of its own (its own cookies),
// pointed at one site. Its methods fail the test on any error.
type tab struct {
	t    *testing.T
	ctx  context.Context
	site *site
	view viewport
	js   bool

	mu      sync.Mutex
	console []string // everything the page wrote to the console, in order
	// expected is the browser's log line for a page that is meant to
	// answer with an error status, such as the 404 page; it is not a fault.
	expected string
}

// openTab opens a tab on the site at the viewport, with JavaScript on or off.
// It records the console, and, with JavaScript on, every
// securitypolicyviolation event the page raises.
func openTab(t *testing.T, s *site, view viewport, js bool) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	p := &tab{t: t, ctx: ctx, site: s, view: view, js: js}
	// The first call opens the tab; it must not have a timeout, which would
	// close the tab when it ends.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	if err := chromedp.Listen(ctx, p.record); err != nil {
		t.Fatalf("listen to the console: %v", err)
	}
	opts := []chromedp.EmulateViewportOption{}
	if view.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	p.do(chromedp.EmulateViewport(view.width, view.height, opts...))
	if !js {
		p.scriptsOff(true)
		return p
	}
	p.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspListener})
		return err
	}))
	return p
}

// scriptsOff switches the page's JavaScript off or on.
func (p *tab) scriptsOff(off bool) {
	p.t.Helper()
	p.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tt, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
		return err
	}))
}

// cspListener runs before the page's own scripts and turns each
// Content-Security-Policy violation into a console error the tab records.
const cspListener = `document.addEventListener('securitypolicyviolation', function (e) {
	console.error('securitypolicyviolation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline code') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});`

// record keeps what the page writes to the console: calls of the console
// API, uncaught exceptions, and the browser's own log, which is where it
// reports blocked resources and Content-Security-Policy violations.
func (p *tab) record(ev any) {
	var line string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		var parts []string
		for _, a := range ev.Args {
			if a.Description != "" {
				parts = append(parts, a.Description)
			} else {
				parts = append(parts, strings.Trim(string(a.Value), `"`))
			}
		}
		line = fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " "))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		line = "uncaught exception: " + d.Text
		if d.Exception != nil {
			line += " " + d.Exception.Description
		}
		line += fmt.Sprintf(" at %s:%d", d.URL, d.LineNumber)
	case *log.EventEntryAdded:
		e := ev.Entry
		if p.offSite(e) {
			return
		}
		line = fmt.Sprintf("browser %s %s: %s %s", e.Source, e.Level, e.Text, e.URL)
	default:
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if line != p.expected {
		p.console = append(p.console, line)
	}
}

// offSite reports whether a log entry is only a failed load from another
// host. The NHS.UK stylesheet asks for its Frutiger font from the NHS's
// asset server; the tests' browser resolves no host but the loopback one,
// and the page falls back to Arial as designed.
func (p *tab) offSite(e *log.Entry) bool {
	if e.Source != log.EntrySourceNetwork || e.URL == "" {
		return false
	}
	u, err := url.Parse(e.URL)
	return err == nil && u.Host != "" && "http://"+u.Host != p.site.URL
}

// takeConsole returns what the page has written to the console since the
// last call, and forgets it.
func (p *tab) takeConsole() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	lines := p.console
	p.console = nil
	return lines
}

// do runs browser steps, failing the test if one fails or takes longer than
// stepTimeout.
func (p *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatalf("in the browser (%s): %v", p.where(), err)
	}
}

// run runs one browser action and returns its value, failing the test if it
// fails or takes longer than stepTimeout.
func run[T any](p *tab, a chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		p.t.Fatalf("in the browser (%s): %v", p.where(), err)
	}
	return v
}

// eval evaluates a JavaScript expression in the page and decodes its value.
// It works with the page's own scripts switched off too.
func eval[T any](p *tab, expression string, opts ...chromedp.EvaluateOption) T {
	p.t.Helper()
	return run(p, chromedp.Evaluate[T](expression, opts...))
}

// where names the page the tab is on, for failure messages.
func (p *tab) where() string {
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "an unknown page"
	}
	return strings.TrimPrefix(loc, p.site.URL)
}

// visit opens a path on the site and fails unless it answers with status.
func (p *tab) visit(path string, status int64) {
	p.t.Helper()
	p.mu.Lock()
	p.expected = ""
	if status >= 400 {
		p.expected = fmt.Sprintf("browser network error: Failed to load resource: the server responded with a status of %d (%s) %s",
			status, http.StatusText(int(status)), p.site.URL+path)
	}
	p.mu.Unlock()
	resp := run(p, chromedp.NavigateResponse(p.site.URL+path))
	if resp == nil {
		p.t.Fatalf("GET %s: no response", path)
	}
	if resp.Status != status {
		p.t.Fatalf("GET %s: status %d, want %d", path, resp.Status, status)
	}
}

// follow clicks the first link that matches the CSS selector, as a person
// would, waits for the new page, and fails unless it answered 200.
func (p *tab) follow(selector string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible))
	if err != nil {
		p.t.Fatalf("follow %s from %s: %v", selector, p.where(), err)
	}
	if resp == nil {
		p.t.Fatalf("follow %s: no response", selector)
	}
	if resp.Status != 200 {
		p.t.Fatalf("follow %s to %s: status %d, want 200", selector, resp.URL, resp.Status)
	}
}

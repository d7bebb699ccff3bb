// Package browsertest drives the real directory binary with Debian's Chromium,
// headless, as a person would use it: it follows the public and commissioner
// journeys, runs axe-core on every kind of page, checks that no page scrolls
// sideways on a phone, and that the Content-Security-Policy lets the NHS.UK
// scripts run and blocks nothing else. Screenshots go to test-output/screenshots
// at the module root.
//
// The package's TestMain builds the binary once and starts one browser that
// every test shares; each test starts its own server on a free loopback port
// with its own temporary database, and opens its own tabs.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// chromiumPath is where Debian's chromium package puts the browser.
const chromiumPath = "/usr/bin/chromium"

var (
	// moduleRoot is the folder that holds go.mod.
	moduleRoot string
	// binary is the directory command, built once for the package's tests.
	binary string
	// browser is a chromedp context whose browser has started; each tab is a
	// child of it. It is nil when Chromium is missing.
	browser context.Context
	// browserMissing says why there is no browser, when there is none.
	browserMissing string
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

// runTests prepares the binary and the browser, runs the tests, and cleans up
// whatever it made. It returns the process's exit code.
func runTests(m *testing.M) int {
	root, err := findModuleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	moduleRoot = root

	if _, err := os.Stat(chromiumPath); err != nil {
		browserMissing = fmt.Sprintf("Chromium is not installed at %s (on Debian: apt-get install chromium)", chromiumPath)
		return m.Run()
	}

	tmp, err := os.MkdirTemp("", "browsertest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	defer os.RemoveAll(tmp)

	binary, err = buildBinary(tmp)
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}

	ctx, stop, err := startBrowser(filepath.Join(tmp, "profile"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	defer stop()
	browser = ctx
	return m.Run()
}

// findModuleRoot walks up from the working folder to the one with go.mod.
func findModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find module root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("find module root: no go.mod above the working folder")
		}
		dir = parent
	}
}

// buildBinary builds cmd/directory into dir. The binary embeds web/static, so
// the NHS.UK frontend must have been copied there by `make assets` first.
func buildBinary(dir string) (string, error) {
	css := filepath.Join(moduleRoot, "web", "static", "nhsuk", "nhsuk-frontend.min.css")
	if _, err := os.Stat(css); err != nil {
		return "", fmt.Errorf("the NHS.UK frontend is missing from web/static (run `make assets` first): %w", err)
	}
	out := filepath.Join(dir, "directory")
	cmd := exec.Command("go", "build", "-o", out, "./cmd/directory")
	cmd.Dir = moduleRoot
	if output, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build the directory: %w\n%s", err, output)
	}
	return out, nil
}

// startBrowser starts headless Chromium with a fresh profile in profileDir. It
// resolves every host name except the loopback address to nothing, so a page
// can reach only the test server and the tests never depend on the network.
func startBrowser(profileDir string) (context.Context, func(), error) {
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.UserDataDir(profileDir),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	stop := func() {
		cancelCtx()
		cancelAlloc()
	}
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("start %s: %w", chromiumPath, err)
	}
	return ctx, stop, nil
}

// needBrowser skips the test when Chromium is missing on a developer's
// machine, and fails it when CI=true, where the browser tests must run.
func needBrowser(t *testing.T) {
	t.Helper()
	if browser != nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s; CI=true, so the browser tests must run", browserMissing)
	}
	t.Skipf("%s; skipping the browser tests", browserMissing)
}

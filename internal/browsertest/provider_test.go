package browsertest

import (
	"os/exec"
	"strings"
	"testing"
)

// addProvider seeds a new database and adds a provider account for
// Home-Start, with the binary's own commands, before the server starts.
func addProvider(t *testing.T, dbPath string) {
	t.Helper()
	if out, err := exec.Command(binary, "seed", "-db", dbPath).CombinedOutput(); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	cmd := exec.Command(binary, "user", "add", "-email", "pat@example.org", "-name", "Pat Provider", "-role", "provider",
		"-organisation", "home-start", "-db", dbPath)
	cmd.Stdin = strings.NewReader(staffPassword + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("add the provider: %v\n%s", err, out)
	}
}

// TestProviderProposesAnEditWithoutJavaScript follows a provider, on a phone
// with JavaScript off, who logs in, proposes a change to their service,
// makes a mistake first, and sees the proposal waiting for staff; the
// public page stays as it was, and the staff pages refuse them.
func TestProviderProposesAnEditWithoutJavaScript(t *testing.T) {
	s := startSiteWith(t, func(dbPath string) { addProvider(t, dbPath) })
	public := openTab(t, s, desktop, false)
	public.visit("/services/home-start", 200)
	before := public.text("main")

	pat := openTab(t, s, phone, false)
	pat.login("pat@example.org")
	pat.arrive("journey-provider-1-home")
	contains(t, "the provider's home page", pat.text("main"), "Keep your services up to date", "Home-Start", "You have not proposed anything yet.")
	// The link's visually hidden words ("to Home-Start") make its text
	// break in two, so the journey follows it by where it leads.
	pat.visit(pat.attr(`[data-testid="propose-change"]`, "href"), 200)
	pat.wantPath("/staff/proposals/new?service=home-start")
	pat.arrive("journey-provider-2-form")
	if got := pat.attr(`input[name="version"]`, "value"); got == "" || got == "0" {
		t.Errorf("the form carries version %q, want the live service's", got)
	}

	const send = `main form[action="/staff/proposals"] button[type="submit"]`
	pat.fill("#name", "")
	pat.fill("#phone", "ring us")
	pat.press(send, 422, "/staff/proposals")
	pat.arrive("journey-provider-3-errors")
	contains(t, "the error summary", pat.text(`[data-testid="error-summary"]`), "Enter the service's name", "Enter a phone number")
	if got := pat.attr("#phone", "value"); got != "ring us" {
		t.Errorf("the phone number typed was not kept: %q", got)
	}

	pat.fill("#name", "Home-Start Wessex")
	pat.fill("#phone", "023 9200 0000")
	pat.fill("#note", "Our new name since May.")
	pat.press(send, 200, "/staff/proposals")
	pat.wantPath("/staff/proposals?sent=1")
	pat.arrive("journey-provider-4-sent")
	contains(t, "the provider's proposals", pat.text(`[data-testid="proposal"]`), "Home-Start Wessex", "Waiting for staff")

	public.visit("/services/home-start", 200)
	if after := public.text("main"); after != before || strings.Contains(after, "Home-Start Wessex") {
		t.Error("the public page changed before staff approved the proposal")
	}
	pat.followLink("main", "Back to your services")
	pat.wantPath("/staff")
	contains(t, "the provider's home page", pat.text(`[data-testid="proposals"]`), "Home-Start Wessex", "Waiting for staff")
	pat.followLink("main", "Propose a new service of Home-Start")
	pat.wantPath("/staff/proposals/new?organisation=home-start")
	pat.arrive("journey-provider-5-new-service")

	pat.visit("/staff/services", 403)
	pat.visit("/staff/coverage", 403)
}

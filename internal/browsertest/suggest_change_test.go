package browsertest

import "testing"

// TestSuggestAChangeWithoutJavaScript follows a member of the public, on a
// phone with JavaScript off, who suggests a change to a service without an
// account, makes a mistake first, and is thanked; then a member of staff
// finds the suggestion, as plain text, and closes it.
func TestSuggestAChangeWithoutJavaScript(t *testing.T) {
	s := startSite(t)
	parent := openTab(t, s, phone, false)
	parent.visit("/services/roberts-centre", 200)
	parent.followLink("main", "Suggest a change to this service")
	parent.wantPath("/services/roberts-centre/suggest")
	parent.arrive("journey-suggest-1-form")
	contains(t, "the form", parent.text("main"), "Only our staff see your email address", "You can enter up to 4,000 characters")

	const action = `main form[action="/services/roberts-centre/suggestions"] button[type="submit"]`
	parent.fill("#email", "parent@example")
	parent.press(action, 422, "/services/roberts-centre/suggestions")
	parent.arrive("journey-suggest-2-errors")
	contains(t, "the error summary", parent.text(`[data-testid="error-summary"]`),
		"Choose what your suggestion is about", "Enter the details of your suggestion", "Enter an email address in the correct format")
	if got := parent.attr("#email", "value"); got != "parent@example" {
		t.Errorf("the email typed was not kept: %q", got)
	}

	parent.tick(`input[name="topic"][value="out_of_date"]`)
	parent.fill("#details", "The group now meets on Thursdays. <b>Not bold</b>")
	parent.fill("#email", "parent@example.com")
	parent.press(action, 200, "/services/roberts-centre/suggestions")
	parent.wantPath("/suggest/thanks?reply=1")
	parent.arrive("journey-suggest-3-thanks")
	contains(t, "the thank-you page", parent.text("main"), "Nothing on the directory's public pages changes until they have")

	staff := openTab(t, s, desktop, false)
	staff.login("editor@example.org")
	contains(t, "the staff home page", staff.text("main"), "1 item waits in the review queue")
	staff.followLink("main", "Review queue")
	staff.wantPath("/staff/queue")
	staff.arrive("journey-suggest-4-staff-queue")
	staff.followLink("main", "The Roberts Centre")
	staff.arrive("journey-suggest-5-staff-item")
	if got := staff.text(`[data-testid="details"]`); got != "The group now meets on Thursdays. <b>Not bold</b>" {
		t.Errorf("staff see the details as %q, want the plain text sent", got)
	}
	contains(t, "the suggestion", staff.text(`[data-testid="suggestion"]`), "Something is out of date or wrong", "parent@example.com")
	staff.tick(`input[name="outcome"][value="fixed"]`)
	staff.fill(`#note`, "Meeting day changed on the service.")
	staff.press(`[data-testid="close-form"] button[type="submit"]`, 200, "")
	staff.wantPath("/staff/queue")
	contains(t, "the queue after closing", staff.text("main"), "is closed", "Nothing is waiting for review.")
}

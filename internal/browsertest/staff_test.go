package browsertest

import (
	"strings"
	"testing"
)

// TestStaffJourney follows a member of staff: log in, edit a service, see the
// change on the public page, meet a version conflict, view the history,
// restore, and log out.
func TestStaffJourney(t *testing.T) {
	s := startSite(t)
	ed := openTab(t, s, desktop, true)
	ada := openTab(t, s, desktop, true)

	ed.visit("/staff/login", 200)
	ed.arrive("journey-staff-1-login")
	ed.login("editor@example.org")
	ed.arrive("journey-staff-2-home")
	contains(t, "the staff bar", ed.text(`[data-testid="staff-bar"]`), "Ed Editor")

	// Both open the same service to edit, from the same version.
	const edit = "/staff/services/roberts-centre/edit"
	ed.visit(edit, 200)
	ed.arrive("journey-staff-3-edit")
	ada.login("admin@example.org")
	ada.visit(edit, 200)

	// A mistake first: the form comes back with its errors and what was typed.
	ed.fill("#name", "")
	ed.fill("#phone", "023 9200 0000")
	ed.press(`main form[action="/staff/services/roberts-centre"] button[type="submit"]`, 422, "/staff/services/roberts-centre")
	ed.arrive("journey-staff-4-errors")
	contains(t, "the error summary", ed.text(`[data-testid="error-summary"]`), "Enter the service's name")
	if got := ed.attr("#phone", "value"); got != "023 9200 0000" {
		t.Errorf("the phone number typed was not kept: %q", got)
	}
	ed.fill("#name", "The Roberts Centre")
	ed.fill("#reason", "Phone number confirmed by the centre")
	ed.press(`main form[action="/staff/services/roberts-centre"] button[type="submit"]`, 200, "/staff/services/roberts-centre")
	ed.wantPath("/services/roberts-centre")
	ed.arrive("journey-staff-5-public-page")
	contains(t, "the public contact details", ed.text(`[data-testid="contact"]`), "023 9200 0000")

	// The admin saves from the old version: refused, with both versions shown.
	ada.fill("#opening_hours", "Weekdays")
	ada.press(`main form[action="/staff/services/roberts-centre"] button[type="submit"]`, 409, "/staff/services/roberts-centre")
	ada.arrive("journey-staff-6-conflict")
	conflict := ada.text(`[data-testid="conflict"]`)
	contains(t, "the conflict page", conflict, "023 9200 0000", "Weekdays", "Different")

	// The history shows the change; restore the version before it.
	ed.visit("/staff/services/roberts-centre/history", 200)
	ed.arrive("journey-staff-7-history")
	contains(t, "the history", ed.text("main"), "Phone number confirmed by the centre", "023 9200 0000", "Ed Editor")
	ed.press(`form[action="/staff/services/roberts-centre/restore"]:has(input[name="side"][value="before"]) button`, 200, "/staff/services/roberts-centre/restore")
	ed.wantPath("/staff/services/roberts-centre/history")
	contains(t, "the history after restoring", ed.text("main"), "Restored an earlier version by Ed Editor")
	ed.visit("/services/roberts-centre", 200)
	if strings.Contains(ed.text(`[data-testid="contact"]`), "023 9200 0000") {
		t.Error("the restored public page still shows the phone number")
	}

	// Log out: the session ends, and the staff pages ask for a login again.
	ed.visit("/staff", 200)
	ed.press(`[data-testid="staff-bar"] form[action="/staff/logout"] button`, 200, "/staff/logout")
	contains(t, "the page after logging out", ed.text("main"), "You have logged out")
	ed.visit("/staff", 200)
	ed.wantPath("/staff/login?next=%2Fstaff")
}

// staffPages lists one example of each kind of staff page, as an admin sees it.
var staffPages = []sitePage{
	{"staff-home", "/staff", 200},
	{"staff-services", "/staff/services", 200},
	{"staff-service-new", "/staff/services/new", 200},
	{"staff-service-edit", "/staff/services/dorpip/edit", 200},
	{"staff-service-history", "/staff/services/dorpip/history", 200},
	{"staff-coverage", "/staff/coverage", 200},
	{"staff-actions", "/staff/actions", 200},
	{"staff-queue", "/staff/queue", 200},
	{"staff-action-new", "/staff/actions/new?service_type=parent-infant-partnership&area=southampton", 200},
	{"staff-cell", "/staff/coverage/family-nurse-partnership/isle-of-wight", 200},
	{"staff-cell-history", "/staff/coverage/family-nurse-partnership/isle-of-wight/history", 200},
	{"staff-review", "/staff/review", 200},
	{"staff-changes", "/staff/changes", 200},
	{"staff-users", "/staff/users", 200},
	{"staff-user-new", "/staff/users/new", 200},
	{"staff-service-types", "/staff/service-types", 200},
	{"staff-service-type-edit", "/staff/service-types/home-start/edit", 200},
	{"staff-service-type-history", "/staff/service-types/home-start/history", 200},
	{"staff-areas", "/staff/areas", 200},
	{"staff-area-edit", "/staff/areas/hampshire/edit", 200},
	{"staff-area-history", "/staff/areas/hampshire/history", 200},
	{"staff-import", "/staff/import", 200},
	{"staff-service-notes", "/staff/services/dorpip/notes", 200},
	{"staff-feeds", "/staff/feeds", 200},
	{"staff-feed-new", "/staff/feeds/new", 200},
	{"staff-watching", "/staff/watching", 200},
	{"staff-outbox", "/staff/outbox", 200},
}

// TestEveryStaffPage checks each kind of staff page, and a rating form that
// comes back with errors, as TestEveryPage checks the public ones.
func TestEveryStaffPage(t *testing.T) {
	s := startSite(t)
	for _, view := range []viewport{desktop, phone} {
		p := openTab(t, s, view, true)
		p.login("admin@example.org")
		for _, pg := range staffPages {
			t.Run(pg.name+"/"+view.name, func(t *testing.T) {
				p.t = t
				p.visit(pg.path, pg.status)
				p.arrive(pg.name + "-" + view.name)
			})
		}
		t.Run("staff-cell-errors/"+view.name, func(t *testing.T) {
			p.t = t
			const cell = "/staff/coverage/home-start/poole"
			p.visit(cell, 200)
			p.fill("#reason", "")
			p.press(`main form[action="`+cell+`"] button[type="submit"]`, 422, cell)
			p.arrive("staff-cell-errors-" + view.name)
			contains(t, "the error summary", p.text(`[data-testid="error-summary"]`), "Give the reason for the change")
		})
	}
}

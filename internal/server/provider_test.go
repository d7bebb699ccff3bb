package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/auth"
	"github.com/wessex-network/directory/internal/directory"
)

// The provider the tests log in as works for Home-Start, whose service is
// home-start; roberts-centre is another organisation's.
const (
	providerEmail   = "pat@example.org"
	providerService = "home-start"
	otherService    = "roberts-centre"
)

// addProvider adds the provider account, tied to Home-Start.
func (e *staffEnv) addProvider(t *testing.T) directory.User {
	t.Helper()
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	u, err := e.db.CreateUser(context.Background(), directory.Actor{Name: "test"}, directory.User{Email: providerEmail,
		Name: "Pat Provider", Role: directory.RoleProvider, Organisations: []string{"home-start"}}, hash)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// proposalForm is the provider's form for an edit of svc, as the page
// prefills it, with the name changed.
func proposalForm(svc directory.Service, name string) url.Values {
	form := url.Values{"kind": {"edit"}, "service": {svc.Slug}, "version": {strconv.Itoa(svc.Version)}, "organisation": {svc.Organisation.Slug},
		"name": {name}, "service_type": {svc.ServiceType}, "summary": {svc.Summary}, "description": {svc.Description},
		"eligibility": {svc.Eligibility}, "how_to_access": {svc.HowToAccess}, "note": {"We changed our name in May."}}
	for _, a := range svc.Areas {
		form.Add("areas", a.Area)
	}
	return form
}

func (e *staffEnv) proposals(t *testing.T) []directory.Proposal {
	t.Helper()
	all, err := e.db.Proposals(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func TestProviderHomeShowsTheirServicesAndProposals(t *testing.T) {
	e := newStaffEnv(t)
	e.addProvider(t)
	c := e.login(t, providerEmail)
	r := e.get(t, c, "/staff")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("provider home: %d", r.StatusCode)
	}
	doc := parse(t, r)
	if doc.Find(`a[href="/staff/proposals/new?service=`+providerService+`"]`).Length() != 1 {
		t.Error("the home page has no link to propose a change to the provider's service")
	}
	if doc.Find(`a[href="/staff/proposals/new?service=`+otherService+`"]`).Length() != 0 {
		t.Error("the home page offers a change to another organisation's service")
	}
	if doc.Find(`a[href="/staff/services"]`).Length() != 0 {
		t.Error("the provider's menu links to the staff services page, which would refuse them")
	}
}

func TestProviderProposesAnEdit(t *testing.T) {
	e := newStaffEnv(t)
	pat := e.addProvider(t)
	c := e.login(t, providerEmail)
	ctx := context.Background()
	svc, err := e.db.Service(ctx, providerService)
	if err != nil {
		t.Fatal(err)
	}
	form := parse(t, e.get(t, c, "/staff/proposals/new?service="+providerService))
	if got := fieldValue(form, "name"); got != svc.Name {
		t.Errorf("the form's name is %q, want the live service's %q", got, svc.Name)
	}
	if got := fieldValue(form, "version"); got != strconv.Itoa(svc.Version) {
		t.Errorf("the form carries version %q, want %d", got, svc.Version)
	}
	for _, staffOnly := range []string{"source", "last_reviewed", "review_due", "status", "reason"} {
		if form.Find(`[name="`+staffOnly+`"]`).Length() != 0 {
			t.Errorf("the provider's form has the staff field %s", staffOnly)
		}
	}

	// Bad input: 422, what was typed, nothing stored.
	bad := proposalForm(svc, "  ")
	bad.Set("phone", "call us")
	r := e.post(t, c, "/staff/proposals", bad)
	wantFormAgain(t, r, "name", url.Values{"phone": {"call us"}, "summary": {svc.Summary}, "service": {svc.Slug}})
	if got := fieldValue(parse(t, r), "version"); got != strconv.Itoa(svc.Version) {
		t.Errorf("the form shown again carries version %q, want the one it began from, %d", got, svc.Version)
	}
	if n := len(e.proposals(t)); n != 0 {
		t.Fatalf("a refused form stored %d proposals", n)
	}

	before := e.get(t, e.client(t), "/services/"+providerService).Body
	r = e.post(t, c, "/staff/proposals", proposalForm(svc, "Home-Start Gosport and Fareham"))
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/staff/proposals?sent=1" {
		t.Fatalf("propose: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	all := e.proposals(t)
	if len(all) != 1 || all[0].ProposerID != pat.ID || all[0].BaseVersion != svc.Version || all[0].Service.Name != "Home-Start Gosport and Fareham" ||
		all[0].Status != directory.ProposalPending || all[0].Note != "We changed our name in May." || all[0].Service.Source != svc.Source {
		t.Fatalf("stored proposals %+v", all)
	}
	if after := e.get(t, e.client(t), "/services/"+providerService).Body; after != before {
		t.Error("the public page changed before staff approved")
	}
	list := parse(t, e.get(t, c, "/staff/proposals?sent=1"))
	if row := list.Find(`[data-testid="proposal"]`); row.Length() != 1 || !strings.Contains(row.Text(), "Home-Start Gosport and Fareham") ||
		!strings.Contains(row.Find(`[data-testid="proposal-status"]`).Text(), "Waiting for staff") {
		t.Errorf("the provider's proposals: %q", row.Text())
	}

	// A proposal from a version that has moved on gets the conflict page.
	moved := svc
	moved.Summary = "Staff changed this meanwhile."
	if _, err := e.db.UpdateService(ctx, directory.Actor{Name: "test"}, moved, "meanwhile"); err != nil {
		t.Fatal(err)
	}
	if r := e.post(t, c, "/staff/proposals", proposalForm(svc, "Stale")); r.StatusCode != http.StatusConflict {
		t.Errorf("a stale proposal: %d, want 409", r.StatusCode)
	}
	if n := len(e.proposals(t)); n != 1 {
		t.Errorf("a stale proposal was stored: %d proposals", n)
	}
}

func TestProviderCannotProposeForAnotherOrganisation(t *testing.T) {
	e := newStaffEnv(t)
	e.addProvider(t)
	c := e.login(t, providerEmail)
	other, err := e.db.Service(context.Background(), otherService)
	if err != nil {
		t.Fatal(err)
	}
	if r := e.get(t, c, "/staff/proposals/new?service="+otherService); r.StatusCode != http.StatusForbidden {
		t.Errorf("the form for another organisation's service: %d, want 403", r.StatusCode)
	}
	if r := e.get(t, c, "/staff/proposals/new?organisation="+other.Organisation.Slug); r.StatusCode != http.StatusForbidden {
		t.Errorf("the new-service form for another organisation: %d, want 403", r.StatusCode)
	}
	if r := e.get(t, c, "/staff/proposals/new?service=no-such-service"); r.StatusCode != http.StatusNotFound {
		t.Errorf("the form for no service: %d, want 404", r.StatusCode)
	}
	forged := proposalForm(other, "Taken over")
	forged.Set("organisation", "home-start")
	if r := e.post(t, c, "/staff/proposals", forged); r.StatusCode != http.StatusForbidden {
		t.Errorf("an edit of another organisation's service: %d, want 403", r.StatusCode)
	}
	fresh := url.Values{"kind": {"new"}, "organisation": {other.Organisation.Slug}, "name": {"Not ours"}, "summary": {"x"}, "description": {"x"}, "areas": {"hampshire"}}
	if r := e.post(t, c, "/staff/proposals", fresh); r.StatusCode != http.StatusForbidden {
		t.Errorf("a new service of another organisation: %d, want 403", r.StatusCode)
	}
	if n := len(e.proposals(t)); n != 0 {
		t.Errorf("refused proposals were stored: %d", n)
	}
}

func TestProviderProposesANewService(t *testing.T) {
	e := newStaffEnv(t)
	e.addProvider(t)
	c := e.login(t, providerEmail)
	if r := e.get(t, c, "/staff/proposals/new?organisation=home-start"); r.StatusCode != http.StatusOK {
		t.Fatalf("the new-service form: %d", r.StatusCode)
	}
	form := url.Values{"kind": {"new"}, "organisation": {"home-start"}, "name": {"Home-Start Baby Group"},
		"summary": {"A weekly group for parents and babies."}, "description": {"Volunteers run a group on Tuesdays."}, "areas": {"hampshire"}}
	r := e.post(t, c, "/staff/proposals", form)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("propose a new service: %d\n%s", r.StatusCode, r.Body)
	}
	all := e.proposals(t)
	if len(all) != 1 || all[0].Kind != directory.ProposalNew || all[0].Service.Slug != "home-start-baby-group" || all[0].Organisation != "home-start" {
		t.Fatalf("stored %+v", all)
	}
	if _, err := e.db.Service(context.Background(), "home-start-baby-group"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("a proposed service is live before approval: %v", err)
	}
}

func TestStaffDoNotUseTheProviderPages(t *testing.T) {
	e := newStaffEnv(t)
	editor := e.login(t, "editor@example.org")
	for _, path := range []string{"/staff/proposals", "/staff/proposals/new?service=" + providerService} {
		if r := e.get(t, editor, path); r.StatusCode != http.StatusForbidden {
			t.Errorf("an editor on %s: %d, want 403", path, r.StatusCode)
		}
	}
}

func TestAdminAddsAProviderAccount(t *testing.T) {
	e := newStaffEnv(t)
	admin := e.login(t, "admin@example.org")
	ctx := context.Background()
	page := parse(t, e.get(t, admin, "/staff/users/new"))
	if page.Find(`input[name="role"][value="provider"]`).Length() != 1 || page.Find(`input[type="checkbox"][name="organisations"][value="home-start"]`).Length() != 1 {
		t.Fatal("the new-account form has no provider role or no organisation checkboxes")
	}
	base := url.Values{"email": {"pat@example.org"}, "name": {"Pat Provider"}, "role": {"provider"}, "password": {testPassword}}
	r := e.post(t, admin, "/staff/users", base)
	wantFormAgain(t, r, "organisations", url.Values{"email": base["email"], "name": base["name"]})
	editorWithOrg := url.Values{"email": {"ed2@example.org"}, "name": {"Ed Two"}, "role": {"editor"}, "password": {testPassword}, "organisations": {"home-start"}}
	wantFormAgain(t, e.post(t, admin, "/staff/users", editorWithOrg), "organisations", nil)
	if _, _, err := e.db.UserByEmail(ctx, "pat@example.org"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Fatalf("a refused provider was created: %v", err)
	}
	withOrgs := url.Values{"email": {"pat@example.org"}, "name": {"Pat Provider"}, "role": {"provider"}, "password": {testPassword},
		"organisations": {"home-start", "barnardos"}}
	if r := e.post(t, admin, "/staff/users", withOrgs); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add a provider: %d", r.StatusCode)
	}
	pat, _, err := e.db.UserByEmail(ctx, "pat@example.org")
	if err != nil || pat.Role != directory.RoleProvider || strings.Join(pat.Organisations, ",") != "barnardos,home-start" {
		t.Fatalf("stored %+v, %v", pat, err)
	}
	list := parse(t, e.get(t, admin, "/staff/users"))
	row := list.Find(`#user-` + strconv.FormatInt(pat.ID, 10))
	if cell := row.Find(`[data-testid="user-organisations"]`).Text(); !strings.Contains(cell, "Home-Start") || !strings.Contains(cell, "Barnardo") {
		t.Errorf("the users list shows the provider's organisations as %q", cell)
	}
}

func TestProviderSeesWhatBecameOfTheirProposals(t *testing.T) {
	e := newStaffEnv(t)
	pat := e.addProvider(t)
	ctx := context.Background()
	svc, err := e.db.Service(ctx, providerService)
	if err != nil {
		t.Fatal(err)
	}
	proposed := svc
	proposed.Name = "Home-Start Renamed"
	p, err := e.db.CreateProposal(ctx, directory.Actor{UserID: pat.ID, Name: pat.Name}, directory.Proposal{Kind: directory.ProposalEdit,
		ServiceSlug: svc.Slug, BaseVersion: svc.Version, Organisation: "home-start", Service: proposed})
	if err != nil {
		t.Fatal(err)
	}
	editor := e.userID(t, "editor@example.org")
	if _, err := e.db.RejectProposal(ctx, directory.Actor{UserID: editor, Name: "Ed Editor"}, p.ID, "The trust's site still uses the old name."); err != nil {
		t.Fatal(err)
	}
	c := e.login(t, providerEmail)
	for _, path := range []string{"/staff", "/staff/proposals"} {
		row := parse(t, e.get(t, c, path)).Find(`[data-testid="proposal"]`)
		if row.Length() != 1 || !strings.Contains(row.Find(`[data-testid="proposal-status"]`).Text(), "Rejected") ||
			!strings.Contains(row.Text(), "The trust's site still uses the old name.") {
			t.Errorf("%s shows the rejected proposal as %q", path, row.Text())
		}
	}
}

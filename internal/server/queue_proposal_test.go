package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/server"
)

// proposeRename has the provider propose, through their form, that their
// service takes a new name, and returns the stored proposal.
func (e *staffEnv) proposeRename(t *testing.T, provider *http.Client, name string) directory.Proposal {
	t.Helper()
	svc, err := e.db.Service(context.Background(), providerService)
	if err != nil {
		t.Fatal(err)
	}
	before := len(e.proposals(t))
	if r := e.post(t, provider, "/staff/proposals", proposalForm(svc, name)); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("propose: %d\n%s", r.StatusCode, r.Body)
	}
	all := e.proposals(t)
	if len(all) != before+1 {
		t.Fatalf("%d proposals after proposing, want %d", len(all), before+1)
	}
	return all[len(all)-1]
}

// proposalOf is a provider's proposal to edit the service slug, unchanged.
func proposalOf(t *testing.T, e *staffEnv, slug string) directory.Proposal {
	t.Helper()
	svc, err := e.db.Service(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return directory.Proposal{Kind: directory.ProposalEdit, ServiceSlug: slug, BaseVersion: svc.Version, Service: svc, Organisation: svc.Organisation.Slug}
}

func proposalPath(p directory.Proposal) string {
	return "/staff/queue/proposals/" + strconv.FormatInt(p.ID, 10)
}

func TestQueueApprovesAProposalAndOnlyThenThePublicPageChanges(t *testing.T) {
	mail := &queueMailSpy{}
	e := newStaffEnv(t, server.WithMailer(mail))
	ctx := context.Background()
	e.addProvider(t)
	provider, editor, public := e.login(t, providerEmail), e.login(t, "editor@example.org"), e.client(t)
	const page = "/services/" + providerService
	before := e.get(t, public, page).Body
	p := e.proposeRename(t, provider, "Home-Start Wessex")

	if after := e.get(t, public, page).Body; after != before {
		t.Error("the public page changed when the provider proposed")
	}
	if home := e.get(t, editor, "/staff"); !strings.Contains(home.Body, "1 item waits in the review queue") {
		t.Error("the staff home page does not count the proposal")
	}
	rows := parse(t, e.get(t, editor, "/staff/queue")).Find(`[data-testid="queue-item"]`)
	if rows.Length() != 1 || rows.Find(`[data-testid="queue-kind"]`).Text() != "Proposal from a provider" ||
		rows.Find(`[data-testid="queue-from"]`).Text() != "Pat Provider" || rows.Find(`a`).AttrOr("href", "") != proposalPath(p) ||
		rows.Find(`a`).Text() != "Home-Start Wessex" {
		t.Fatalf("the queue's proposal row: %d rows, %s", rows.Length(), rows.Text())
	}
	if r := e.get(t, provider, "/staff/queue"); r.StatusCode != http.StatusForbidden {
		t.Errorf("a provider asking for the queue: %d, want 403", r.StatusCode)
	}

	doc := parse(t, e.get(t, editor, proposalPath(p)))
	changes := doc.Find(`[data-testid="change"]`)
	name := changes.FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find("th").Text() == "Name" })
	if name.Find(`[data-testid="live-value"]`).Text() != "Home-Start" || name.Find(`[data-testid="proposed-value"]`).Text() != "Home-Start Wessex" {
		t.Errorf("the change table's name row: %q", name.Text())
	}
	if changes.FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find("th").Text() == "Phone" }).Length() != 0 {
		t.Error("the change table lists a field the proposal leaves as it is")
	}
	if got := doc.Find(`[data-testid="base-version"]`).Text(); got != "version "+strconv.Itoa(p.BaseVersion) {
		t.Errorf("the version it started from: %q", got)
	}
	if doc.Find(`[data-testid="stale"]`).Length() != 0 {
		t.Error("a fresh proposal is marked stale")
	}
	if doc.Find(`form[action="`+proposalPath(p)+`/approve"] input[name="version"][value="`+strconv.Itoa(p.BaseVersion)+`"]`).Length() != 1 ||
		doc.Find(`form[action="`+proposalPath(p)+`/reject"] textarea[name="reject_reason"]`).Length() != 1 ||
		doc.Find(`a[href="`+proposalPath(p)+`/edit"]`).Length() != 1 {
		t.Error("the proposal's page lacks one of its three decisions")
	}

	r := e.post(t, editor, proposalPath(p)+"/approve", url.Values{"version": {strconv.Itoa(p.BaseVersion)}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/staff/queue" {
		t.Fatalf("approve: %d to %q\n%s", r.StatusCode, r.Header.Get("Location"), r.Body)
	}
	queue := parse(t, e.get(t, editor, "/staff/queue"))
	if !strings.Contains(queue.Find(`[data-testid="queue-done"]`).Text(), "The proposal for Home-Start Wessex is approved") ||
		queue.Find(`[data-testid="queue-empty"]`).Length() != 1 {
		t.Errorf("the queue after approval: %s", queue.Find("main").Text())
	}
	if after := parse(t, e.get(t, public, page)); after.Find("h1").Text() != "Home-Start Wessex" {
		t.Errorf("the public page after approval is headed %q", after.Find("h1").Text())
	}
	history, err := e.db.History(ctx, directory.EntityService, providerService)
	if err != nil || len(history) == 0 || history[0].UserName != "Ed Editor" || !strings.Contains(history[0].Reason, "Pat Provider") {
		t.Errorf("the service's audit record does not name who proposed and who decided: %+v, %v", history, err)
	}
	sent := mail.sent()
	if len(sent) != 1 || strings.Join(sent[0].To, ",") != providerEmail || sent[0].Kind != "proposal_approved" || !strings.Contains(sent[0].Body, "/services/"+providerService) {
		t.Errorf("the message to the provider: %+v", sent)
	}
	if r := e.post(t, editor, proposalPath(p)+"/approve", url.Values{"version": {strconv.Itoa(p.BaseVersion + 1)}}); r.StatusCode == http.StatusSeeOther || r.StatusCode >= 500 {
		t.Errorf("approving twice: %d", r.StatusCode)
	}
}

func TestQueueEditsThenApprovesAProposal(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	e.addProvider(t)
	provider, editor := e.login(t, providerEmail), e.login(t, "editor@example.org")
	p := e.proposeRename(t, provider, "Home-Start Wessex")

	form := parse(t, e.get(t, editor, proposalPath(p)+"/edit"))
	edit := form.Find(`form[action="` + proposalPath(p) + `/approve"]`)
	if edit.Length() != 1 || edit.Find(`#name`).AttrOr("value", "") != "Home-Start Wessex" ||
		edit.Find(`input[name="version"]`).AttrOr("value", "") != strconv.Itoa(p.BaseVersion) {
		t.Fatalf("the edit form is not prefilled with the proposal and its base version: %s", edit.Text())
	}
	if form.Find(`form[action="/staff/services/`+providerService+`/status"]`).Length() != 0 {
		t.Error("the edit form of a proposal offers to archive the service")
	}

	values := url.Values{}
	edit.Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		switch {
		case name == "":
		case s.Is(`input[type="checkbox"], input[type="radio"]`):
			if _, on := s.Attr("checked"); on {
				values.Add(name, s.AttrOr("value", ""))
			}
		case s.Is("textarea"):
			values.Set(name, s.Text())
		case s.Is("select"):
			values.Set(name, s.Find("option[selected]").AttrOr("value", ""))
		default:
			values.Set(name, s.AttrOr("value", ""))
		}
	})
	values.Set("name", "")
	if r := e.post(t, editor, proposalPath(p)+"/approve", values); r.StatusCode != http.StatusUnprocessableEntity ||
		parse(t, r).Find(`[data-testid="error-summary"] a[href="#name"]`).Length() != 1 {
		t.Errorf("approving with the name emptied: %d, want 422 linking to the name", r.StatusCode)
	}
	if svc, _ := e.db.Service(ctx, providerService); svc.Name != "Home-Start" {
		t.Errorf("a refused approval changed the service: %q", svc.Name)
	}
	values.Set("name", "Home-Start Hampshire")
	values.Set("reason", "Their name, as the charity register gives it.")
	if r := e.post(t, editor, proposalPath(p)+"/approve", values); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve as edited: %d\n%s", r.StatusCode, r.Body)
	}
	if svc, _ := e.db.Service(ctx, providerService); svc.Name != "Home-Start Hampshire" {
		t.Errorf("approved as edited, the service is named %q", svc.Name)
	}
	if got, _ := e.db.Proposal(ctx, p.ID); got.Status != directory.ProposalApproved || got.DeciderName != "Ed Editor" {
		t.Errorf("the proposal after approval: %q by %q", got.Status, got.DeciderName)
	}
}

func TestQueueRejectsAProposalOnlyWithAReason(t *testing.T) {
	mail := &queueMailSpy{}
	e := newStaffEnv(t, server.WithMailer(mail))
	ctx := context.Background()
	e.addProvider(t)
	provider, editor, public := e.login(t, providerEmail), e.login(t, "editor@example.org"), e.client(t)
	const page = "/services/" + providerService
	before := e.get(t, public, page).Body
	p := e.proposeRename(t, provider, "Home-Start Wessex")

	r := e.post(t, editor, proposalPath(p)+"/reject", url.Values{"reject_reason": {"  "}})
	if r.StatusCode != http.StatusUnprocessableEntity || parse(t, r).Find(`[data-testid="error-summary"] a[href="#reject_reason"]`).Length() != 1 {
		t.Errorf("rejecting without a reason: %d, want 422 linking to the reason", r.StatusCode)
	}
	if got, _ := e.db.Proposal(ctx, p.ID); got.Status != directory.ProposalPending {
		t.Errorf("a refused rejection wrote the status %q", got.Status)
	}
	if n := len(mail.sent()); n != 0 {
		t.Errorf("%d messages after a refused rejection", n)
	}
	r = e.post(t, editor, proposalPath(p)+"/reject", url.Values{"reject_reason": {"Your charity's name is Home-Start, as the register gives it."}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/staff/queue" {
		t.Fatalf("reject: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if got, _ := e.db.Proposal(ctx, p.ID); got.Status != directory.ProposalRejected || got.DeciderName != "Ed Editor" || got.Reason == "" {
		t.Errorf("the proposal after rejection: %+v", got)
	}
	if after := e.get(t, public, page).Body; after != before {
		t.Error("the public page changed after a rejection")
	}
	sent := mail.sent()
	if len(sent) != 1 || strings.Join(sent[0].To, ",") != providerEmail || sent[0].Kind != "proposal_rejected" ||
		!strings.Contains(sent[0].Body, "as the register gives it") {
		t.Errorf("the message to the provider: %+v", sent)
	}
	if n := parse(t, e.get(t, editor, "/staff/queue")).Find(`[data-testid="queue-item"]`).Length(); n != 0 {
		t.Errorf("%d items in the queue after the rejection", n)
	}
}

func TestQueueStaleProposalGetsTheConflictPage(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	e.addProvider(t)
	provider, editor := e.login(t, providerEmail), e.login(t, "editor@example.org")
	p := e.proposeRename(t, provider, "Home-Start Wessex")

	live, err := e.db.Service(ctx, providerService)
	if err != nil {
		t.Fatal(err)
	}
	live.Contact.Phone = "01962 000000"
	if _, err := e.db.UpdateService(ctx, directory.Actor{Name: "test"}, live, "New phone number"); err != nil {
		t.Fatal(err)
	}
	if doc := parse(t, e.get(t, editor, proposalPath(p))); doc.Find(`[data-testid="stale"]`).Length() != 1 {
		t.Error("the page of a stale proposal does not warn of it")
	}
	r := e.post(t, editor, proposalPath(p)+"/approve", url.Values{"version": {strconv.Itoa(p.BaseVersion)}})
	if r.StatusCode != http.StatusConflict {
		t.Fatalf("approving a stale proposal: %d, want 409", r.StatusCode)
	}
	conflict := parse(t, r).Find(`[data-testid="conflict"]`).Text()
	if !strings.Contains(conflict, "01962 000000") || !strings.Contains(conflict, "Home-Start Wessex") {
		t.Errorf("the conflict page does not show both versions: %s", conflict)
	}
	if svc, _ := e.db.Service(ctx, providerService); svc.Name != "Home-Start" {
		t.Errorf("a stale approval renamed the service %q", svc.Name)
	}
	if got, _ := e.db.Proposal(ctx, p.ID); got.Status != directory.ProposalPending {
		t.Errorf("a stale approval decided the proposal: %q", got.Status)
	}
}

func TestQueueApprovesANewServiceProposal(t *testing.T) {
	e := newStaffEnv(t)
	e.addProvider(t)
	provider, editor, public := e.login(t, providerEmail), e.login(t, "editor@example.org"), e.client(t)
	form := url.Values{"kind": {"new"}, "organisation": {"home-start"}, "name": {"Home-Start Baby Group"},
		"summary": {"A weekly group for parents and babies."}, "description": {"Volunteers run a group on Tuesdays."}, "areas": {"hampshire"}}
	if r := e.post(t, provider, "/staff/proposals", form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("propose a new service: %d", r.StatusCode)
	}
	p := e.proposals(t)[0]
	doc := parse(t, e.get(t, editor, proposalPath(p)))
	rows := map[string]string{}
	doc.Find(`[data-testid="change"]`).Each(func(_ int, s *goquery.Selection) {
		rows[s.Find("th").Text()] = s.Find(`[data-testid="live-value"]`).Text() + " -> " + s.Find(`[data-testid="proposed-value"]`).Text()
	})
	if rows["Name"] != "(none) -> Home-Start Baby Group" || rows["Areas"] != "(none) -> Hampshire" || rows["Organisation"] != "(none) -> Home-Start" {
		t.Errorf("a new service's fields against nothing: %v", rows)
	}
	if r := e.get(t, public, "/services/home-start-baby-group"); r.StatusCode != http.StatusNotFound {
		t.Errorf("the proposed service's page before approval: %d, want 404", r.StatusCode)
	}
	if r := e.post(t, editor, proposalPath(p)+"/approve", url.Values{}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", r.StatusCode, r.Body)
	}
	if r := e.get(t, public, "/services/home-start-baby-group"); r.StatusCode != http.StatusOK {
		t.Errorf("the approved service's page: %d", r.StatusCode)
	}
}

func TestQueueProposalMarkupIsInert(t *testing.T) {
	e := newStaffEnv(t)
	e.addProvider(t)
	provider, editor := e.login(t, providerEmail), e.login(t, "editor@example.org")
	const markup = `<script>alert("x")</script><img src=x onerror=alert(1)><b>bold</b>`
	svc, err := e.db.Service(context.Background(), providerService)
	if err != nil {
		t.Fatal(err)
	}
	form := proposalForm(svc, "Home-Start "+markup)
	form.Set("note", markup)
	form.Set("summary", markup)
	if r := e.post(t, provider, "/staff/proposals", form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("propose: %d\n%s", r.StatusCode, r.Body)
	}
	p := e.proposals(t)[0]
	for _, path := range []string{"/staff/queue", proposalPath(p), proposalPath(p) + "/edit"} {
		page := e.get(t, editor, path)
		if page.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, page.StatusCode)
		}
		if strings.Contains(page.Body, "<script>alert") || strings.Contains(page.Body, "<img src=x") || strings.Contains(page.Body, "<b>bold") {
			t.Errorf("markup a provider sent reached %s as markup", path)
		}
		if parse(t, page).Find(`main script, main img, main b`).Length() != 0 {
			t.Errorf("the proposal made elements on %s", path)
		}
	}
	doc := parse(t, e.get(t, editor, proposalPath(p)))
	if got := doc.Find(`[data-testid="proposal-note"]`).Text(); got != markup {
		t.Errorf("the note shows as %q, want the markup as plain text", got)
	}
}

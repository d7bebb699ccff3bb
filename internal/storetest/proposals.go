package storetest

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

// proposalWorld is a seeded store with two services of two organisations, a
// provider tied to the first organisation, and an editor.
type proposalWorld struct {
	db       directory.Store
	mine     directory.Service // a service of the provider's organisation
	theirs   directory.Service // a service of another organisation
	provider directory.User
	editor   directory.User
}

func (w proposalWorld) asProvider() directory.Actor {
	return directory.Actor{UserID: w.provider.ID, Name: w.provider.Name}
}

func (w proposalWorld) asEditor() directory.Actor {
	return directory.Actor{UserID: w.editor.ID, Name: w.editor.Name}
}

// newProposalWorld seeds a store and makes the accounts.
func newProposalWorld(t *testing.T, open Opener) proposalWorld {
	t.Helper()
	ctx := context.Background()
	w := proposalWorld{db: seeded(t, open)}
	services, err := w.db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range services {
		switch {
		case s.Organisation == nil:
		case w.mine.ID == 0:
			w.mine = s
		case s.Organisation.Slug != w.mine.Organisation.Slug && w.theirs.ID == 0:
			w.theirs = s
		}
	}
	if w.mine.ID == 0 || w.theirs.ID == 0 {
		t.Fatal("the seeded dataset has no two services of two organisations")
	}
	w.provider, err = w.db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "pat@example.org", Name: "Pat Provider",
		Role: directory.RoleProvider, Organisations: []string{w.mine.Organisation.Slug}}, "hash")
	if err != nil {
		t.Fatal(err)
	}
	w.editor, err = w.db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "eve@example.org", Name: "Eve Editor",
		Role: directory.RoleEditor}, "hash")
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// edit is a proposed edit of s that renames it.
func edit(s directory.Service, name string) directory.Proposal {
	proposed := s
	proposed.Name = name
	org := ""
	if s.Organisation != nil {
		org = s.Organisation.Slug
	}
	return directory.Proposal{Kind: directory.ProposalEdit, ServiceSlug: s.Slug, BaseVersion: s.Version,
		Organisation: org, Service: proposed, Note: "  We have a new name.  "}
}

// newService is a proposed new service of org, modelled on s.
func newService(s directory.Service, org, slug string) directory.Proposal {
	proposed := s
	proposed.ID, proposed.UUID, proposed.Slug, proposed.Name, proposed.Version = 0, "", slug, "Bumps and Babies", 0
	return directory.Proposal{Kind: directory.ProposalNew, Organisation: org, Service: proposed}
}

func testProposalsAreCheckedAndChangeNoPublicPage(t *testing.T, open Opener) {
	ctx := context.Background()
	w := newProposalWorld(t, open)
	before := contentVersion(t, w.db)
	org := w.mine.Organisation.Slug

	refusals := []struct {
		name  string
		actor directory.Actor
		p     directory.Proposal
		code  string
	}{
		{"an edit of another organisation's service", w.asProvider(), edit(w.theirs, "Taken over"), directory.EFORBIDDEN},
		{"an edit of another organisation's service said to be of the provider's", w.asProvider(),
			func() directory.Proposal { p := edit(w.theirs, "Taken over"); p.Organisation = org; return p }(), directory.EFORBIDDEN},
		{"a new service of another organisation", w.asProvider(), newService(w.mine, w.theirs.Organisation.Slug, "not-ours"), directory.EFORBIDDEN},
		{"a proposal by an editor", w.asEditor(), edit(w.mine, "Renamed"), directory.EFORBIDDEN},
		{"a proposal by no account", directory.Actor{Name: "nobody"}, edit(w.mine, "Renamed"), directory.EFORBIDDEN},
		{"an edit from a version that has moved on", w.asProvider(),
			func() directory.Proposal { p := edit(w.mine, "Renamed"); p.BaseVersion++; return p }(), directory.ECONFLICT},
		{"an edit of no service", w.asProvider(),
			func() directory.Proposal { p := edit(w.mine, "Renamed"); p.ServiceSlug = "no-such-service"; return p }(), directory.ENOTFOUND},
	}
	for _, c := range refusals {
		if _, err := w.db.CreateProposal(ctx, c.actor, c.p); directory.ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	invalid := []struct {
		name  string
		p     directory.Proposal
		field string
	}{
		{"an edit with no name", edit(w.mine, "  "), "name"},
		{"an edit with no version", func() directory.Proposal { p := edit(w.mine, "Renamed"); p.BaseVersion = 0; return p }(), "version"},
		{"an edit with a note too long", func() directory.Proposal {
			p := edit(w.mine, "Renamed")
			p.Note = strings.Repeat("é", directory.MaxProposalText+1)
			return p
		}(), "note"},
		{"an edit with no area", func() directory.Proposal { p := edit(w.mine, "Renamed"); p.Service.Areas = nil; return p }(), "areas"},
		{"an edit with an unknown area", func() directory.Proposal {
			p := edit(w.mine, "Renamed")
			p.Service.Areas = []directory.ServiceArea{{Area: "atlantis"}}
			return p
		}(), "areas"},
		{"a new service with a slug taken", newService(w.mine, org, w.theirs.Slug), "slug"},
		{"a new service with a bad slug", newService(w.mine, org, "Not A Slug"), "slug"},
		{"an unknown kind", func() directory.Proposal { p := edit(w.mine, "Renamed"); p.Kind = "delete"; return p }(), "kind"},
	}
	for _, c := range invalid {
		_, err := w.db.CreateProposal(ctx, w.asProvider(), c.p)
		var v *directory.ValidationError
		if !errors.As(err, &v) || v.Fields.For(c.field) == "" {
			t.Errorf("%s: %v, want an error on %s", c.name, err, c.field)
		}
	}
	if all, err := w.db.Proposals(ctx, ""); err != nil || len(all) != 0 {
		t.Fatalf("refused proposals stored: %+v, %v", all, err)
	}

	p, err := w.db.CreateProposal(ctx, w.asProvider(), edit(w.mine, "Renamed by its provider"))
	if err != nil {
		t.Fatal(err)
	}
	if p.ID == 0 || p.Kind != directory.ProposalEdit || p.ServiceSlug != w.mine.Slug || p.BaseVersion != w.mine.Version ||
		p.Organisation != org || p.Status != directory.ProposalPending || p.ProposerID != w.provider.ID ||
		p.ProposerName != "Pat Provider" || p.Note != "We have a new name." || p.CreatedAt == "" || p.DecidedAt != "" {
		t.Errorf("created proposal %+v", p)
	}
	if p.Service.Name != "Renamed by its provider" || p.Service.Slug != w.mine.Slug || p.Service.Version != w.mine.Version {
		t.Errorf("proposed service %q (%s, version %d)", p.Service.Name, p.Service.Slug, p.Service.Version)
	}
	fresh, err := w.db.CreateProposal(ctx, w.asProvider(), newService(w.mine, org, "bumps-and-babies"))
	if err != nil {
		t.Fatal(err)
	}
	if fresh.Kind != directory.ProposalNew || fresh.ServiceSlug != "" || fresh.BaseVersion != 0 ||
		fresh.Service.Organisation == nil || fresh.Service.Organisation.Slug != org {
		t.Errorf("proposed new service %+v", fresh)
	}
	if got := contentVersion(t, w.db); got != before {
		t.Errorf("proposing moved the content version from %d to %d; it would empty the page cache", before, got)
	}
	live, err := w.db.Service(ctx, w.mine.Slug)
	if err != nil {
		t.Fatal(err)
	}
	if live.Name != w.mine.Name || live.Version != w.mine.Version {
		t.Errorf("a proposal changed the live service: %q, version %d", live.Name, live.Version)
	}
	if _, err := w.db.Service(ctx, "bumps-and-babies"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("a proposed new service is live: %v", err)
	}

	got, err := w.db.Proposal(ctx, p.ID)
	if err != nil || got.Service.Name != p.Service.Name || got.Note != p.Note {
		t.Errorf("proposal %d read back: %+v, %v", p.ID, got, err)
	}
	if _, err := w.db.Proposal(ctx, 999999); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("an unknown proposal: %v, want not found", err)
	}
	if mine, _ := w.db.ProposalsBy(ctx, w.provider.ID); len(mine) != 2 || mine[0].ID != fresh.ID || mine[1].ID != p.ID {
		t.Errorf("the provider's proposals %+v, want the new service and then the edit", mine)
	}
	if none, _ := w.db.ProposalsBy(ctx, w.editor.ID); len(none) != 0 {
		t.Errorf("the editor's proposals %+v, want none", none)
	}
	if pending, _ := w.db.Proposals(ctx, directory.ProposalPending); len(pending) != 2 || pending[0].ID != p.ID {
		t.Errorf("pending proposals %+v, want the edit first", pending)
	}
}

func testApprovingAProposalAppliesItWithTheVersionCheck(t *testing.T, open Opener) {
	ctx := context.Background()
	w := newProposalWorld(t, open)
	org := w.mine.Organisation.Slug
	p, err := w.db.CreateProposal(ctx, w.asProvider(), edit(w.mine, "Renamed by its provider"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.ApproveProposal(ctx, w.asProvider(), p.ID, p.Service, ""); directory.ErrorCode(err) != directory.EFORBIDDEN {
		t.Errorf("a provider approving their own proposal: %v, want forbidden", err)
	}
	saved, err := w.db.ApproveProposal(ctx, w.asEditor(), p.ID, p.Service, "Checked with the trust.")
	if err != nil {
		t.Fatal(err)
	}
	if saved.Name != "Renamed by its provider" || saved.Version != w.mine.Version+1 || saved.Status != w.mine.Status {
		t.Errorf("approved service %q, version %d, status %s", saved.Name, saved.Version, saved.Status)
	}
	history, err := w.db.History(ctx, directory.EntityService, w.mine.Slug)
	if err != nil || len(history) == 0 {
		t.Fatalf("service history: %v, %v", history, err)
	}
	if h := history[0]; h.UserName != "Eve Editor" || h.UserID != w.editor.ID || h.Reason != "Proposed by Pat Provider: Checked with the trust." {
		t.Errorf("the service's audit record: by %q (%d), reason %q", h.UserName, h.UserID, h.Reason)
	}
	decided, err := w.db.Proposal(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if decided.Status != directory.ProposalApproved || decided.DeciderName != "Eve Editor" || decided.DecidedAt == "" ||
		decided.Reason != "Checked with the trust." {
		t.Errorf("approved proposal %+v", decided)
	}
	if ph, _ := w.db.History(ctx, directory.EntityProposal, strconv.FormatInt(p.ID, 10)); len(ph) != 1 || ph[0].Action != "approve" || ph[0].UserName != "Eve Editor" {
		t.Errorf("the proposal's audit records: %+v", ph)
	}
	if _, err := w.db.ApproveProposal(ctx, w.asEditor(), p.ID, p.Service, ""); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("approving twice: %v, want invalid", err)
	}
	if _, err := w.db.RejectProposal(ctx, w.asEditor(), p.ID, "Changed my mind."); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("rejecting an approved proposal: %v, want invalid", err)
	}

	// A proposal whose service moves on before staff decide is a conflict,
	// and stays pending.
	stale, err := w.db.CreateProposal(ctx, w.asProvider(), edit(saved, "Renamed again"))
	if err != nil {
		t.Fatal(err)
	}
	moved := saved
	moved.Summary = "Staff changed the summary meanwhile."
	if _, err := w.db.UpdateService(ctx, w.asEditor(), moved, "meanwhile"); err != nil {
		t.Fatal(err)
	}
	_, err = w.db.ApproveProposal(ctx, w.asEditor(), stale.ID, stale.Service, "")
	var conflict *directory.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("approving a proposal whose service moved on: %v, want a conflict", err)
	}
	if current, ok := conflict.Current.(directory.Service); !ok || current.Summary != moved.Summary {
		t.Errorf("the conflict carries %+v, want the service as stored", conflict.Current)
	}
	if still, _ := w.db.Proposal(ctx, stale.ID); still.Status != directory.ProposalPending {
		t.Errorf("a conflicted proposal is %s, want still pending", still.Status)
	}
	if live, _ := w.db.Service(ctx, w.mine.Slug); live.Name != "Renamed by its provider" {
		t.Errorf("a conflicted approval changed the service's name to %q", live.Name)
	}
	// Staff edit it onto the current version, and it goes through.
	current, _ := w.db.Service(ctx, w.mine.Slug)
	merged := stale.Service
	merged.Summary, merged.Version = current.Summary, current.Version
	if again, err := w.db.ApproveProposal(ctx, w.asEditor(), stale.ID, merged, ""); err != nil || again.Name != "Renamed again" {
		t.Errorf("approving onto the current version: %q, %v", again.Name, err)
	}

	// A new service is created when approved.
	fresh, err := w.db.CreateProposal(ctx, w.asProvider(), newService(w.mine, org, "bumps-and-babies"))
	if err != nil {
		t.Fatal(err)
	}
	created, err := w.db.ApproveProposal(ctx, w.asEditor(), fresh.ID, fresh.Service, "")
	if err != nil {
		t.Fatal(err)
	}
	if created.Slug != "bumps-and-babies" || created.Status != directory.StatusActive || created.Organisation == nil || created.Organisation.Slug != org {
		t.Errorf("approved new service %+v", created)
	}
	if live, err := w.db.Service(ctx, "bumps-and-babies"); err != nil || live.Name != "Bumps and Babies" {
		t.Errorf("the new service is not live: %v", err)
	}
	if h, _ := w.db.History(ctx, directory.EntityService, "bumps-and-babies"); len(h) != 1 || h[0].Action != "create" ||
		h[0].UserName != "Eve Editor" || !strings.HasPrefix(h[0].Reason, "Proposed by Pat Provider") {
		t.Errorf("the new service's audit records: %+v", h)
	}
	if done, _ := w.db.Proposal(ctx, fresh.ID); done.ServiceSlug != "bumps-and-babies" || done.Status != directory.ProposalApproved {
		t.Errorf("the approved new service's proposal: %+v", done)
	}
}

func testRejectingAProposalNeedsAReason(t *testing.T, open Opener) {
	ctx := context.Background()
	w := newProposalWorld(t, open)
	p, err := w.db.CreateProposal(ctx, w.asProvider(), edit(w.mine, "Renamed by its provider"))
	if err != nil {
		t.Fatal(err)
	}
	var v *directory.ValidationError
	if _, err := w.db.RejectProposal(ctx, w.asEditor(), p.ID, "   "); !errors.As(err, &v) || v.Fields.For("reason") == "" {
		t.Errorf("rejecting without a reason: %v, want an error on reason", err)
	}
	if _, err := w.db.RejectProposal(ctx, w.asProvider(), p.ID, "Not mine to decide."); directory.ErrorCode(err) != directory.EFORBIDDEN {
		t.Errorf("a provider rejecting: %v, want forbidden", err)
	}
	if _, err := w.db.RejectProposal(ctx, w.asEditor(), 999999, "No such."); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("rejecting an unknown proposal: %v, want not found", err)
	}
	rejected, err := w.db.RejectProposal(ctx, w.asEditor(), p.ID, "  The trust has not renamed it.  ")
	if err != nil {
		t.Fatal(err)
	}
	if rejected.Status != directory.ProposalRejected || rejected.Reason != "The trust has not renamed it." ||
		rejected.DeciderName != "Eve Editor" || rejected.DecidedAt == "" || rejected.ServiceSlug != w.mine.Slug {
		t.Errorf("rejected proposal %+v", rejected)
	}
	history, err := w.db.History(ctx, directory.EntityProposal, strconv.FormatInt(p.ID, 10))
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 1 || history[0].Action != "reject" || history[0].UserName != "Eve Editor" || history[0].Reason != "The trust has not renamed it." {
		t.Errorf("audit of rejecting: %+v", history)
	}
	if _, err := w.db.RejectProposal(ctx, w.asEditor(), p.ID, "Again."); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("rejecting twice: %v, want invalid", err)
	}
	if _, err := w.db.ApproveProposal(ctx, w.asEditor(), p.ID, p.Service, ""); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("approving a rejected proposal: %v, want invalid", err)
	}
	if live, _ := w.db.Service(ctx, w.mine.Slug); live.Name != w.mine.Name || live.Version != w.mine.Version {
		t.Errorf("a rejected proposal changed the service: %q, version %d", live.Name, live.Version)
	}
	if mine, _ := w.db.ProposalsBy(ctx, w.provider.ID); len(mine) != 1 || mine[0].Status != directory.ProposalRejected || mine[0].Reason == "" {
		t.Errorf("the provider's proposals after a rejection: %+v", mine)
	}
}

func testProviderAccountsAreTiedToOrganisations(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	orgs, err := db.Organisations(ctx)
	if err != nil || len(orgs) < 2 {
		t.Fatalf("organisations: %d, %v", len(orgs), err)
	}
	a, b := orgs[0].Slug, orgs[1].Slug
	actor := directory.Actor{Name: "test"}
	for _, c := range []struct {
		name string
		u    directory.User
	}{
		{"a provider with no organisation", directory.User{Email: "p1@example.org", Name: "P1", Role: directory.RoleProvider}},
		{"a provider with an unknown organisation", directory.User{Email: "p2@example.org", Name: "P2", Role: directory.RoleProvider,
			Organisations: []string{a, "no-such-organisation"}}},
		{"an editor with an organisation", directory.User{Email: "e1@example.org", Name: "E1", Role: directory.RoleEditor, Organisations: []string{a}}},
	} {
		_, err := db.CreateUser(ctx, actor, c.u, "hash")
		var v *directory.ValidationError
		if !errors.As(err, &v) || v.Fields.For("organisations") == "" {
			t.Errorf("%s: %v, want an error on organisations", c.name, err)
		}
	}
	if users, _ := db.Users(ctx); len(users) != 0 {
		t.Fatalf("refused accounts were created: %+v", users)
	}
	p, err := db.CreateUser(ctx, actor, directory.User{Email: "pat@example.org", Name: "Pat", Role: directory.RoleProvider,
		Organisations: []string{b, " " + a, b}}, "hash")
	if err != nil {
		t.Fatal(err)
	}
	want := directory.TidyOrganisations([]string{a, b})
	same := func(got []string) bool { return strings.Join(got, ",") == strings.Join(want, ",") }
	if !same(p.Organisations) {
		t.Errorf("created provider's organisations %q, want %q", p.Organisations, want)
	}
	if u, err := db.User(ctx, p.ID); err != nil || !same(u.Organisations) || u.Role != directory.RoleProvider {
		t.Errorf("User: %+v, %v", u, err)
	}
	if u, _, err := db.UserByEmail(ctx, "pat@example.org"); err != nil || !same(u.Organisations) {
		t.Errorf("UserByEmail: %+v, %v", u, err)
	}
	if _, err := db.CreateUser(ctx, actor, directory.User{Email: "ed@example.org", Name: "Ed", Role: directory.RoleEditor}, "hash"); err != nil {
		t.Fatal(err)
	}
	users, err := db.Users(ctx)
	if err != nil || len(users) != 2 {
		t.Fatalf("Users: %+v, %v", users, err)
	}
	for _, u := range users {
		if (u.Role == directory.RoleProvider) != (len(u.Organisations) > 0) || (u.Role == directory.RoleProvider && !same(u.Organisations)) {
			t.Errorf("Users: %s (%s) has organisations %q", u.Name, u.Role, u.Organisations)
		}
	}
	if off, err := db.DisableUser(ctx, actor, p.ID); err != nil || !off.Disabled || !same(off.Organisations) {
		t.Errorf("disabling a provider: %+v, %v", off, err)
	}
}

package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/server"
)

// sendingMailer is a mailer that says it sends, as the job queue's does
// with an SMTP server configured.
type sendingMailer struct{ directory.OutboxMailer }

func (sendingMailer) Sending() bool { return true }

func TestOutboxPageListsMessagesNewestFirstWithTheirBodies(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	old, err := e.db.AddMail(ctx, directory.Mail{To: []string{"parent@example.org"}, Subject: "Your suggestion was closed",
		Body: "Thank you.\n<script>alert(1)</script>", Kind: directory.MailSuggestionClosed})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.RecordMailFailure(ctx, old.ID, "dial tcp 127.0.0.1:25: connection refused"); err != nil {
		t.Fatal(err)
	}
	newer, err := e.db.AddMail(ctx, directory.Mail{To: []string{"admin@example.org", "editor@example.org"}, Subject: "2 items waiting for review",
		Body: "See the queue.", Kind: directory.MailDigest})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.MarkMailSent(ctx, newer.ID); err != nil {
		t.Fatal(err)
	}

	r := e.get(t, e.login(t, "admin@example.org"), "/staff/outbox")
	if r.StatusCode != 200 {
		t.Fatalf("status %d", r.StatusCode)
	}
	if strings.Contains(r.Body, "<script>alert(1)</script>") {
		t.Error("a message's body is not escaped")
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	rows := doc.Find(`[data-testid="mail"]`)
	if rows.Length() != 2 {
		t.Fatalf("%d messages listed, want 2", rows.Length())
	}
	first, second := rows.Eq(0).Text(), rows.Eq(1).Text()
	for _, want := range []string{"admin@example.org, editor@example.org", "2 items waiting for review", "Review digest", "Sent"} {
		if !strings.Contains(first, want) {
			t.Errorf("the newest row does not say %q: %s", want, first)
		}
	}
	for _, want := range []string{"parent@example.org", "Suggestion closed", "Pending", "1", "connection refused"} {
		if !strings.Contains(second, want) {
			t.Errorf("the older row does not say %q: %s", want, second)
		}
	}
	if body := rows.Eq(1).Find(`[data-testid="mail-body"]`).Text(); body != "Thank you.\n<script>alert(1)</script>" {
		t.Errorf("the older message's body reads %q", body)
	}
	if doc.Find(`[data-testid="not-sending"]`).Length() != 1 {
		t.Error("with no mail server the page does not say that nothing is sent")
	}
	if home := e.get(t, e.login(t, "admin@example.org"), "/staff"); !strings.Contains(home.Body, `href="/staff/outbox"`) {
		t.Error("the staff home page does not link an admin to the outbox")
	}
	if home := e.get(t, e.login(t, "editor@example.org"), "/staff"); strings.Contains(home.Body, `href="/staff/outbox"`) {
		t.Error("the staff home page links an editor to the outbox, which only admins may see")
	}
}

func TestOutboxPageSaysWhenMailIsSent(t *testing.T) {
	e := newStaffEnv(t)
	e2 := newStaffEnv(t, server.WithMailer(sendingMailer{directory.OutboxMailer{Outbox: e.db}}))
	r := e2.get(t, e2.login(t, "admin@example.org"), "/staff/outbox")
	if !strings.Contains(r.Body, `data-testid="sending"`) || strings.Contains(r.Body, `data-testid="not-sending"`) {
		t.Error("with a mailer that sends, the page does not say mail is being sent")
	}
	if !strings.Contains(r.Body, "The outbox is empty") {
		t.Error("an empty outbox does not say so")
	}
}

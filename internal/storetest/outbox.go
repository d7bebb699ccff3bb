package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

// testOutboxKeepsEveryMessage checks the outbox's whole life of a message:
// added pending, listed newest first, failed attempts counted with their
// error, sent once, and never removed.
func testOutboxKeepsEveryMessage(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	if _, err := db.LatestMail(ctx, directory.MailDigest); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("LatestMail of an empty outbox: %v, want ENOTFOUND", err)
	}
	first, err := db.AddMail(ctx, directory.Mail{To: []string{"a@example.org", "b@example.org"}, Subject: "Waiting for you",
		Body: "Two suggestions.\nSee the queue.", Kind: directory.MailDigest,
		Status: directory.MailSent, Attempts: 7, LastError: "made up", SentAt: "2026-01-01T00:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	if first.ID == 0 || first.Status != directory.MailPending || first.Attempts != 0 || first.LastError != "" || first.SentAt != "" || first.CreatedAt == "" {
		t.Errorf("a new message is %+v: want an id, pending, no attempts, no error, not sent, with its time", first)
	}
	if !slices.Equal(first.To, []string{"a@example.org", "b@example.org"}) || first.Body != "Two suggestions.\nSee the queue." {
		t.Errorf("the message came back as %+v", first)
	}
	second, err := db.AddMail(ctx, directory.Mail{To: []string{"public@example.org"}, Subject: "Your suggestion", Body: "Closed.", Kind: directory.MailSuggestionClosed})
	if err != nil {
		t.Fatal(err)
	}

	list, n, err := db.Outbox(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || len(list) != 2 || list[0].ID != second.ID || list[1].ID != first.ID {
		t.Errorf("Outbox gave %d of %d, want the two newest first", len(list), n)
	}
	if list, n, _ := db.Outbox(ctx, 1); n != 2 || len(list) != 1 || list[0].ID != second.ID {
		t.Errorf("Outbox with a limit of 1 gave %d of %d, want the newest of 2", len(list), n)
	}
	if latest, err := db.LatestMail(ctx, directory.MailDigest); err != nil || latest.ID != first.ID {
		t.Errorf("LatestMail(digest) = %d, %v; want message %d", latest.ID, err, first.ID)
	}

	failed, err := db.RecordMailFailure(ctx, first.ID, "dial tcp 127.0.0.1:25: connection refused")
	if err != nil {
		t.Fatal(err)
	}
	failed, err = db.RecordMailFailure(ctx, first.ID, "421 try again later")
	if err != nil {
		t.Fatal(err)
	}
	if failed.Status != directory.MailPending || failed.Attempts != 2 || failed.LastError != "421 try again later" {
		t.Errorf("after two failures the message is %s with %d attempts and error %q; want pending, 2, the last error", failed.Status, failed.Attempts, failed.LastError)
	}
	pending, err := db.PendingMail(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 2 || pending[0].ID != first.ID || pending[1].ID != second.ID {
		t.Errorf("PendingMail gave %d messages, want both, oldest first", len(pending))
	}

	sent, err := db.MarkMailSent(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sent.Status != directory.MailSent || sent.SentAt == "" || sent.Attempts != 3 {
		t.Errorf("a sent message is %s, sent at %q, after %d attempts; want sent, a time, 3", sent.Status, sent.SentAt, sent.Attempts)
	}
	again, err := db.MarkMailSent(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if again.SentAt != sent.SentAt || again.Attempts != sent.Attempts {
		t.Errorf("marking a sent message sent again changed it to %+v", again)
	}
	if after, err := db.RecordMailFailure(ctx, first.ID, "late"); err != nil || after.Status != directory.MailSent || after.LastError == "late" {
		t.Errorf("a failure recorded for a sent message changed it: %+v, %v", after, err)
	}
	if pending, _ := db.PendingMail(ctx); len(pending) != 1 || pending[0].ID != second.ID {
		t.Errorf("after one was sent PendingMail gave %d messages, want the other", len(pending))
	}
	if _, n, _ := db.Outbox(ctx, 10); n != 2 {
		t.Errorf("the outbox holds %d messages after one was sent, want both still", n)
	}
	if got, err := db.OutboxMail(ctx, first.ID); err != nil || got.Status != directory.MailSent {
		t.Errorf("OutboxMail(%d) = %+v, %v", first.ID, got, err)
	}
	if _, err := db.OutboxMail(ctx, 9999); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("OutboxMail of no message: %v, want ENOTFOUND", err)
	}
	if _, err := db.MarkMailSent(ctx, 9999); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("MarkMailSent of no message: %v, want ENOTFOUND", err)
	}
}

// testOutboxRefusesAMessageItCannotSend checks that a message with no
// address, a bad address or no subject is refused and nothing is stored.
func testOutboxRefusesAMessageItCannotSend(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	for name, m := range map[string]directory.Mail{
		"no address":         {Subject: "Hello", Kind: directory.MailDigest},
		"not an address":     {To: []string{"nobody"}, Subject: "Hello", Kind: directory.MailDigest},
		"header injection":   {To: []string{"a@example.org\r\nBcc: x@example.org"}, Subject: "Hello", Kind: directory.MailDigest},
		"no subject":         {To: []string{"a@example.org"}, Kind: directory.MailDigest},
		"a two-line subject": {To: []string{"a@example.org"}, Subject: "Hello\r\nBcc: x@example.org", Kind: directory.MailDigest},
		"no kind":            {To: []string{"a@example.org"}, Subject: "Hello"},
	} {
		var invalid *directory.ValidationError
		if _, err := db.AddMail(ctx, m); !errors.As(err, &invalid) {
			t.Errorf("%s: AddMail gave %v, want a ValidationError", name, err)
		}
	}
	if _, n, err := db.Outbox(ctx, 10); err != nil || n != 0 {
		t.Errorf("the outbox holds %d messages after only refusals (%v)", n, err)
	}
}

// testOutboxLeavesTheContentVersionAlone checks that mail never empties the
// page cache: no outbox write moves the content version.
func testOutboxLeavesTheContentVersionAlone(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	before := contentVersion(t, db)
	m, err := db.AddMail(ctx, directory.Mail{To: []string{"a@example.org"}, Subject: "Hello", Body: "Hi", Kind: directory.MailDigest})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordMailFailure(ctx, m.ID, "refused"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.MarkMailSent(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if after := contentVersion(t, db); after != before {
		t.Errorf("the outbox's writes moved the content version from %d to %d", before, after)
	}
}

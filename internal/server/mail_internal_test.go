package server

import (
	"context"
	"log/slog"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
)

// TestMailWaitsInTheStoresOutboxByDefault checks that a server given no
// mailer keeps the messages its decisions send in the store's outbox.
func TestMailWaitsInTheStoresOutboxByDefault(t *testing.T) {
	db := sqlitetest.Open(t)
	s := New(db, slog.New(slog.DiscardHandler))
	s.queueMail(context.Background(), directory.Mail{To: []string{"parent@example.org"}, Subject: "Closed", Body: "Thanks.", Kind: directory.MailSuggestionClosed})
	pending, err := db.PendingMail(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 1 || pending[0].Subject != "Closed" {
		t.Errorf("the outbox holds %+v, want the message, pending", pending)
	}
	if s.mailSending() {
		t.Error("the outbox alone claims to send mail")
	}
}

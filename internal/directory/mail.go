package directory

import (
	"context"
	"strings"
)

// The statuses of a message in the outbox. A message that could not be sent
// stays pending and is tried again; none is ever dropped.
const (
	MailPending = "pending"
	MailSent    = "sent"
)

// The kinds of message the directory sends, which say why it was sent.
const (
	MailDigest           = "digest"            // to staff: items have begun to wait in the review queue
	MailProposalDecided  = "proposal_decided"  // to a provider: their proposal was accepted or declined
	MailSuggestionClosed = "suggestion_closed" // to a member of the public: their suggestion was closed
)

// Mail is one message the directory sends, as the outbox keeps it.
type Mail struct {
	ID        int64
	To        []string
	Subject   string
	Body      string // plain text
	Kind      string // why it was sent, such as "digest" or "suggestion_closed"
	Status    string
	Attempts  int
	LastError string
	CreatedAt string // RFC 3339
	SentAt    string // RFC 3339, empty until sent
}

// Validate reports what stops a message from being queued: it must have at
// least one address that looks like one, a subject and a kind.
func (m Mail) Validate() FieldErrors {
	var errs FieldErrors
	if len(m.To) == 0 {
		errs.Add("to", "A message needs at least one address to go to")
	}
	for _, to := range m.To {
		if strings.TrimSpace(to) == "" || !strings.Contains(to, "@") || strings.ContainsAny(to, "\r\n,;<>") {
			errs.Addf("to", "A message can only go to an email address, not %q", to)
			break
		}
	}
	if strings.TrimSpace(m.Subject) == "" || strings.ContainsAny(m.Subject, "\r\n") {
		errs.Add("subject", "A message needs a subject on one line")
	}
	if strings.TrimSpace(m.Kind) == "" {
		errs.Add("kind", "A message needs a kind that says why it is sent")
	}
	return errs
}

// Mailer queues a message to be sent. The server calls it after a decision
// that someone must hear of; the message waits in the outbox until it is
// sent.
type Mailer interface {
	QueueMail(ctx context.Context, m Mail) error
}

// OutboxMailer is the Mailer that only puts each message in the store's
// outbox, where it waits, pending, for whatever sends mail. It is the
// server's mailer when nothing else is given.
type OutboxMailer struct {
	Outbox OutboxStore
}

// QueueMail adds the message to the outbox.
func (o OutboxMailer) QueueMail(ctx context.Context, m Mail) error {
	_, err := o.Outbox.AddMail(ctx, m)
	return err
}

// OutboxStore keeps every message the directory sends, in an outbox that
// each message enters before it is sent and never leaves: a sent message is
// marked sent, one that could not be sent stays pending with its last error.
// Nothing here is on a public page, so no write here moves the content
// version, and none is audited: the outbox is its own record.
type OutboxStore interface {
	// AddMail stores a message, pending, after checking it, and returns it
	// with its id and time. Its status, attempts and errors are the store's
	// to set, whatever the message says.
	AddMail(ctx context.Context, m Mail) (Mail, error)
	// OutboxMail returns one message of the outbox; an id that names none
	// gives an ENOTFOUND error.
	OutboxMail(ctx context.Context, id int64) (Mail, error)
	// Outbox returns the newest messages, at most limit of them, newest
	// first, and how many the outbox holds in all.
	Outbox(ctx context.Context, limit int) ([]Mail, int, error)
	// PendingMail returns every message not yet sent, oldest first.
	PendingMail(ctx context.Context) ([]Mail, error)
	// LatestMail returns the newest message of a kind; with none, it gives
	// an ENOTFOUND error.
	LatestMail(ctx context.Context, kind string) (Mail, error)
	// MarkMailSent records that a message was sent, now. A message already
	// sent keeps the time it was first sent.
	MarkMailSent(ctx context.Context, id int64) (Mail, error)
	// RecordMailFailure records an attempt to send a message that failed,
	// with the error, and leaves it pending.
	RecordMailFailure(ctx context.Context, id int64, reason string) (Mail, error)
}

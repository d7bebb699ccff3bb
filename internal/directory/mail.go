package directory

import "context"

// The statuses of a message in the outbox. A message that could not be sent
// stays pending and is tried again; none is ever dropped.
const (
	MailPending = "pending"
	MailSent    = "sent"
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

// Mailer queues a message to be sent. The server calls it after a decision
// that someone must hear of; the message waits in the outbox until it is
// sent.
type Mailer interface {
	QueueMail(ctx context.Context, m Mail) error
}

package server

import (
	"context"

	"github.com/wessex-network/directory/internal/directory"
)

// queueMail queues a message that a decision sends. The decision has
// already been saved, so a message that cannot be queued is logged, not
// answered with an error page.
func (s *Server) queueMail(ctx context.Context, m directory.Mail) {
	if s.mail == nil {
		s.log.Error("no mailer: message not queued", "kind", m.Kind, "subject", m.Subject)
		return
	}
	if err := s.mail.QueueMail(ctx, m); err != nil {
		s.log.Error("queue mail", "kind", m.Kind, "err", err)
	}
}

// mailSending reports whether the mailer sends mail, as the job queue's does
// when an SMTP server is configured, or only keeps it in the outbox.
func (s *Server) mailSending() bool {
	sender, ok := s.mail.(interface{ Sending() bool })
	return ok && sender.Sending()
}

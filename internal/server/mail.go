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

package server

import (
	"net/http"

	"github.com/wessex-network/directory/web"
)

// outboxPageSize is how many of the newest messages the outbox page shows.
const outboxPageSize = 200

// staffOutbox shows admins the outbox: every message the directory sent or
// will send, newest first, each with its body. With no SMTP server
// configured it is where mail is read.
func (s *Server) staffOutbox(w http.ResponseWriter, r *http.Request) {
	mails, total, err := s.db.Outbox(r.Context(), outboxPageSize)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := currentUser(r.Context())
	s.render(w, r, http.StatusOK, web.StaffOutbox(web.StaffOutboxView{User: u, Mails: mails, Total: total, Sending: s.mailSending()}))
}

// Package mailtest runs a real SMTP server (github.com/emersion/go-smtp) in
// the test's own process, on the loopback address, and keeps every message
// it is sent, so that a test can check what arrived.
package mailtest

import (
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Message is one message as the server received it.
type Message struct {
	From    string   // the envelope's sender (MAIL FROM)
	To      []string // the envelope's recipients (RCPT TO)
	Header  mail.Header
	Subject string // decoded
	Body    string // decoded from its transfer encoding
}

// Server is an SMTP server listening on 127.0.0.1.
type Server struct {
	// Addr is the address it listens on, host:port.
	Addr string
	// Username and Password, when set, are what a client must log in with
	// (PLAIN); without them no login is offered.
	Username, Password string

	smtp     *smtp.Server
	ln       net.Listener
	received chan Message
	mu       sync.Mutex
	all      []Message
}

// Start starts a server on addr, such as "127.0.0.1:0" for a free port or
// the Addr of a server stopped before, and stops it when the test ends.
func Start(tb testing.TB, addr string) *Server {
	tb.Helper()
	s := &Server{received: make(chan Message, 100)}
	return s.listen(tb, addr)
}

// StartWithLogin starts a server that asks for a login with this user name
// and password.
func StartWithLogin(tb testing.TB, username, password string) *Server {
	tb.Helper()
	s := &Server{Username: username, Password: password, received: make(chan Message, 100)}
	return s.listen(tb, "127.0.0.1:0")
}

func (s *Server) listen(tb testing.TB, addr string) *Server {
	tb.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		tb.Fatalf("mailtest: listen on %s: %v", addr, err)
	}
	s.Addr, s.ln = ln.Addr().String(), ln
	s.smtp = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{server: s}, nil }))
	s.smtp.Domain = "127.0.0.1"
	s.smtp.AllowInsecureAuth = true
	s.smtp.ReadTimeout = time.Minute
	s.smtp.WriteTimeout = time.Minute
	go s.smtp.Serve(ln)
	tb.Cleanup(func() { s.Stop() })
	return s
}

// Stop closes the server; a client that connects after is refused.
func (s *Server) Stop() {
	s.ln.Close() // at once, whether or not Serve has begun
	s.smtp.Close()
}

// URL is the SMTP_URL that reaches the server, plain SMTP with no TLS.
func (s *Server) URL() string {
	if s.Username != "" {
		return "smtp://" + s.Username + ":" + s.Password + "@" + s.Addr + "?tls=none"
	}
	return "smtp://" + s.Addr + "?tls=none"
}

// Next waits for the next message to arrive and returns it; the test fails
// if none has arrived within a minute.
func (s *Server) Next(tb testing.TB) Message {
	tb.Helper()
	select {
	case m := <-s.received:
		return m
	case <-time.After(time.Minute):
		tb.Fatal("mailtest: no message arrived within a minute")
		return Message{}
	}
}

// Received returns every message the server has received so far.
func (s *Server) Received() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.all...)
}

type session struct {
	server *Server
	from   string
	to     []string
	authed bool
}

func (ss *session) AuthMechanisms() []string {
	if ss.server.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, username, password string) error {
		if username != ss.server.Username || password != ss.server.Password {
			return errors.New("wrong user name or password")
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.server.Username != "" && !ss.authed {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	var body io.Reader = msg.Body
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return err
	}
	m := Message{From: ss.from, To: ss.to, Header: msg.Header, Subject: subject, Body: strings.ReplaceAll(string(b), "\r\n", "\n")}
	ss.server.mu.Lock()
	ss.server.all = append(ss.server.all, m)
	ss.server.mu.Unlock()
	ss.server.received <- m
	return nil
}

func (ss *session) Reset()        { ss.from, ss.to = "", nil }
func (ss *session) Logout() error { return nil }

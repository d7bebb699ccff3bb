// Package mail sends the directory's messages over SMTP, through
// github.com/wneessen/go-mail. It knows nothing of the outbox: the job
// queue (internal/jobs) takes each message from the outbox, hands it to a
// Sender, and records what came of it.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/wessex-network/directory/internal/directory"
)

// The ways of securing the connection that an SMTP address may ask for in
// its tls parameter.
const (
	TLSNone     = "none"     // plain SMTP, for a relay on this machine or a test server
	TLSStartTLS = "starttls" // plain SMTP upgraded by STARTTLS, which must be offered; the default
	TLSImplicit = "tls"      // TLS from the first byte (SMTPS, usually port 465)
)

// Config is where and how to send mail: the server that SMTP_URL names and
// the From address that MAIL_FROM gives.
type Config struct {
	Host     string
	Port     int
	Username string // empty: no authentication
	Password string
	TLS      string // TLSNone, TLSStartTLS or TLSImplicit
	From     string // as MAIL_FROM gave it, such as "Wessex directory <directory@example.org>"
	Timeout  time.Duration
}

// ParseConfig reads an SMTP address, such as
// smtp://user:pass@mail.example.org:587?tls=starttls, and a From address. The
// scheme is smtp, or smtps for tls=tls; the port defaults to 25 for
// tls=none, 587 for starttls and 465 for tls. A user name and password, when
// given, log in with the best mechanism the server offers (with tls=none,
// PLAIN, the password in the clear: only for a relay on this machine). An address that
// cannot be used is refused with an error that says why, so that a server
// with a bad SMTP_URL or MAIL_FROM stops at start-up.
func ParseConfig(smtpURL, from string) (Config, error) {
	var c Config
	u, err := url.Parse(smtpURL)
	if err != nil {
		// url.Error quotes the whole address, password and all.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return c, fmt.Errorf("SMTP_URL is not an address: %w", err)
	}
	switch u.Scheme {
	case "smtp":
		c.TLS = TLSStartTLS
	case "smtps":
		c.TLS = TLSImplicit
	default:
		return c, fmt.Errorf("SMTP_URL %q: give an smtp:// or smtps:// address, such as smtp://user:pass@mail.example.org:587?tls=starttls", redacted(u))
	}
	q := u.Query()
	for k := range q {
		if k != "tls" {
			return c, fmt.Errorf("SMTP_URL %q: unknown parameter %q (only tls is known)", redacted(u), k)
		}
	}
	if t := q.Get("tls"); t != "" {
		switch t {
		case TLSNone, TLSStartTLS, TLSImplicit:
			c.TLS = t
		default:
			return c, fmt.Errorf("SMTP_URL %q: tls=%s is not one of none, starttls or tls", redacted(u), t)
		}
	}
	if u.Scheme == "smtps" && c.TLS != TLSImplicit {
		return c, fmt.Errorf("SMTP_URL %q: smtps:// is TLS from the start, so tls=%s contradicts it", redacted(u), c.TLS)
	}
	c.Host = u.Hostname()
	if c.Host == "" || u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.Fragment != "" {
		return c, fmt.Errorf("SMTP_URL %q: give the server's host, and nothing after it but ?tls=", redacted(u))
	}
	switch c.TLS {
	case TLSNone:
		c.Port = 25
	case TLSStartTLS:
		c.Port = 587
	case TLSImplicit:
		c.Port = 465
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return c, fmt.Errorf("SMTP_URL %q: the port %q is not a number from 1 to 65535", redacted(u), p)
		}
		c.Port = n
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	if strings.TrimSpace(from) == "" {
		return c, errors.New("MAIL_FROM: give the address mail comes from, such as \"Wessex directory <directory@example.org>\"")
	}
	if _, err := mail.ParseAddress(from); err != nil {
		return c, fmt.Errorf("MAIL_FROM %q is not an email address: %w", from, err)
	}
	c.From = from
	c.Timeout = 30 * time.Second
	return c, nil
}

// String describes where mail goes, with any password masked, for logs.
func (c Config) String() string {
	u := url.URL{Scheme: "smtp", Host: net.JoinHostPort(c.Host, strconv.Itoa(c.Port)), RawQuery: "tls=" + c.TLS}
	if c.Username != "" {
		u.User = url.UserPassword(c.Username, "xxxxx")
	}
	return u.String()
}

// redacted shows an SMTP address with its password masked.
func redacted(u *url.URL) string { return u.Redacted() }

// Sender sends messages to one SMTP server.
type Sender struct {
	cfg Config
}

// NewSender returns a Sender for a configuration that ParseConfig made.
func NewSender(cfg Config) *Sender { return &Sender{cfg: cfg} }

// Message builds the message that Send sends: From, To, Subject, Date, a
// Message-ID and the plain-text body.
func (s *Sender) Message(m directory.Mail) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return nil, fmt.Errorf("message %d: from %q: %w", m.ID, s.cfg.From, err)
	}
	if err := msg.To(m.To...); err != nil {
		return nil, fmt.Errorf("message %d: to %v: %w", m.ID, m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	return msg, nil
}

// Send sends one message, connecting to the server for it. An error says
// what went wrong, for the outbox to record.
func (s *Sender) Send(ctx context.Context, m directory.Mail) error {
	msg, err := s.Message(m)
	if err != nil {
		return err
	}
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(s.cfg.Timeout)}
	switch s.cfg.TLS {
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	}
	if s.cfg.Username != "" {
		// Over TLS, the best mechanism the server offers; without TLS,
		// go-mail would offer no password in the clear, so PLAIN is asked
		// for outright: tls=none is for a relay on this machine.
		auth := gomail.SMTPAuthAutoDiscover
		if s.cfg.TLS == TLSNone {
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	client, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return fmt.Errorf("prepare to send message %d: %w", m.ID, err)
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("send message %d through %s:%d: %w", m.ID, s.cfg.Host, s.cfg.Port, err)
	}
	return nil
}

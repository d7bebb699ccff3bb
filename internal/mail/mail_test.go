package mail_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/mail"
	"github.com/wessex-network/directory/internal/mail/mailtest"
)

func mustSender(t *testing.T, smtpURL, from string) *mail.Sender {
	t.Helper()
	cfg, err := mail.ParseConfig(smtpURL, from)
	if err != nil {
		t.Fatal(err)
	}
	return mail.NewSender(cfg)
}

func TestSendDeliversFromToSubjectAndBody(t *testing.T) {
	srv := mailtest.Start(t, "127.0.0.1:0")
	s := mustSender(t, srv.URL(), "Wessex directory <directory@example.org>")
	body := "Three items wait for you.\n\nSee http://127.0.0.1:8080/staff/queue\nA long line that goes on and on beyond seventy-six characters so that it must be wrapped."
	err := s.Send(context.Background(), directory.Mail{ID: 1, To: []string{"ann@example.org", "bo@example.org"}, Subject: "Waiting for review: 3 items — Wessex", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.Next(t)
	if got.From != "directory@example.org" {
		t.Errorf("envelope from %q, want directory@example.org", got.From)
	}
	if !slices.Equal(got.To, []string{"ann@example.org", "bo@example.org"}) {
		t.Errorf("envelope to %v", got.To)
	}
	if from := got.Header.Get("From"); !strings.Contains(from, "Wessex directory") || !strings.Contains(from, "<directory@example.org>") {
		t.Errorf("From header %q", from)
	}
	if to := got.Header.Get("To"); !strings.Contains(to, "<ann@example.org>") || !strings.Contains(to, "<bo@example.org>") {
		t.Errorf("To header %q", to)
	}
	if got.Subject != "Waiting for review: 3 items — Wessex" {
		t.Errorf("subject %q", got.Subject)
	}
	if strings.TrimRight(got.Body, "\n") != body {
		t.Errorf("body %q, want %q", got.Body, body)
	}
	if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type %q, want plain text", ct)
	}
	if got.Header.Get("Message-Id") == "" || got.Header.Get("Date") == "" {
		t.Error("the message has no Message-ID or no Date")
	}
}

func TestSendLogsIn(t *testing.T) {
	srv := mailtest.StartWithLogin(t, "directory", "s3cret")
	s := mustSender(t, srv.URL(), "directory@example.org")
	if err := s.Send(context.Background(), directory.Mail{ID: 1, To: []string{"ann@example.org"}, Subject: "Hello", Body: "Hi"}); err != nil {
		t.Fatal(err)
	}
	if got := srv.Next(t); got.Subject != "Hello" {
		t.Errorf("subject %q", got.Subject)
	}
	wrong := mustSender(t, strings.Replace(srv.URL(), "s3cret", "wrong", 1), "directory@example.org")
	if err := wrong.Send(context.Background(), directory.Mail{ID: 2, To: []string{"ann@example.org"}, Subject: "Hello", Body: "Hi"}); err == nil {
		t.Error("a wrong password sent the message")
	}
}

func TestSendToAServerThatIsDownFails(t *testing.T) {
	srv := mailtest.Start(t, "127.0.0.1:0")
	srv.Stop()
	s := mustSender(t, srv.URL(), "directory@example.org")
	err := s.Send(context.Background(), directory.Mail{ID: 7, To: []string{"ann@example.org"}, Subject: "Hello", Body: "Hi"})
	if err == nil {
		t.Fatal("sending to a server that is down succeeded")
	}
	if !strings.Contains(err.Error(), "message 7") {
		t.Errorf("the error %q does not name the message", err)
	}
}

func TestParseConfig(t *testing.T) {
	for _, c := range []struct {
		url, from      string
		host           string
		port           int
		tls, user, pwd string
	}{
		{"smtp://user:pass@127.0.0.1:2525?tls=none", "a@example.org", "127.0.0.1", 2525, mail.TLSNone, "user", "pass"},
		{"smtp://mail.example.org", "a@example.org", "mail.example.org", 587, mail.TLSStartTLS, "", ""},
		{"smtp://mail.example.org?tls=starttls", "a@example.org", "mail.example.org", 587, mail.TLSStartTLS, "", ""},
		{"smtp://mail.example.org?tls=none", "a@example.org", "mail.example.org", 25, mail.TLSNone, "", ""},
		{"smtp://mail.example.org?tls=tls", "a@example.org", "mail.example.org", 465, mail.TLSImplicit, "", ""},
		{"smtps://u%40x:p%3Aw@mail.example.org:4650", "Wessex <a@example.org>", "mail.example.org", 4650, mail.TLSImplicit, "u@x", "p:w"},
	} {
		cfg, err := mail.ParseConfig(c.url, c.from)
		if err != nil {
			t.Errorf("%s: %v", c.url, err)
			continue
		}
		if cfg.Host != c.host || cfg.Port != c.port || cfg.TLS != c.tls || cfg.Username != c.user || cfg.Password != c.pwd || cfg.From != c.from {
			t.Errorf("%s gave %+v", c.url, cfg)
		}
		if c.pwd != "" && strings.Contains(cfg.String(), c.pwd) {
			t.Errorf("%s: String() shows the password: %s", c.url, cfg)
		}
	}
	for _, c := range []struct{ url, from, want string }{
		{"http://mail.example.org", "a@example.org", "smtp:// or smtps://"},
		{"mail.example.org:25", "a@example.org", "smtp:// or smtps://"},
		{"smtp://mail.example.org?tls=maybe", "a@example.org", "tls=maybe"},
		{"smtp://mail.example.org?port=25", "a@example.org", "unknown parameter"},
		{"smtps://mail.example.org?tls=none", "a@example.org", "contradicts"},
		{"smtp://:25", "a@example.org", "host"},
		{"smtp://mail.example.org/path", "a@example.org", "host"},
		{"smtp://mail.example.org:99999", "a@example.org", "port"},
		{"smtp://user:pa ss@mail.example.org%zz", "a@example.org", "not an address"},
		{"smtp://mail.example.org", "", "MAIL_FROM"},
		{"smtp://mail.example.org", "not an address", "MAIL_FROM"},
	} {
		_, err := mail.ParseConfig(c.url, c.from)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseConfig(%q, %q) = %v, want an error saying %q", c.url, c.from, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "pa ss") {
			t.Errorf("the error shows the password: %v", err)
		}
	}
}

package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/mail/mailtest"
	"github.com/wessex-network/directory/internal/sqlite"
)

// TestServeRefusesMailItCannotSend checks that a bad SMTP_URL or MAIL_FROM
// stops serve at start, with the setting named, before the database opens.
func TestServeRefusesMailItCannotSend(t *testing.T) {
	for _, c := range []struct{ url, from, want string }{
		{"http://mail.example.org", "directory@example.org", "SMTP_URL"},
		{"smtp://mail.example.org?tls=maybe", "directory@example.org", "SMTP_URL"},
		{"smtp://mail.example.org", "", "MAIL_FROM"},
		{"", "not an address", "MAIL_FROM"},
	} {
		t.Setenv("SMTP_URL", c.url)
		t.Setenv("MAIL_FROM", c.from)
		dbPath := filepath.Join(t.TempDir(), "directory.db")
		err := run(context.Background(), []string{"serve", "-addr", freeAddr(t), "-db", dbPath}, nil, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SMTP_URL=%q MAIL_FROM=%q: serve gave %v, want an error naming %s", c.url, c.from, err, c.want)
		}
		if _, err := os.Stat(dbPath); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("SMTP_URL=%q MAIL_FROM=%q: serve opened the database", c.url, c.from)
		}
	}
}

// TestServeSendsTheReviewDigest starts serve with SMTP_URL pointing at an
// SMTP server in the test: a suggestion waits, so the digest job, which runs
// when the queue starts, mails the admin a link to the review queue.
func TestServeSendsTheReviewDigest(t *testing.T) {
	srv := mailtest.Start(t, "127.0.0.1:0")
	t.Setenv("SMTP_URL", srv.URL())
	t.Setenv("MAIL_FROM", "Wessex directory <directory@example.org>")
	dbPath := filepath.Join(t.TempDir(), "directory.db")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "admin@example.org", Name: "Ada Admin", Role: directory.RoleAdmin}, "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSuggestion(ctx, directory.Suggestion{Topic: directory.TopicNewService, ServiceName: "Bumps and Babes",
		WhereItRuns: "Gosport", Details: "A new group."}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	addr, logs := startServe(t, dbPath)
	got := srv.Next(t)
	if got.From != "directory@example.org" || strings.Join(got.To, ",") != "admin@example.org" {
		t.Errorf("the digest went from %q to %v", got.From, got.To)
	}
	if got.Subject != "1 item waiting for review in the directory" || !strings.Contains(got.Body, "http://"+addr+"/staff/queue") {
		t.Errorf("the digest: subject %q, body:\n%s", got.Subject, got.Body)
	}
	if !strings.Contains(logs.String(), "sending mail") {
		t.Errorf("the log does not say where mail goes:\n%s", logs)
	}
}

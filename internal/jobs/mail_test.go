package jobs_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/riverqueue/river"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/jobs"
	"github.com/wessex-network/directory/internal/mail"
	"github.com/wessex-network/directory/internal/mail/mailtest"
)

func sender(t *testing.T, srv *mailtest.Server) *mail.Sender {
	t.Helper()
	cfg, err := mail.ParseConfig(srv.URL(), "Wessex directory <directory@example.org>")
	if err != nil {
		t.Fatal(err)
	}
	return mail.NewSender(cfg)
}

func closedMail() directory.Mail {
	return directory.Mail{To: []string{"parent@example.org"}, Subject: "Your suggestion was closed",
		Body: "Thank you.\nWe have updated the service.", Kind: directory.MailSuggestionClosed}
}

// TestQueuedMailArrives queues a message through the queue and checks that
// it arrives at a real SMTP server as it was written, and that the outbox
// then marks it sent.
func TestQueuedMailArrives(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			ctx := context.Background()
			db := e.open(t)
			srv := mailtest.Start(t, "127.0.0.1:0")
			cfg := config(db)
			cfg.Sender = sender(t, srv)
			q := e.start(t, db, cfg)
			events, cancel := q.Subscribe(river.EventKindJobCompleted)
			defer cancel()
			if err := q.QueueMail(ctx, closedMail()); err != nil {
				t.Fatal(err)
			}
			got := srv.Next(t)
			if got.From != "directory@example.org" || !slices.Equal(got.To, []string{"parent@example.org"}) ||
				got.Subject != "Your suggestion was closed" || strings.TrimRight(got.Body, "\n") != "Thank you.\nWe have updated the service." {
				t.Errorf("arrived: from %q to %v, subject %q, body %q", got.From, got.To, got.Subject, got.Body)
			}
			waitFor(t, events, jobs.SendMailArgs{}.Kind(), river.EventKindJobCompleted)
			list, _, err := db.Outbox(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || list[0].Status != directory.MailSent || list[0].Attempts != 1 || list[0].SentAt == "" {
				t.Errorf("the outbox holds %+v; want the one message, sent at the first attempt", list)
			}
		})
	}
}

// TestMailWaitsWhileTheServerIsDownAndIsSentLater queues a message while
// the SMTP server is down: it stays pending with its error and attempt
// counted, and once the server is up again River's retry sends it.
func TestMailWaitsWhileTheServerIsDownAndIsSentLater(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			ctx := context.Background()
			db := e.open(t)
			srv := mailtest.Start(t, "127.0.0.1:0")
			addr := srv.Addr
			srv.Stop() // down: its port is known, and refuses
			cfg := config(db)
			cfg.Sender = sender(t, srv)
			q := e.start(t, db, cfg)
			events, cancel := q.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
			defer cancel()
			if err := q.QueueMail(ctx, closedMail()); err != nil {
				t.Fatal(err)
			}
			waitFor(t, events, jobs.SendMailArgs{}.Kind(), river.EventKindJobFailed)
			pending, err := db.PendingMail(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// River tries again at once (quickRetry), and fails again
			// while the server is down, so there may be more attempts.
			if len(pending) != 1 || pending[0].Attempts < 1 || pending[0].LastError == "" {
				t.Fatalf("with the server down the outbox holds %+v; want the message pending, its attempts counted, its error", pending)
			}
			t.Logf("recorded error: %s", pending[0].LastError)

			up := mailtest.Start(t, addr)
			got := up.Next(t)
			if got.Subject != "Your suggestion was closed" {
				t.Errorf("arrived with subject %q", got.Subject)
			}
			waitFor(t, events, jobs.SendMailArgs{}.Kind(), river.EventKindJobCompleted)
			m, err := db.OutboxMail(ctx, pending[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if m.Status != directory.MailSent || m.Attempts < 2 || m.LastError == "" {
				t.Errorf("after the server came back the message is %s after %d attempts, last error %q; want sent after a failed attempt, whose error is kept",
					m.Status, m.Attempts, m.LastError)
			}
		})
	}
}

// TestWithoutSMTPMailWaitsInTheOutbox checks that with no SMTP server
// configured a message is kept, pending, and no job to send it is queued.
func TestWithoutSMTPMailWaitsInTheOutbox(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			ctx := context.Background()
			db := e.open(t)
			q := e.start(t, db, config(db))
			if err := q.QueueMail(ctx, closedMail()); err != nil {
				t.Fatal(err)
			}
			if pending, err := db.PendingMail(ctx); err != nil || len(pending) != 1 || pending[0].Attempts != 0 {
				t.Errorf("the outbox holds %+v (%v); want the message, pending, never tried", pending, err)
			}
			sends, err := q.ListJobs(ctx, jobs.SendMailArgs{}.Kind())
			if err != nil {
				t.Fatal(err)
			}
			if len(sends) != 0 {
				t.Errorf("%d jobs to send mail were queued with no SMTP server", len(sends))
			}
		})
	}
}

// TestTheSweepSendsMailThatHasNoJob puts a message in the outbox with no job
// to send it, as when a job was lost or gave up, or mail waited while no
// SMTP server was configured: the sweep, which runs when the queue starts,
// sends it.
func TestTheSweepSendsMailThatHasNoJob(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			ctx := context.Background()
			db := e.open(t)
			waiting, err := db.AddMail(ctx, closedMail())
			if err != nil {
				t.Fatal(err)
			}
			srv := mailtest.Start(t, "127.0.0.1:0")
			cfg := config(db)
			cfg.Sender = sender(t, srv)
			q := e.start(t, db, cfg)
			events, cancel := q.Subscribe(river.EventKindJobCompleted)
			defer cancel()
			if got := srv.Next(t); got.Subject != waiting.Subject {
				t.Errorf("arrived with subject %q", got.Subject)
			}
			// The job may have completed before the subscription began;
			// if so, its row says so.
			if !completed(t, q, jobs.SendMailArgs{}.Kind()) {
				waitFor(t, events, jobs.SendMailArgs{}.Kind(), river.EventKindJobCompleted)
			}
			if m, err := db.OutboxMail(ctx, waiting.ID); err != nil || m.Status != directory.MailSent {
				t.Errorf("the swept message is %+v, %v; want it sent", m, err)
			}
		})
	}
}

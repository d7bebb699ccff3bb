package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/jobs"
	"github.com/wessex-network/directory/internal/mail"
	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/sqlite"
)

// jobQueue is the started job queue, whichever engine it runs on: the
// server's mailer, which puts each message in the outbox and wakes the job
// that sends it.
type jobQueue interface {
	directory.Mailer
	directory.JobLister
	Sending() bool
	Stop(ctx context.Context) error
}

// mailConfig reads SMTP_URL and MAIL_FROM. With no SMTP_URL nothing is
// sent (nil), and mail waits in the outbox; a MAIL_FROM given without it is
// still checked. Either one that cannot be used stops the server at start.
func mailConfig(smtpURL, from string) (*mail.Config, error) {
	if smtpURL == "" {
		if from != "" {
			if _, err := mail.ParseConfig("smtp://localhost", from); err != nil {
				return nil, err
			}
		}
		return nil, nil
	}
	cfg, err := mail.ParseConfig(smtpURL, from)
	if err != nil {
		return nil, err
	}
	return &cfg, nil
}

// startJobs starts the job queue on the store's own database: the River
// driver comes from the engine, so no SQL is written here.
func startJobs(ctx context.Context, db directory.Store, mailCfg *mail.Config, baseURL string, schemas *oruk.Schemas, guard oruk.GuardOptions, log *slog.Logger) (jobQueue, error) {
	cfg := jobs.Config{Store: db, Review: db, BaseURL: baseURL, Log: log, FeedSchemas: schemas, FeedGuard: guard}
	if mailCfg != nil {
		cfg.Sender = mail.NewSender(*mailCfg)
	}
	switch d := db.(type) {
	case *sqlite.DB:
		q, err := jobs.New(d.RiverDriver(), cfg)
		return start(ctx, q, err)
	case *postgres.DB:
		q, err := jobs.New(d.RiverDriver(), cfg)
		return start(ctx, q, err)
	}
	return nil, fmt.Errorf("start the job queue: no River driver for a store of type %T", db)
}

func start[TTx any](ctx context.Context, q *jobs.Queue[TTx], err error) (jobQueue, error) {
	if err != nil {
		return nil, err
	}
	if err := q.Start(ctx); err != nil {
		return nil, err
	}
	return q, nil
}

package jobs

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"

	"github.com/wessex-network/directory/internal/directory"
)

// SendMailArgs is the job that sends one message of the outbox.
type SendMailArgs struct {
	ID int64 `json:"id"` // the message's id in the outbox
}

// Kind names the job in River's tables.
func (SendMailArgs) Kind() string { return "send_mail" }

// InsertOpts makes the job unique by message: while one waits, retries or
// runs for a message, queueing another for it adds nothing. Jobs that gave
// up (discarded) are left out, so that the sweep can queue the message
// again.
func (SendMailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type sendMailWorker struct {
	river.WorkerDefaults[SendMailArgs]
	store  Store
	sender Sender
	log    *slog.Logger
}

// Work sends the message, unless it was sent already. A failure is recorded
// in the outbox, attempt and error, and returned, so that River tries the
// job again after its backoff; the message stays pending whatever happens.
func (w *sendMailWorker) Work(ctx context.Context, job *river.Job[SendMailArgs]) error {
	m, err := w.store.OutboxMail(ctx, job.Args.ID)
	if directory.ErrorCode(err) == directory.ENOTFOUND {
		return river.JobCancel(err)
	}
	if err != nil {
		return err
	}
	if m.Status == directory.MailSent {
		return nil
	}
	if err := w.sender.Send(ctx, m); err != nil {
		if _, rerr := w.store.RecordMailFailure(ctx, m.ID, err.Error()); rerr != nil {
			w.log.Error("record a failure to send a message", "message", m.ID, "error", rerr)
		}
		w.log.Warn("could not send a message; it stays in the outbox and is tried again", "message", m.ID, "kind", m.Kind, "attempt", job.Attempt, "error", err)
		return err
	}
	if _, err := w.store.MarkMailSent(ctx, m.ID); err != nil {
		// Sent, but not marked: trying again may send it twice, which is
		// better than never marking it.
		return fmt.Errorf("mark message %d sent: %w", m.ID, err)
	}
	w.log.Info("sent a message", "message", m.ID, "kind", m.Kind)
	return nil
}

// SweepOutboxArgs is the periodic job that queues a send for every message
// still pending.
type SweepOutboxArgs struct{}

// Kind names the job in River's tables.
func (SweepOutboxArgs) Kind() string { return "sweep_outbox" }

type sweepOutboxWorker struct {
	river.WorkerDefaults[SweepOutboxArgs]
	sweep func(context.Context) (int, error)
}

func (w *sweepOutboxWorker) Work(ctx context.Context, _ *river.Job[SweepOutboxArgs]) error {
	_, err := w.sweep(ctx)
	return err
}

// sweepOutbox queues the job that sends each pending message, and returns
// how many it found pending. A message whose job still waits or retries is
// not queued twice.
func (q *Queue[TTx]) sweepOutbox(ctx context.Context) (int, error) {
	pending, err := q.cfg.Store.PendingMail(ctx)
	if err != nil {
		return 0, err
	}
	for _, m := range pending {
		if err := q.queueSend(ctx, m.ID); err != nil {
			return 0, fmt.Errorf("queue message %d: %w", m.ID, err)
		}
	}
	return len(pending), nil
}

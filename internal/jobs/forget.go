package jobs

import (
	"context"
	"log/slog"

	"github.com/riverqueue/river"

	"github.com/wessex-network/directory/internal/directory"
)

// ForgetEmailsArgs is the daily job that keeps the suggestion forms'
// promise: it blanks the email of every suggestion closed more than 90 days
// ago.
type ForgetEmailsArgs struct{}

// Kind names the job in River's tables.
func (ForgetEmailsArgs) Kind() string { return "forget_emails" }

type forgetEmailsWorker struct {
	river.WorkerDefaults[ForgetEmailsArgs]
	store Store
	log   *slog.Logger
}

func (w *forgetEmailsWorker) Work(ctx context.Context, _ *river.Job[ForgetEmailsArgs]) error {
	n, err := w.store.ForgetOldEmails(ctx, directory.ForgetEmailsBefore(w.store.Today()))
	if err != nil {
		return err
	}
	if n > 0 {
		w.log.Info("forgot the emails of suggestions closed 90 days ago", "suggestions", n)
	}
	return nil
}

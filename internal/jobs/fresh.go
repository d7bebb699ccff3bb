package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/feeds"
	"github.com/wessex-network/directory/internal/watch"
)

// The jobs that keep entries fresh: services open on their dates, feeds
// are imported on their schedules, and staff hear of what they watch.

// OpenServicesArgs is the hourly job that makes active every scheduled
// service whose date to open has come and every temporarily closed one
// whose date to reopen has.
type OpenServicesArgs struct{}

// Kind names the job in River's tables.
func (OpenServicesArgs) Kind() string { return "open_services" }

type openServicesWorker struct {
	river.WorkerDefaults[OpenServicesArgs]
	store Store
	log   *slog.Logger
}

func (w *openServicesWorker) Work(ctx context.Context, _ *river.Job[OpenServicesArgs]) error {
	opened, err := w.store.OpenDueServices(ctx)
	for _, s := range opened {
		w.log.Info("opened a service on its date", "service", s.Slug)
	}
	return err
}

// FeedSyncArgs is the hourly job that imports every registered feed whose
// daily or weekly run is due.
type FeedSyncArgs struct{}

// Kind names the job in River's tables.
func (FeedSyncArgs) Kind() string { return "feed_sync" }

type feedSyncWorker struct {
	river.WorkerDefaults[FeedSyncArgs]
	runner *feeds.Runner
}

func (w *feedSyncWorker) Work(ctx context.Context, _ *river.Job[FeedSyncArgs]) error {
	_, err := w.runner.RunDue(ctx)
	return err
}

// Timeout gives a sync of several councils' feeds longer than other jobs.
func (w *feedSyncWorker) Timeout(*river.Job[FeedSyncArgs]) time.Duration { return 30 * time.Minute }

// WatchDigestArgs is the daily job that mails each member of staff what
// others changed in what they watch.
type WatchDigestArgs struct{}

// Kind names the job in River's tables.
func (WatchDigestArgs) Kind() string { return "watch_digest" }

type watchDigestWorker struct {
	river.WorkerDefaults[WatchDigestArgs]
	store   Store
	mail    directory.Mailer
	baseURL string
}

func (w *watchDigestWorker) Work(ctx context.Context, _ *river.Job[WatchDigestArgs]) error {
	_, err := watch.SendDigests(ctx, w.store, w.mail, w.baseURL)
	return err
}

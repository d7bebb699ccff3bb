// Package jobs is the directory's job queue: the work that runs apart from
// any request, on River (github.com/riverqueue/river). It holds the workers
// and the periodic jobs; each engine gives it a River driver
// (sqlite.DB.RiverDriver, postgres.DB.RiverDriver), so nothing here knows
// SQL or which engine it runs on, and the queue is generic over the
// driver's transaction type.
//
// Jobs live in River's tables in the store's own database, so a job queued
// survives a restart. Periodic jobs are scheduled by River's elected leader
// alone: of several servers on one PostgreSQL database, one schedules each
// run and whichever is free works it. A job that fails is retried with
// River's backoff, and its state stays in River's tables.
//
// The jobs now:
//   - send_mail: send one message of the outbox, record what came of it.
//   - sweep_outbox (periodic): queue send_mail for every message still
//     pending, so that none waits for ever if its job was lost or gave up.
//   - review_digest (periodic): tell staff, at most once an hour, that items
//     have begun to wait in the review queue.
//   - forget_emails (periodic, daily): blank the emails of suggestions closed
//     90 days ago.
//   - open_services (periodic, hourly): open the services whose date to open
//     or reopen has come.
//   - feed_sync (periodic, hourly): import each registered feed whose daily
//     or weekly run is due.
//   - watch_digest (periodic, daily): mail each member of staff what others
//     changed in what they watch.
//   - review_reminders (periodic, daily): remind owners of reviews due, and
//     owners and admins of those two weeks overdue.
//
// Later jobs are added the same way: an args type, a worker, and an entry in
// workers and, if periodic, periodicJobs.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/feeds"
	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/watch"
)

// Store is what the jobs read and write.
type Store interface {
	directory.OutboxStore
	feeds.Store
	watch.Store
	Users(ctx context.Context) ([]directory.User, error)
	ForgetOldEmails(ctx context.Context, before string) (int, error)
	OpenDueServices(ctx context.Context) ([]directory.Service, error)
	ServicesDueForReview(ctx context.Context, today string) ([]directory.Service, error)
	ServiceOwners(ctx context.Context) (map[string]int64, error)
	ClaimReviewReminder(ctx context.Context, serviceID int64, dueOn string, stage directory.ReviewStage) (bool, error)
	Today() string
}

// Sender sends one message; internal/mail's Sender is one.
type Sender interface {
	Send(ctx context.Context, m directory.Mail) error
}

// Config is what the queue needs.
type Config struct {
	Store Store
	// Review is what the digest reads the review queue from.
	Review directory.QueueSource
	// Sender sends mail; nil when no SMTP server is configured, and then
	// nothing is sent: every message waits, pending, in the outbox.
	Sender Sender
	// BaseURL starts the links in messages, such as https://directory.example.org.
	BaseURL string
	Log     *slog.Logger
	// Now is the clock the digest goes by; nil for the machine's.
	Now func() time.Time

	// FeedSchemas checks each registered feed a sync imports, and FeedGuard
	// says what a sync may fetch from; nil schemas run no feed sync.
	FeedSchemas *oruk.Schemas
	FeedGuard   oruk.GuardOptions

	// How often the periodic jobs run; zero for the defaults.
	DigestCheckEvery time.Duration // default 10 minutes; a digest still goes at most once an hour (DigestEvery)
	SweepEvery       time.Duration // default 15 minutes
	ForgetEvery      time.Duration // default a day
	OpenEvery        time.Duration // default an hour
	FeedEvery        time.Duration // default an hour; each feed still runs only when due
	WatchEvery       time.Duration // default a day
	RemindEvery      time.Duration // default a day
	// RetryPolicy decides when a failed job is tried again; nil for
	// River's, which waits attempt⁴ seconds or so, up to MaxAttempts.
	RetryPolicy river.ClientRetryPolicy
	// MaxAttempts is how often a job is tried before River gives it up;
	// zero for 25 (some two and a half weeks of River's backoff). A message
	// whose job gave up is still pending, and the sweep queues it again.
	MaxAttempts int
}

// Queue is the job queue over one store's database.
type Queue[TTx any] struct {
	client *river.Client[TTx]
	cfg    Config
}

// The queue's workers work one queue, with few workers: SQLite has one
// writer, and mail is not urgent.
const maxWorkers = 2

// New makes the queue on a River driver, with every worker and periodic
// job. It starts nothing: Start does. Messages may be queued before it
// starts, and wait until it does.
func New[TTx any](driver riverdriver.Driver[TTx], cfg Config) (*Queue[TTx], error) {
	if cfg.Store == nil || cfg.Review == nil {
		return nil, errors.New("job queue: no store")
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.DigestCheckEvery = orDefault(cfg.DigestCheckEvery, 10*time.Minute)
	cfg.SweepEvery = orDefault(cfg.SweepEvery, 15*time.Minute)
	cfg.ForgetEvery = orDefault(cfg.ForgetEvery, 24*time.Hour)
	cfg.OpenEvery = orDefault(cfg.OpenEvery, time.Hour)
	cfg.FeedEvery = orDefault(cfg.FeedEvery, time.Hour)
	cfg.WatchEvery = orDefault(cfg.WatchEvery, 24*time.Hour)
	cfg.RemindEvery = orDefault(cfg.RemindEvery, 24*time.Hour)
	if cfg.MaxAttempts == 0 {
		cfg.MaxAttempts = 25
	}
	q := &Queue[TTx]{cfg: cfg}
	workers := river.NewWorkers()
	river.AddWorker(workers, &forgetEmailsWorker{store: cfg.Store, log: cfg.Log})
	river.AddWorker(workers, &digestWorker{digest: q.digest})
	periodic := []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(cfg.ForgetEvery),
			func() (river.JobArgs, *river.InsertOpts) { return ForgetEmailsArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: ForgetEmailsArgs{}.Kind()}),
		river.NewPeriodicJob(river.PeriodicInterval(cfg.DigestCheckEvery),
			func() (river.JobArgs, *river.InsertOpts) { return DigestArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: DigestArgs{}.Kind()}),
	}
	river.AddWorker(workers, &openServicesWorker{store: cfg.Store, log: cfg.Log})
	river.AddWorker(workers, &watchDigestWorker{store: cfg.Store, mail: q, baseURL: cfg.BaseURL})
	river.AddWorker(workers, &reviewRemindersWorker{remind: q.RemindReviews})
	periodic = append(periodic,
		river.NewPeriodicJob(river.PeriodicInterval(cfg.OpenEvery),
			func() (river.JobArgs, *river.InsertOpts) { return OpenServicesArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: OpenServicesArgs{}.Kind()}),
		river.NewPeriodicJob(river.PeriodicInterval(cfg.WatchEvery),
			func() (river.JobArgs, *river.InsertOpts) { return WatchDigestArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: WatchDigestArgs{}.Kind()}),
		river.NewPeriodicJob(river.PeriodicInterval(cfg.RemindEvery),
			func() (river.JobArgs, *river.InsertOpts) { return ReviewRemindersArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: ReviewRemindersArgs{}.Kind()}))
	if cfg.FeedSchemas != nil {
		runner := &feeds.Runner{Store: cfg.Store, Schemas: cfg.FeedSchemas, Guard: cfg.FeedGuard, Mail: q, BaseURL: cfg.BaseURL, Now: cfg.Now, Log: cfg.Log}
		river.AddWorker(workers, &feedSyncWorker{runner: runner})
		periodic = append(periodic, river.NewPeriodicJob(river.PeriodicInterval(cfg.FeedEvery),
			func() (river.JobArgs, *river.InsertOpts) { return FeedSyncArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: FeedSyncArgs{}.Kind()}))
	}
	if cfg.Sender != nil {
		river.AddWorker(workers, &sendMailWorker{store: cfg.Store, sender: cfg.Sender, log: cfg.Log})
		river.AddWorker(workers, &sweepOutboxWorker{sweep: q.sweepOutbox})
		periodic = append(periodic, river.NewPeriodicJob(river.PeriodicInterval(cfg.SweepEvery),
			func() (river.JobArgs, *river.InsertOpts) { return SweepOutboxArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: SweepOutboxArgs{}.Kind()}))
	}
	client, err := river.NewClient(driver, &river.Config{
		Queues:       map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: maxWorkers}},
		Workers:      workers,
		PeriodicJobs: periodic,
		Logger:       slog.New(quietHandler{cfg.Log.Handler()}),
		RetryPolicy:  cfg.RetryPolicy,
		MaxAttempts:  cfg.MaxAttempts,
		JobTimeout:   2 * time.Minute,
	})
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	q.client = client
	return q, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Start starts working jobs, and, on the elected leader, scheduling the
// periodic ones, until Stop.
func (q *Queue[TTx]) Start(ctx context.Context) error {
	if err := q.client.Start(ctx); err != nil {
		return fmt.Errorf("start the job queue: %w", err)
	}
	return nil
}

// Stop stops taking jobs and waits for those being worked to finish, or for
// ctx to end.
func (q *Queue[TTx]) Stop(ctx context.Context) error {
	if err := q.client.Stop(ctx); err != nil {
		return fmt.Errorf("stop the job queue: %w", err)
	}
	return nil
}

// Client is River's client, for what the queue's own methods do not cover:
// listing jobs and their states for admins, subscribing to their events.
func (q *Queue[TTx]) Client() *river.Client[TTx] { return q.client }

// Sending reports whether the queue sends mail, that is whether it was
// given a Sender.
func (q *Queue[TTx]) Sending() bool { return q.cfg.Sender != nil }

// QueueMail puts a message in the outbox and, when mail is sent, queues the
// job that sends it. The message is safe once it is in the outbox: a job
// that cannot be queued is logged, and the next sweep queues it.
func (q *Queue[TTx]) QueueMail(ctx context.Context, m directory.Mail) error {
	added, err := q.cfg.Store.AddMail(ctx, m)
	if err != nil {
		return err
	}
	if q.cfg.Sender == nil {
		return nil
	}
	if err := q.queueSend(ctx, added.ID); err != nil {
		q.cfg.Log.Error("queue the job that sends a message; the sweep will queue it", "message", added.ID, "error", err)
	}
	return nil
}

// queueSend queues the job that sends one message, unless one already waits
// or is being worked for it.
func (q *Queue[TTx]) queueSend(ctx context.Context, id int64) error {
	_, err := q.client.Insert(ctx, SendMailArgs{ID: id}, nil)
	return err
}

// quietHandler passes on River's own warnings and errors, and leaves out its
// chatter (leadership, start and stop) below them.
type quietHandler struct{ slog.Handler }

func (h quietHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && h.Handler.Enabled(ctx, l)
}

func (h quietHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return quietHandler{h.Handler.WithAttrs(attrs)}
}

func (h quietHandler) WithGroup(name string) slog.Handler {
	return quietHandler{h.Handler.WithGroup(name)}
}

// RecentJobs lists the latest jobs in every state, newest first, at most
// limit, for admins to see what ran, what failed and what waits to be tried
// again.
func (q *Queue[TTx]) RecentJobs(ctx context.Context, limit int) ([]directory.JobInfo, error) {
	res, err := q.client.JobList(ctx, river.NewJobListParams().First(limit).OrderBy(river.JobListOrderByID, river.SortOrderDesc))
	if err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	out := make([]directory.JobInfo, 0, len(res.Jobs))
	for _, j := range res.Jobs {
		info := directory.JobInfo{ID: j.ID, Kind: j.Kind, State: string(j.State), Attempt: j.Attempt, MaxAttempts: j.MaxAttempts,
			CreatedAt: j.CreatedAt.UTC().Format(time.RFC3339), ScheduledAt: j.ScheduledAt.UTC().Format(time.RFC3339)}
		if n := len(j.Errors); n > 0 {
			info.LastError = j.Errors[n-1].Error
		}
		if j.FinalizedAt != nil {
			info.FinalizedAt = j.FinalizedAt.UTC().Format(time.RFC3339)
		}
		out = append(out, info)
	}
	return out, nil
}

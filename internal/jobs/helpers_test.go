package jobs_test

import (
	"context"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/jobs"
	"github.com/wessex-network/directory/internal/postgres/pgtest"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
)

// store is what the tests need of an engine: the whole store and its clock.
type store interface {
	directory.Store
	setNow(func() time.Time)
}

type sqliteStore struct{ *sqliteDB }
type postgresStore struct{ *postgresDB }

// engine opens a new store of one engine, and starts a job queue on it.
type engine struct {
	name  string
	open  func(testing.TB) store
	start func(testing.TB, store, jobs.Config) runner
}

// runner is a started queue, whichever its transaction type.
type runner interface {
	directory.Mailer
	directory.JobLister
	RemindReviews(ctx context.Context) (int, error)
	Subscribe(kinds ...river.EventKind) (<-chan *river.Event, func())
	ListJobs(ctx context.Context, kind string) ([]*rivertype.JobRow, error)
}

type queue[TTx any] struct{ *jobs.Queue[TTx] }

func (q queue[TTx]) Subscribe(kinds ...river.EventKind) (<-chan *river.Event, func()) {
	return q.Client().Subscribe(kinds...)
}

func (q queue[TTx]) ListJobs(ctx context.Context, kind string) ([]*rivertype.JobRow, error) {
	res, err := q.Client().JobList(ctx, river.NewJobListParams().Kinds(kind).First(100))
	if err != nil {
		return nil, err
	}
	return res.Jobs, nil
}

// startQueue makes and starts a queue, stopped when the test ends.
func startQueue[TTx any](tb testing.TB, q *jobs.Queue[TTx], err error) runner {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		q.Stop(ctx)
	})
	return queue[TTx]{q}
}

var engines = []engine{
	{
		name: "sqlite",
		open: func(tb testing.TB) store { return sqliteStore{sqlitetest.Open(tb)} },
		start: func(tb testing.TB, s store, cfg jobs.Config) runner {
			db := s.(sqliteStore).sqliteDB
			q, err := jobs.New(db.RiverDriver(), cfg)
			return startQueue(tb, q, err)
		},
	},
	{
		name: "postgres",
		open: func(tb testing.TB) store { return postgresStore{pgtest.New(tb)} },
		start: func(tb testing.TB, s store, cfg jobs.Config) runner {
			db := s.(postgresStore).postgresDB
			q, err := jobs.New(db.RiverDriver(), cfg)
			return startQueue(tb, q, err)
		},
	},
}

// config is a queue's configuration over a store, with a quiet log.
func config(s store) jobs.Config {
	return jobs.Config{Store: s, Review: s, BaseURL: "http://directory.test", Log: testLog(),
		RetryPolicy: quickRetry{}}
}

func testLog() *slog.Logger {
	if os.Getenv("JOBS_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.DiscardHandler)
}

// quickRetry tries a failed job again at once, so that tests of retrying
// wait for River's scheduler alone.
type quickRetry struct{}

func (quickRetry) NextRetry(*rivertype.JobRow) time.Time { return time.Now() }

// waitFor waits for an event of a job of the given kind, and fails the test
// if none comes within two minutes.
func waitFor(tb testing.TB, events <-chan *river.Event, kind string, want river.EventKind) *river.Event {
	tb.Helper()
	deadline := time.After(2 * time.Minute)
	for {
		select {
		case e := <-events:
			if e.Job.Kind == kind && e.Kind == want {
				return e
			}
		case <-deadline:
			tb.Fatalf("no %s event for a %s job within two minutes", want, kind)
			return nil
		}
	}
}

// clock is a test's clock, moved by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

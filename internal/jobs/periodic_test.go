package jobs_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/jobs"
	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/postgres/pgtest"
)

// TestForgetEmailsRunsOnStart checks the daily job that replaced the
// server's ticker: when the queue starts it blanks the email of a
// suggestion closed 91 days ago, and keeps the one closed yesterday.
func TestForgetEmailsRunsOnStart(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			ctx := context.Background()
			db := e.open(t)
			closeAt := func(ago time.Duration, name string) int64 {
				t.Helper()
				db.setNow(func() time.Time { return time.Now().Add(-ago) })
				s, err := db.CreateSuggestion(ctx, directory.Suggestion{Topic: directory.TopicNewService, ServiceName: name,
					WhereItRuns: "Gosport", Details: "A new group.", Email: "parent@example.org"})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.CloseSuggestion(ctx, directory.Actor{Name: "test"}, s.ID, "Added."); err != nil {
					t.Fatal(err)
				}
				return s.ID
			}
			old := closeAt(91*24*time.Hour, "Old group")
			recent := closeAt(24*time.Hour, "Recent group")
			db.setNow(time.Now)

			q := e.start(t, db, config(db))
			events, cancel := q.Subscribe(river.EventKindJobCompleted)
			defer cancel()
			// The job may have run before the subscription began; if so,
			// its row says it completed.
			if !completed(t, q, jobs.ForgetEmailsArgs{}.Kind()) {
				waitFor(t, events, jobs.ForgetEmailsArgs{}.Kind(), river.EventKindJobCompleted)
			}
			closed, err := db.Suggestions(ctx, "closed")
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range closed {
				switch {
				case s.ID == old && s.Email != "":
					t.Errorf("the suggestion closed 91 days ago still has its email %q", s.Email)
				case s.ID == recent && s.Email == "":
					t.Error("the suggestion closed yesterday lost its email")
				}
			}
		})
	}
}

// completed reports whether a job of the kind has completed.
func completed(t *testing.T, q runner, kind string) bool {
	t.Helper()
	list, err := q.ListJobs(context.Background(), kind)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range list {
		if j.State == "completed" {
			return true
		}
	}
	return false
}

// TestTwoServersOnOnePostgreSQLRunAPeriodicJobOnce starts two queues, as
// two servers would, on one PostgreSQL database. Both schedule the daily job
// to run on start, but only the elected leader schedules: it runs once.
func TestTwoServersOnOnePostgreSQLRunAPeriodicJobOnce(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	type server struct {
		db *postgres.DB
		q  *jobs.Queue[pgxTx]
	}
	var servers [2]server
	for i := range servers {
		db, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		s := postgresStore{db}
		q, err := jobs.New(db.RiverDriver(), config(s))
		if err != nil {
			t.Fatal(err)
		}
		servers[i] = server{db, q}
	}
	done := make(chan struct{}, 2)
	for _, s := range servers {
		events, cancel := s.q.Client().Subscribe(river.EventKindJobCompleted)
		t.Cleanup(cancel)
		go func() {
			for e := range events {
				if e.Job.Kind == (jobs.ForgetEmailsArgs{}).Kind() {
					done <- struct{}{}
				}
			}
		}()
	}
	var wg sync.WaitGroup
	for _, s := range servers {
		wg.Go(func() {
			if err := s.q.Start(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the daily job did not run within two minutes of the servers starting")
	}
	var leader string
	if err := servers[0].db.Pool().QueryRow(ctx, `SELECT leader_id FROM river_leader`).Scan(&leader); err != nil {
		t.Fatal(err)
	}
	// The follower stops first, so that the leader's resigning cannot make
	// it leader, and so schedule the job again, before it has stopped.
	stop := func(s server) {
		stopCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := s.q.Stop(stopCtx); err != nil {
			t.Error(err)
		}
	}
	for _, s := range servers {
		if s.q.Client().ID() != leader {
			stop(s)
		}
	}
	for _, s := range servers {
		if s.q.Client().ID() == leader {
			stop(s)
		}
	}
	var n int
	if err := servers[0].db.Pool().QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = $1`, jobs.ForgetEmailsArgs{}.Kind()).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("two servers ran the daily job %d times, want once", n)
	}
}

package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/jobs"
	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/oruk/oruktest"
	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/seeds"
)

// seeded loads the Wessex dataset into a new store of the engine.
func seeded(t *testing.T, e engine) store {
	t.Helper()
	db := e.open(t)
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Load(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	return db
}

// runOnStart starts a queue with cfg and waits until the periodic job of
// the kind, which runs on start, has completed.
func runOnStart(t *testing.T, e engine, db store, cfg jobs.Config, kind string) runner {
	t.Helper()
	q := e.start(t, db, cfg)
	events, cancel := q.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
	defer cancel()
	if !completed(t, q, kind) {
		if ev := waitFor(t, events, kind, river.EventKindJobCompleted); ev == nil {
			t.Fatalf("no %s job completed", kind)
		}
	}
	return q
}

// TestOpenServicesOpensThoseDueOnStart closes a service until a date, moves
// the clock past it, and starts the queue: the hourly job opens it.
func TestOpenServicesOpensThoseDueOnStart(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			ctx := context.Background()
			db := seeded(t, e)
			db.setNow(func() time.Time { return time.Now().Add(-3 * 24 * time.Hour) })
			svc, err := db.Service(ctx, "roberts-centre")
			if err != nil {
				t.Fatal(err)
			}
			reopens := time.Now().Add(-24 * time.Hour).UTC().Format(time.DateOnly)
			if _, err := db.SetServiceStatus(ctx, directory.Actor{Name: "test"}, svc.Slug, directory.StatusChange{
				Status: directory.StatusTemporarilyClosed, Version: svc.Version, Reopens: reopens}); err != nil {
				t.Fatal(err)
			}
			db.setNow(time.Now)
			q := runOnStart(t, e, db, config(db), jobs.OpenServicesArgs{}.Kind())
			if got, _ := db.Service(ctx, svc.Slug); got.Status != directory.StatusActive {
				t.Errorf("after the job, the service is %q, want active", got.Status)
			}
			// Admins see the job, done, among the latest.
			list, err := q.RecentJobs(ctx, 50)
			if err != nil {
				t.Fatal(err)
			}
			done := false
			for _, j := range list {
				done = done || (j.Kind == jobs.OpenServicesArgs{}.Kind() && j.State == "completed" && j.FinalizedAt != "")
			}
			if !done {
				t.Errorf("the latest jobs do not show open_services done: %+v", list)
			}
		})
	}
}

// TestFeedSyncImportsARegisteredFeedWithNoOneRunningIt registers a feed
// served on loopback and starts the queue: the sync imports it, holding
// what matches no area, and records the run.
func TestFeedSyncImportsARegisteredFeedWithNoOneRunningIt(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			ctx := context.Background()
			db := seeded(t, e)
			srv := oruktest.Serve(t, oruktest.FS(t, oruktest.Testshire))
			f, err := db.CreateFeed(ctx, directory.Actor{Name: "Ada Admin"}, directory.Feed{Name: "Testshire", URL: srv.URL, Every: directory.FeedDaily})
			if err != nil {
				t.Fatal(err)
			}
			cfg := config(db)
			cfg.FeedSchemas, cfg.FeedGuard = oruktest.Schemas(), oruk.GuardOptions{AllowPrivate: true}
			runOnStart(t, e, db, cfg, jobs.FeedSyncArgs{}.Kind())
			got, err := db.Feed(ctx, f.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.LastRun == nil || !got.LastRun.OK() || got.LastRun.ByHand || got.LastRun.Added != 1 || got.LastRun.Held != 2 {
				t.Errorf("the feed's last run: %+v", got.LastRun)
			}
		})
	}
}

// TestWatchDigestMailsWhatOthersChanged watches a service, has someone else
// change it, and starts the queue: the daily digest is in the outbox.
func TestWatchDigestMailsWhatOthersChanged(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			ctx := context.Background()
			db := seeded(t, e)
			ada, err := db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "ada@example.org", Name: "Ada Admin", Role: directory.RoleAdmin}, "x")
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Watch(ctx, ada.ID, directory.EntityService, "roberts-centre"); err != nil {
				t.Fatal(err)
			}
			svc, _ := db.Service(ctx, "roberts-centre")
			svc.Summary = "New hours."
			if _, err := db.UpdateService(ctx, directory.Actor{Name: "Ed Editor"}, svc, "They phoned"); err != nil {
				t.Fatal(err)
			}
			runOnStart(t, e, db, config(db), jobs.WatchDigestArgs{}.Kind())
			mail, _, err := db.Outbox(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, m := range mail {
				found = found || (m.Kind == "watch_digest" && len(m.To) == 1 && m.To[0] == "ada@example.org")
			}
			if !found {
				t.Errorf("no watch digest to Ada in the outbox: %+v", mail)
			}
		})
	}
}

package feeds_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/feeds"
	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/oruk/oruktest"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
)

// mailbox catches what the runner queues.
type mailbox struct {
	mu   sync.Mutex
	mail []directory.Mail
}

func (m *mailbox) QueueMail(_ context.Context, mail directory.Mail) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mail = append(m.mail, mail)
	return nil
}

type env struct {
	db     *sqlite.DB
	runner *feeds.Runner
	mail   *mailbox
	now    time.Time
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{db: sqlitetest.Seeded(t), mail: &mailbox{}, now: time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC)}
	e.runner = &feeds.Runner{Store: e.db, Schemas: oruktest.Schemas(), Guard: oruk.GuardOptions{AllowPrivate: true},
		Mail: e.mail, BaseURL: "https://directory.example.org", Now: func() time.Time { return e.now },
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx := context.Background()
	if _, err := e.db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "ada@example.org", Name: "Ada Admin", Role: directory.RoleAdmin}, "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "eddie@example.org", Name: "Eddie Editor", Role: directory.RoleEditor}, "x"); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) register(t *testing.T, name, url string) directory.Feed {
	t.Helper()
	f, err := e.db.CreateFeed(context.Background(), directory.Actor{Name: "Ada Admin"}, directory.Feed{Name: name, URL: url, Every: directory.FeedDaily})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func countServices(t *testing.T, db *sqlite.DB) int {
	t.Helper()
	all, err := db.Services(context.Background(), directory.ServiceFilter{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	return len(all)
}

func TestARunImportsTheFeedAndHoldsWhatMatchesNoArea(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	srv := oruktest.Serve(t, oruktest.FS(t, oruktest.Testshire))
	f := e.register(t, "Testshire County Council", srv.URL)

	run, err := e.runner.Run(ctx, f, directory.Actor{})
	if err != nil {
		t.Fatal(err)
	}
	if !run.OK() || run.Added != 1 || run.Held != 2 || run.ByHand {
		t.Fatalf("the run: %+v", run)
	}
	held, err := e.db.HeldServices(ctx)
	if err != nil || len(held) != 2 {
		t.Errorf("held after the run: %d, %v", len(held), err)
	}
	if len(e.mail.mail) != 0 {
		t.Errorf("a good run sent mail: %+v", e.mail.mail)
	}

	// The same feed again duplicates nothing and holds nothing twice.
	total := countServices(t, e.db)
	again, err := e.runner.Run(ctx, f, directory.Actor{UserID: 1, Name: "Ada Admin"})
	if err != nil {
		t.Fatal(err)
	}
	if !again.OK() || again.Added != 0 || again.Unchanged != 1 || !again.ByHand || countServices(t, e.db) != total {
		t.Errorf("the second run: %+v, with %d services where there were %d", again, countServices(t, e.db), total)
	}
	if held, _ := e.db.HeldServices(ctx); len(held) != 2 {
		t.Errorf("held after the second run: %d, want the same 2", len(held))
	}
	got, _ := e.db.Feed(ctx, f.ID)
	if got.LastRun == nil || got.LastRun.ID != again.ID {
		t.Errorf("the feed's last run: %+v, want %+v", got.LastRun, again)
	}
}

func TestABrokenPageWritesNothingAndMailsTheAdmins(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	srv := oruktest.Serve(t, oruktest.FS(t, oruktest.Valid), "services?page=2")
	f := e.register(t, "Validshire", srv.URL)
	before := countServices(t, e.db)
	version, _ := e.db.ContentVersion(ctx)

	run, err := e.runner.Run(ctx, f, directory.Actor{})
	if err != nil {
		t.Fatal(err)
	}
	if run.OK() || !strings.Contains(run.Error, "500") {
		t.Fatalf("a run with a broken page: %+v", run)
	}
	if n := countServices(t, e.db); n != before {
		t.Errorf("the failed run wrote: %d services, were %d", n, before)
	}
	if v, _ := e.db.ContentVersion(ctx); v != version {
		t.Errorf("the failed run moved the content version from %d to %d", version, v)
	}
	if len(e.mail.mail) != 1 {
		t.Fatalf("mail after a failed run: %+v", e.mail.mail)
	}
	m := e.mail.mail[0]
	if len(m.To) != 1 || m.To[0] != "ada@example.org" || !strings.Contains(m.Subject, "Validshire") ||
		!strings.Contains(m.Body, run.Error) || !strings.Contains(m.Body, "https://directory.example.org/staff/feeds/") {
		t.Errorf("the mail to admins: %+v", m)
	}
}

func TestAFeedAtAPrivateAddressIsRefusedWithoutTheFlag(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	srv := oruktest.Serve(t, oruktest.FS(t, oruktest.Testshire))
	f := e.register(t, "Testshire County Council", strings.Replace(srv.URL, "127.0.0.1", "localhost", 1))
	before := countServices(t, e.db)

	e.runner.Guard = oruk.GuardOptions{}
	run, err := e.runner.Run(ctx, f, directory.Actor{})
	if err != nil {
		t.Fatal(err)
	}
	if run.OK() || !strings.Contains(run.Error, "private, loopback or link-local") {
		t.Errorf("a run against a loopback name: %+v", run)
	}
	if countServices(t, e.db) != before {
		t.Error("the refused run wrote")
	}
}

func TestRunDueRunsEachFeedOnItsSchedule(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	srv := oruktest.Serve(t, oruktest.FS(t, oruktest.Testshire))
	daily := e.register(t, "Testshire County Council", srv.URL)
	weekly, err := e.db.CreateFeed(ctx, directory.Actor{Name: "Ada Admin"}, directory.Feed{Name: "Weekly", URL: srv.URL + "/", Every: directory.FeedWeekly})
	if err != nil {
		t.Fatal(err)
	}
	paused, err := e.db.CreateFeed(ctx, directory.Actor{Name: "Ada Admin"}, directory.Feed{Name: "Paused", URL: srv.URL + "//", Every: directory.FeedDaily, Paused: true})
	if err != nil {
		t.Fatal(err)
	}
	ran := func() map[int64]bool {
		t.Helper()
		runs, err := e.runner.RunDue(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]bool{}
		for _, r := range runs {
			out[r.FeedID] = true
		}
		return out
	}
	if got := ran(); !got[daily.ID] || !got[weekly.ID] || got[paused.ID] {
		t.Errorf("first: ran %v; want daily %d and weekly %d, not paused %d", got, daily.ID, weekly.ID, paused.ID)
	}
	e.now = e.now.Add(23 * time.Hour)
	if got := ran(); len(got) != 0 {
		t.Errorf("23 hours later ran %v, want none", got)
	}
	e.now = e.now.Add(time.Hour)
	if got := ran(); !got[daily.ID] || got[weekly.ID] {
		t.Errorf("a day later ran %v, want daily alone", got)
	}
	e.now = e.now.Add(6 * 24 * time.Hour)
	if got := ran(); !got[daily.ID] || !got[weekly.ID] || got[paused.ID] {
		t.Errorf("a week later ran %v, want daily and weekly", got)
	}
}

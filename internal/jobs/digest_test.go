package jobs

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
)

// TestDigestGoesAtMostHourlyAndOnlyForNewItems walks a test clock through
// two hours: a digest goes to each active admin and editor when something
// new waits, never twice within an hour, and not at all when nothing has
// begun waiting since the last.
func TestDigestGoesAtMostHourlyAndOnlyForNewItems(t *testing.T) {
	ctx := context.Background()
	db := sqlitetest.Open(t)
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	now := start
	db.Now = func() time.Time { return now }
	at := func(d time.Duration) { now = start.Add(d) }
	for _, u := range []directory.User{
		{Email: "admin@example.org", Name: "Ann Admin", Role: directory.RoleAdmin},
		{Email: "editor@example.org", Name: "Ed Editor", Role: directory.RoleEditor},
		{Email: "gone@example.org", Name: "Gone Editor", Role: directory.RoleEditor},
	} {
		created, err := db.CreateUser(ctx, directory.Actor{Name: "test"}, u, "x")
		if err != nil {
			t.Fatal(err)
		}
		if u.Email == "gone@example.org" {
			if _, err := db.DisableUser(ctx, directory.Actor{Name: "test"}, created.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	q, err := New(db.RiverDriver(), Config{Store: db, Review: db, BaseURL: "https://directory.example.org/",
		Log: slog.New(slog.DiscardHandler), Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	suggest := func(name string) {
		t.Helper()
		if _, err := db.CreateSuggestion(ctx, directory.Suggestion{Topic: directory.TopicNewService, ServiceName: name,
			WhereItRuns: "Gosport", Details: "A new group."}); err != nil {
			t.Fatal(err)
		}
	}
	digest := func(when time.Duration, want int) {
		t.Helper()
		at(when)
		n, err := q.digest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("at +%v the digest went to %d accounts, want %d", when, n, want)
		}
	}

	digest(0, 0) // nothing waits
	at(time.Minute)
	suggest("Bumps and Babes")
	digest(2*time.Minute, 2)
	list, _, err := db.Outbox(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var to []string
	for _, m := range list {
		to = append(to, m.To...)
		if m.Kind != directory.MailDigest || m.Subject != "1 item waiting for review in the directory" {
			t.Errorf("a digest of kind %q, subject %q", m.Kind, m.Subject)
		}
		for _, want := range []string{"1 new item began waiting", "- 1 suggestion from the public", "https://directory.example.org/staff/queue"} {
			if !strings.Contains(m.Body, want) {
				t.Errorf("the digest does not say %q:\n%s", want, m.Body)
			}
		}
	}
	if strings.Join(to, " ") != "editor@example.org admin@example.org" && strings.Join(to, " ") != "admin@example.org editor@example.org" {
		t.Errorf("digests went to %v, want the active admin and editor alone", to)
	}

	at(10 * time.Minute)
	suggest("Dads' Club")
	digest(20*time.Minute, 0) // new, but within the hour of the last digest
	digest(61*time.Minute, 0) // an hour after the digest at +2m is +62m: still too soon
	digest(62*time.Minute, 2) // an hour since the last, and Dads' Club is new since it
	if latest, err := db.LatestMail(ctx, directory.MailDigest); err != nil || latest.Subject != "2 items waiting for review in the directory" ||
		!strings.Contains(latest.Body, "1 new item began waiting") || !strings.Contains(latest.Body, "- 2 suggestions from the public") {
		t.Errorf("the second digest: %+v, %v", latest, err)
	}
	digest(3*time.Hour, 0) // both still wait, but neither is new since the last digest
	if _, n, _ := db.Outbox(ctx, 10); n != 4 {
		t.Errorf("the outbox holds %d digests, want 4", n)
	}
}

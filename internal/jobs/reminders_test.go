package jobs_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/mail/mailtest"
	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/seeds"
)

// TestAReviewLeftUndoneEscalates follows one service whose review falls due
// on 10 January 2027, with a test clock: on the day its owner is reminded;
// two weeks later the owner and the admins are; four weeks after the date
// it is unchecked and no more mail goes. The mail is caught by an SMTP
// server in the test.
func TestAReviewLeftUndoneEscalates(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			ctx := context.Background()
			var mu sync.Mutex
			day := time.Date(2026, 12, 20, 9, 0, 0, 0, time.UTC)
			now := func() time.Time { mu.Lock(); defer mu.Unlock(); return day }
			setDay := func(d time.Time) { mu.Lock(); day = d; mu.Unlock() }
			db := e.open(t)
			db.setNow(now)
			ds, err := seed.Parse(seeds.Wessex())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Load(ctx, ds); err != nil {
				t.Fatal(err)
			}
			// Every other service is reviewed, and not due until July.
			all, err := db.Services(ctx, directory.ServiceFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range all {
				if s.Slug == "roberts-centre" {
					continue
				}
				if _, err := db.MarkReviewed(ctx, directory.Actor{Name: "test"}, s.Slug, s.Version); err != nil {
					t.Fatal(err)
				}
			}
			ed, _ := db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "ed@example.org", Name: "Ed Editor", Role: directory.RoleEditor}, "x")
			if _, err := db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "ada@example.org", Name: "Ada Admin", Role: directory.RoleAdmin}, "x"); err != nil {
				t.Fatal(err)
			}
			svc, _ := db.Service(ctx, "roberts-centre")
			svc.LastReviewed, svc.ReviewDue = "2026-07-10", "2027-01-10"
			if _, err := db.UpdateService(ctx, directory.Actor{Name: "test"}, svc, "reviewed in July"); err != nil {
				t.Fatal(err)
			}
			if err := db.SetServiceOwner(ctx, directory.Actor{Name: "test"}, svc.Slug, ed.ID); err != nil {
				t.Fatal(err)
			}

			srv := mailtest.Start(t, "127.0.0.1:0")
			cfg := config(db)
			cfg.Sender, cfg.Now = sender(t, srv), now
			q := e.start(t, db, cfg)
			// next waits for the next message to one address, keeping those
			// to others for their turn.
			var early []mailtest.Message
			next := func(to string) mailtest.Message {
				t.Helper()
				for i, m := range early {
					if len(m.To) == 1 && m.To[0] == to {
						early = append(early[:i], early[i+1:]...)
						return m
					}
				}
				for {
					m := srv.Next(t)
					if len(m.To) == 1 && m.To[0] == to {
						return m
					}
					early = append(early, m)
				}
			}
			remind := func(d time.Time) {
				t.Helper()
				setDay(d)
				if _, err := q.RemindReviews(ctx); err != nil {
					t.Fatal(err)
				}
			}

			remind(time.Date(2027, 1, 9, 9, 0, 0, 0, time.UTC))
			remind(time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC))
			first := next("ed@example.org")
			if first.Subject != "1 service is due for review" || !strings.Contains(first.Body, "Roberts Centre") || !strings.Contains(first.Body, "/staff/services/roberts-centre/edit") {
				t.Errorf("the first reminder: %q\n%s", first.Subject, first.Body)
			}
			remind(time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC)) // the same reminder is not sent twice

			remind(time.Date(2027, 1, 24, 9, 0, 0, 0, time.UTC))
			second := next("ed@example.org")
			if !strings.HasPrefix(second.Subject, "Second reminder") || !strings.Contains(second.Body, "two weeks overdue") {
				t.Errorf("the second reminder to the owner: %q\n%s", second.Subject, second.Body)
			}
			if toAdmin := next("ada@example.org"); !strings.HasPrefix(toAdmin.Subject, "Second reminder") || !strings.Contains(toAdmin.Body, "Roberts Centre") {
				t.Errorf("the second reminder to the admin: %q\n%s", toAdmin.Subject, toAdmin.Body)
			}

			remind(time.Date(2027, 2, 7, 9, 0, 0, 0, time.UTC))
			if got, _ := db.Service(ctx, svc.Slug); got.ReviewStage(db.Today()) != directory.ReviewUnchecked {
				t.Errorf("on 7 February the service is at %v, want unchecked", got.ReviewStage(db.Today()))
			}
			list, _, err := db.Outbox(ctx, 50)
			if err != nil {
				t.Fatal(err)
			}
			reminders := 0
			for _, m := range list {
				if m.Kind == "review_reminder" {
					reminders++
				}
			}
			if reminders != 3 {
				t.Errorf("%d review reminders in the outbox, want 3: the owner's first and second, the admin's second", reminders)
			}
		})
	}
}

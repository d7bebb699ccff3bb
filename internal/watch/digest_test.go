package watch_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
	"github.com/wessex-network/directory/internal/watch"
)

type mailbox struct {
	mail []directory.Mail
	fail bool
}

func (m *mailbox) QueueMail(_ context.Context, mail directory.Mail) error {
	if m.fail {
		return errors.New("the outbox is down")
	}
	m.mail = append(m.mail, mail)
	return nil
}

func TestDigestsTellEachWatcherOnceOfOthersChanges(t *testing.T) {
	ctx := context.Background()
	db := sqlitetest.Seeded(t)
	ada, _ := db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "ada@example.org", Name: "Ada Admin", Role: directory.RoleAdmin}, "x")
	ed, _ := db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "ed@example.org", Name: "Ed Editor", Role: directory.RoleEditor}, "x")
	if err := db.Watch(ctx, ada.ID, directory.EntityService, "roberts-centre"); err != nil {
		t.Fatal(err)
	}
	box := &mailbox{}
	if n, err := watch.SendDigests(ctx, db, box, "https://directory.example.org"); err != nil || n != 0 {
		t.Fatalf("digests with no news: %d, %v", n, err)
	}

	svc, _ := db.Service(ctx, "roberts-centre")
	svc.Summary = "New hours from January."
	if _, err := db.UpdateService(ctx, directory.Actor{UserID: ed.ID, Name: ed.Name}, svc, "The centre phoned"); err != nil {
		t.Fatal(err)
	}

	// A digest that cannot be queued keeps its news for the next run.
	box.fail = true
	if _, err := watch.SendDigests(ctx, db, box, "https://directory.example.org"); err == nil {
		t.Fatal("a digest that could not be queued reported no error")
	}
	box.fail = false
	n, err := watch.SendDigests(ctx, db, box, "https://directory.example.org")
	if err != nil || n != 1 || len(box.mail) != 1 {
		t.Fatalf("digests: %d, %v, %+v", n, err, box.mail)
	}
	m := box.mail[0]
	if len(m.To) != 1 || m.To[0] != "ada@example.org" || m.Subject != "1 change in what you watch" ||
		!strings.Contains(m.Body, "roberts-centre, by Ed Editor (The centre phoned)") ||
		!strings.Contains(m.Body, "https://directory.example.org/staff/services/roberts-centre/history") {
		t.Errorf("the digest: %+v", m)
	}
	if n, _ := watch.SendDigests(ctx, db, box, "https://directory.example.org"); n != 0 {
		t.Errorf("a second run sent %d digests of the same news", n)
	}
}

package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

// queueMailSpy keeps the messages the server queues, in place of the
// outbox.
type queueMailSpy struct {
	mu   sync.Mutex
	mail []directory.Mail
}

// QueueMail keeps the message.
func (m *queueMailSpy) QueueMail(_ context.Context, msg directory.Mail) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mail = append(m.mail, msg)
	return nil
}

func (m *queueMailSpy) sent() []directory.Mail {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]directory.Mail(nil), m.mail...)
}

// steppingClock is a clock that moves on a minute each time it is read, so
// that each write the store stamps comes after the one before.
func steppingClock() func() time.Time {
	var mu sync.Mutex
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Minute)
		return now
	}
}

func TestQueueListsEveryKindOldestFirstAndIsCountedOnTheHomePage(t *testing.T) {
	e := newStaffEnv(t)
	setClock(t, e.db, steppingClock())
	public := e.client(t)
	editor := e.login(t, "editor@example.org")
	if doc := parse(t, e.get(t, editor, "/staff/queue")); doc.Find(`[data-testid="queue-empty"]`).Length() != 1 {
		t.Error("an empty queue does not say so")
	}
	if home := e.get(t, editor, "/staff"); !strings.Contains(home.Body, "0 items wait in the review queue") {
		t.Error("the staff home page does not count an empty queue")
	}
	if r := e.post(t, public, "/services/"+suggestService+"/suggestions", goodChange()); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("suggest: %d", r.StatusCode)
	}
	holdTwo(t, e.db)
	if r := e.post(t, public, "/suggestions", url.Values{"service_name": {"Bumps and Babies"}, "where_it_runs": {"Andover"}, "details": {"Tuesdays."}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("suggest a new service: %d", r.StatusCode)
	}

	home := parse(t, e.get(t, editor, "/staff"))
	card := home.Find(`a[href="/staff/queue"]`).Closest(".nhsuk-card")
	if !strings.Contains(card.Text(), "4 items wait in the review queue") {
		t.Errorf("the staff home page's queue card: %q", card.Text())
	}
	if home.Find(`a[href="/staff/suggestions"], a[href="/staff/held"]`).Length() != 0 {
		t.Error("the staff home page still links to the old lists")
	}

	want := "suggestion The Roberts Centre|held Testshire baby cafe|held Testshire dads group|suggestion Bumps and Babies"
	if got := strings.Join(queueItems(t, e, editor), "|"); got != want {
		t.Errorf("the queue lists\n%s\nwant oldest first\n%s", got, want)
	}
}

// queueItems lists the queue's rows as "kind title".
func queueItems(t *testing.T, e *staffEnv, c *http.Client) []string {
	t.Helper()
	var out []string
	rows := parse(t, e.get(t, c, "/staff/queue")).Find(`[data-testid="queue-item"]`)
	for i := range rows.Length() {
		row := rows.Eq(i)
		out = append(out, row.AttrOr("data-kind", "")+" "+row.Find(`[data-testid="queue-title"]`).Text())
	}
	return out
}

package jobs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/wessex-network/directory/internal/directory"
)

// DigestEvery is the least time between two digests: staff hear of new
// items at most once an hour, however many arrive.
const DigestEvery = time.Hour

// DigestArgs is the periodic job that tells staff of items that have begun
// to wait in the review queue.
type DigestArgs struct{}

// Kind names the job in River's tables.
func (DigestArgs) Kind() string { return "review_digest" }

type digestWorker struct {
	river.WorkerDefaults[DigestArgs]
	digest func(context.Context) (int, error)
}

func (w *digestWorker) Work(ctx context.Context, _ *river.Job[DigestArgs]) error {
	_, err := w.digest(ctx)
	return err
}

// digest queues a digest to each active admin and editor, and returns how
// many it queued: none when the last digest is less than an hour old, or
// when nothing has begun waiting since it. The last digest is the newest in
// the outbox, so servers sharing a store agree on it; the periodic job runs
// on one of them at a time.
func (q *Queue[TTx]) digest(ctx context.Context) (int, error) {
	now := q.cfg.Now()
	var last time.Time
	switch m, err := q.cfg.Store.LatestMail(ctx, directory.MailDigest); {
	case directory.ErrorCode(err) == directory.ENOTFOUND:
	case err != nil:
		return 0, err
	default:
		if last, err = time.Parse(time.RFC3339, m.CreatedAt); err != nil {
			return 0, fmt.Errorf("read the time of the last digest, %q: %w", m.CreatedAt, err)
		}
		if now.Sub(last) < DigestEvery {
			return 0, nil
		}
	}
	items, err := directory.ReviewQueue(ctx, q.cfg.Review)
	if err != nil {
		return 0, fmt.Errorf("read the review queue: %w", err)
	}
	fresh := 0
	for _, it := range items {
		since, err := time.Parse(time.RFC3339, it.Since)
		if err != nil || since.After(last) {
			fresh++
		}
	}
	if fresh == 0 {
		return 0, nil
	}
	users, err := q.cfg.Store.Users(ctx)
	if err != nil {
		return 0, err
	}
	subject, body := digestMessage(items, fresh, strings.TrimRight(q.cfg.BaseURL, "/")+"/staff/queue")
	sent := 0
	for _, u := range users {
		if u.Disabled || (u.Role != directory.RoleAdmin && u.Role != directory.RoleEditor) {
			continue
		}
		if err := q.QueueMail(ctx, directory.Mail{To: []string{u.Email}, Subject: subject, Body: body, Kind: directory.MailDigest}); err != nil {
			return sent, fmt.Errorf("queue the digest to %s: %w", u.Email, err)
		}
		sent++
	}
	if sent == 0 {
		q.cfg.Log.Warn("items wait in the review queue, but no active admin or editor account is there to tell", "waiting", len(items))
	}
	return sent, nil
}

// digestKinds are the kinds of queue item as the digest counts them, in its
// order.
var digestKinds = []struct{ kind, one, many string }{
	{directory.QueueSuggestion, "suggestion from the public", "suggestions from the public"},
	{directory.QueueProposal, "proposal from a provider", "proposals from providers"},
	{directory.QueueHeld, "imported service held for review", "imported services held for review"},
}

// digestMessage is the digest's subject and plain-text body: how many items
// wait, by kind, how many are new, and the link to the queue.
func digestMessage(items []directory.QueueItem, fresh int, link string) (subject, body string) {
	counts := map[string]int{}
	for _, it := range items {
		counts[it.Kind]++
	}
	subject = fmt.Sprintf("%d %s waiting for review in the directory", len(items), plural(len(items), "item", "items"))
	var b strings.Builder
	fmt.Fprintf(&b, "%d new %s waiting for review since the last digest.\n\n", fresh, plural(fresh, "item began", "items began"))
	b.WriteString("Waiting now:\n")
	for _, k := range digestKinds {
		if n := counts[k.kind]; n > 0 {
			fmt.Fprintf(&b, "- %d %s\n", n, plural(n, k.one, k.many))
		}
	}
	fmt.Fprintf(&b, "\nThe review queue: %s\n\nYou get this at most once an hour, when something new waits.\n", link)
	return subject, b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

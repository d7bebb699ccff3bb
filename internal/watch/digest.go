// Package watch sends each member of staff a digest of what changed in the
// services and coverage cells they watch: changes by others since their
// last digest, read from the audit log.
package watch

import (
	"context"
	"fmt"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// Store is what a digest needs of the directory's store.
type Store interface {
	Users(ctx context.Context) ([]directory.User, error)
	WatchedChanges(ctx context.Context, userID int64) ([]directory.AuditEntry, int64, error)
	MarkWatchDigest(ctx context.Context, userID int64, upTo int64) error
}

// SendDigests queues one mail for each active account with news of what it
// watches, and marks each digest so that the next tells only what is newer.
// It returns how many it queued. An account whose mail cannot be queued
// keeps its news for the next run.
func SendDigests(ctx context.Context, store Store, mail directory.Mailer, baseURL string) (int, error) {
	users, err := store.Users(ctx)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, u := range users {
		if u.Disabled {
			continue
		}
		changes, upTo, err := store.WatchedChanges(ctx, u.ID)
		if err != nil {
			return sent, err
		}
		if len(changes) > 0 {
			if err := mail.QueueMail(ctx, Digest(u, changes, baseURL)); err != nil {
				return sent, fmt.Errorf("queue the digest for %s: %w", u.Email, err)
			}
			sent++
		}
		if upTo > 0 {
			if err := store.MarkWatchDigest(ctx, u.ID, upTo); err != nil {
				return sent, err
			}
		}
	}
	return sent, nil
}

// Digest writes the mail that tells u of changes, in plain text.
func Digest(u directory.User, changes []directory.AuditEntry, baseURL string) directory.Mail {
	base := strings.TrimRight(baseURL, "/")
	var b strings.Builder
	fmt.Fprintf(&b, "Hello %s,\n\nWhat others changed in what you watch in the directory:\n\n", u.Name)
	for _, c := range changes {
		what, link := c.EntityKey, base+"/staff/services/"+c.EntityKey+"/history"
		if c.Entity == directory.EntityCoverageCell {
			what, link = "the coverage cell "+c.EntityKey, base+"/staff/coverage/"+c.EntityKey+"/history"
		}
		fmt.Fprintf(&b, "- %s: %s %s, by %s", c.At, c.Action, what, c.UserName)
		if c.Reason != "" {
			fmt.Fprintf(&b, " (%s)", c.Reason)
		}
		fmt.Fprintf(&b, "\n  %s\n", link)
	}
	fmt.Fprintf(&b, "\nTo stop watching, open %s/staff/watching.\n", base)
	subject := "1 change in what you watch"
	if len(changes) != 1 {
		subject = fmt.Sprintf("%d changes in what you watch", len(changes))
	}
	return directory.Mail{To: []string{u.Email}, Subject: subject, Body: b.String(), Kind: "watch_digest"}
}

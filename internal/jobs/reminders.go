package jobs

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/riverqueue/river"

	"github.com/wessex-network/directory/internal/directory"
)

// ReviewRemindersArgs is the daily job that escalates reviews left undone:
// on a service's review date its owner is reminded; two weeks later the
// owner and the admins are; four weeks after it the entry is unchecked,
// which its public page and search show without any job.
type ReviewRemindersArgs struct{}

// Kind names the job in River's tables.
func (ReviewRemindersArgs) Kind() string { return "review_reminders" }

type reviewRemindersWorker struct {
	river.WorkerDefaults[ReviewRemindersArgs]
	remind func(context.Context) (int, error)
}

func (w *reviewRemindersWorker) Work(ctx context.Context, _ *river.Job[ReviewRemindersArgs]) error {
	_, err := w.remind(ctx)
	return err
}

// reminders gathers, for one recipient, the services of each stage.
type reminders struct {
	user     directory.User
	due      []directory.Service
	overdue  []directory.Service
	provider bool
}

// RemindReviews claims and queues each reminder that is due, one message
// for each person, and returns how many messages it queued. A reminder is
// claimed before its message is queued, so two servers never both send it;
// a service whose second reminder is due gets no first one.
func (q *Queue[TTx]) RemindReviews(ctx context.Context) (int, error) {
	today := q.cfg.Store.Today()
	services, err := q.cfg.Store.ServicesDueForReview(ctx, today)
	if err != nil {
		return 0, err
	}
	owners, err := q.cfg.Store.ServiceOwners(ctx)
	if err != nil {
		return 0, err
	}
	users, err := q.cfg.Store.Users(ctx)
	if err != nil {
		return 0, err
	}
	byID := map[int64]directory.User{}
	var admins []directory.User
	for _, u := range users {
		if u.Disabled {
			continue
		}
		byID[u.ID] = u
		if u.Role == directory.RoleAdmin {
			admins = append(admins, u)
		}
	}
	// ownersOf are the people a service's first reminder goes to: its staff
	// owner, or else its organisation's provider accounts, or else the admins.
	ownersOf := func(s directory.Service) []directory.User {
		if u, ok := byID[owners[s.Slug]]; ok && u.Role.Staff() {
			return []directory.User{u}
		}
		var out []directory.User
		for _, u := range byID {
			if u.Role == directory.RoleProvider && s.Organisation != nil && u.SpeaksFor(s.Organisation.Slug) {
				out = append(out, u)
			}
		}
		if len(out) == 0 {
			return admins
		}
		return out
	}
	to := map[int64]*reminders{}
	add := func(u directory.User, s directory.Service, second bool) {
		r := to[u.ID]
		if r == nil {
			r = &reminders{user: u, provider: u.Role == directory.RoleProvider}
			to[u.ID] = r
		}
		list := &r.due
		if second {
			list = &r.overdue
		}
		for _, have := range *list {
			if have.Slug == s.Slug {
				return
			}
		}
		*list = append(*list, s)
	}
	for _, s := range services {
		stage, dueOn := s.ReviewStage(today), s.ReviewDueOn()
		if stage < directory.ReviewDue {
			continue
		}
		if stage >= directory.ReviewOverdue {
			claimed, err := q.cfg.Store.ClaimReviewReminder(ctx, s.ID, dueOn, directory.ReviewOverdue)
			if err != nil {
				return 0, err
			}
			if _, err := q.cfg.Store.ClaimReviewReminder(ctx, s.ID, dueOn, directory.ReviewDue); err != nil {
				return 0, err
			}
			if claimed {
				for _, u := range append(ownersOf(s), admins...) {
					add(u, s, true)
				}
			}
			continue
		}
		claimed, err := q.cfg.Store.ClaimReviewReminder(ctx, s.ID, dueOn, directory.ReviewDue)
		if err != nil {
			return 0, err
		}
		if claimed {
			for _, u := range ownersOf(s) {
				add(u, s, false)
			}
		}
	}
	ids := make([]int64, 0, len(to))
	for id := range to {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	sent := 0
	for _, id := range ids {
		if err := q.QueueMail(ctx, reminderMessage(*to[id], strings.TrimRight(q.cfg.BaseURL, "/"))); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}

// reminderMessage writes one person's reminders in plain text.
func reminderMessage(r reminders, base string) directory.Mail {
	link := func(s directory.Service) string {
		if r.provider {
			return base + "/staff/proposals/new?service=" + s.Slug
		}
		return base + "/staff/services/" + s.Slug + "/edit"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Hello %s,\n\n", r.user.Name)
	if len(r.overdue) > 0 {
		fmt.Fprintf(&b, "Second reminder: these services' reviews are two weeks overdue. Two weeks from now each will show the public that it has not been checked lately, and rank below checked services:\n\n")
		for _, s := range r.overdue {
			fmt.Fprintf(&b, "- %s (due %s)\n  %s\n", s.Name, s.ReviewDueOn(), link(s))
		}
		b.WriteString("\n")
	}
	if len(r.due) > 0 {
		fmt.Fprintf(&b, "These services are due for review:\n\n")
		for _, s := range r.due {
			fmt.Fprintf(&b, "- %s (due %s)\n  %s\n", s.Name, s.ReviewDueOn(), link(s))
		}
		b.WriteString("\n")
	}
	if !r.provider {
		fmt.Fprintf(&b, "If a service is still correct, press \"Reviewed, still correct\" on %s/staff/review.\n", base)
	}
	n := len(r.due) + len(r.overdue)
	subject := fmt.Sprintf("%d services are due for review", n)
	if n == 1 {
		subject = "1 service is due for review"
	}
	if len(r.overdue) > 0 {
		subject = "Second reminder: " + subject
	}
	return directory.Mail{To: []string{r.user.Email}, Subject: subject, Body: b.String(), Kind: "review_reminder"}
}

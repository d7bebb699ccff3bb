// Package feeds imports the Open Referral UK feeds that admins registered:
// on their schedule, or when someone presses "Run now". Each run is an
// import with the import's rules (all or nothing, services in no area of
// the directory held for staff, nothing duplicated), fetched through the
// guarded source, and recorded whether it worked or not. A failed run mails
// the admins.
package feeds

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/oruk"
)

// Store is what a run needs of the directory's store.
type Store interface {
	oruk.Store
	Feeds(ctx context.Context) ([]directory.Feed, error)
	RecordFeedRun(ctx context.Context, run directory.FeedRun) (directory.FeedRun, error)
	Users(ctx context.Context) ([]directory.User, error)
}

// Runner runs registered feeds.
type Runner struct {
	Store   Store
	Schemas *oruk.Schemas
	Guard   oruk.GuardOptions
	Mail    directory.Mailer // told of each failed run; nil tells no one but the log
	BaseURL string           // the directory's public address, for links in mail
	Now     func() time.Time // the clock; nil is the system's
	Log     *slog.Logger     // nil is slog.Default
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now().UTC()
	}
	return time.Now().UTC()
}

func (r *Runner) log() *slog.Logger {
	if r.Log != nil {
		return r.Log
	}
	return slog.Default()
}

// Run imports one feed now and records the run. actor is whoever pressed
// "Run now", or the zero Actor for a scheduled run. A feed that cannot be
// fetched or is refused is a failed run, recorded with its error, having
// written nothing; the error returned is for a run that could not even be
// recorded.
func (r *Runner) Run(ctx context.Context, f directory.Feed, actor directory.Actor) (directory.FeedRun, error) {
	run := directory.FeedRun{FeedID: f.ID, StartedAt: r.now().Format(time.RFC3339), ByHand: actor.Name != ""}
	if actor.Name == "" {
		actor = directory.Actor{Name: "Scheduled import of " + f.Name}
	}
	report, err := r.importFeed(ctx, f, actor)
	switch {
	case err != nil:
		run.Error = err.Error()
	case !report.OK():
		run.Error = refusal(report)
	default:
		tally(&run, report.Outcomes)
	}
	run.FinishedAt = r.now().Format(time.RFC3339)
	saved, err := r.Store.RecordFeedRun(ctx, run)
	if err != nil {
		return run, fmt.Errorf("record the run of feed %q: %w", f.Name, err)
	}
	if !saved.OK() {
		r.log().Warn("feed run failed", "feed", f.ID, "error", saved.Error)
		r.tellAdmins(ctx, f, saved)
	} else {
		r.log().Info("feed run", "feed", f.ID, "added", saved.Added, "changed", saved.Changed, "held", saved.Held)
	}
	return saved, nil
}

func (r *Runner) importFeed(ctx context.Context, f directory.Feed, actor directory.Actor) (*directory.ImportReport, error) {
	src, err := oruk.GuardedSource(f.URL, r.Guard)
	if err != nil {
		return nil, err
	}
	return oruk.Import(ctx, r.Store, src, r.Schemas, actor, false, directory.StableUUID)
}

// tally counts what a run did to services; organisations come with them.
func tally(run *directory.FeedRun, outcomes []directory.ImportOutcome) {
	for _, o := range outcomes {
		if o.Entity != directory.EntityService {
			continue
		}
		switch o.Action {
		case directory.ImportAdd:
			run.Added++
		case directory.ImportChange:
			run.Changed++
		case directory.ImportHeld:
			run.Held++
		default:
			run.Unchanged++
		}
	}
}

// refusal says in one line why an import refused a feed.
func refusal(report *directory.ImportReport) string {
	first := report.Problems[0].String()
	if n := len(report.Problems); n > 1 {
		return fmt.Sprintf("The feed was refused, with %d problems. The first: %s", n, first)
	}
	return "The feed was refused: " + first
}

// RunDue runs, one after another, every feed whose scheduled run is due,
// and returns their runs. A feed that fails does not stop the others.
func (r *Runner) RunDue(ctx context.Context) ([]directory.FeedRun, error) {
	feeds, err := r.Store.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	var runs []directory.FeedRun
	for _, f := range feeds {
		if !f.DueAt(r.now()) {
			continue
		}
		run, err := r.Run(ctx, f, directory.Actor{})
		if err != nil {
			return runs, err
		}
		runs = append(runs, run)
	}
	return runs, nil
}

// tellAdmins mails every active admin that a run failed.
func (r *Runner) tellAdmins(ctx context.Context, f directory.Feed, run directory.FeedRun) {
	if r.Mail == nil {
		return
	}
	users, err := r.Store.Users(ctx)
	if err != nil {
		r.log().Error("find admins to tell of a failed feed run", "error", err)
		return
	}
	var to []string
	for _, u := range users {
		if u.Role == directory.RoleAdmin && !u.Disabled {
			to = append(to, u.Email)
		}
	}
	if len(to) == 0 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The import of the feed %q, from %s, failed at %s and wrote nothing.\n\n", f.Name, f.URL, run.StartedAt)
	fmt.Fprintf(&b, "What went wrong: %s\n\n", run.Error)
	fmt.Fprintf(&b, "The feed's page, with every run and a button to run it again:\n%s/staff/feeds/%s\n",
		strings.TrimRight(r.BaseURL, "/"), strconv.FormatInt(f.ID, 10))
	if err := r.Mail.QueueMail(ctx, directory.Mail{To: to, Subject: "A feed import failed: " + f.Name, Body: b.String(), Kind: "feed_failed"}); err != nil {
		r.log().Error("queue mail of a failed feed run", "error", err)
	}
}

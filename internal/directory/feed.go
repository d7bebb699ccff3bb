package directory

import (
	"context"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// EntityFeed names registered feeds in the audit log.
const EntityFeed = "feed"

// How often a registered feed is imported.
const (
	FeedDaily  = "daily"
	FeedWeekly = "weekly"
)

// Feed is a council's Open Referral UK API that admins registered, to be
// imported on a schedule with the rules of any import: all or nothing,
// services in no area of the directory held for staff, nothing duplicated.
type Feed struct {
	ID        int64
	Name      string // such as "Testshire County Council"
	URL       string // the API's base address, http or https
	Every     string // FeedDaily or FeedWeekly
	Paused    bool   // a paused feed is run only by hand
	Version   int
	CreatedAt string   // RFC 3339
	LastRun   *FeedRun // nil until it first runs
}

// Tidy trims what an admin typed.
func (f Feed) Tidy() Feed {
	f.Name = strings.TrimSpace(f.Name)
	f.URL = strings.TrimSpace(f.URL)
	return f
}

// Validate checks a feed's fields, in the order its form shows them.
func (f Feed) Validate() FieldErrors {
	var errs FieldErrors
	switch n := utf8.RuneCountInString(f.Name); {
	case n == 0:
		errs.Add("name", "Enter the feed's name, such as the council that publishes it")
	case n > 200:
		errs.Add("name", "The name must be 200 characters or fewer")
	}
	u, err := url.Parse(f.URL)
	switch {
	case f.URL == "":
		errs.Add("url", "Enter the feed's address, like https://api.example.gov.uk/openreferral")
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "":
		errs.Add("url", "Enter an http or https address, like https://api.example.gov.uk/openreferral, without a user name, query or #fragment")
	case len(f.URL) > 2000:
		errs.Add("url", "The address must be 2,000 characters or fewer")
	}
	if f.Every != FeedDaily && f.Every != FeedWeekly {
		errs.Add("every", "Choose how often to import the feed")
	}
	return errs
}

// Interval is how long the feed waits between scheduled runs.
func (f Feed) Interval() time.Duration {
	if f.Every == FeedWeekly {
		return 7 * 24 * time.Hour
	}
	return 24 * time.Hour
}

// DueAt reports whether a scheduled run of the feed is due at now: it is
// not paused, and it has never run or its last run began at least an
// interval before now.
func (f Feed) DueAt(now time.Time) bool {
	if f.Paused {
		return false
	}
	if f.LastRun == nil {
		return true
	}
	last, err := time.Parse(time.RFC3339, f.LastRun.StartedAt)
	return err != nil || !now.Before(last.Add(f.Interval()))
}

// FeedRun is one import of a registered feed: what it added, changed and
// held, or the error that stopped it, in which case it wrote nothing.
type FeedRun struct {
	ID         int64
	FeedID     int64
	StartedAt  string // RFC 3339
	FinishedAt string // RFC 3339
	ByHand     bool   // someone pressed "Run now", rather than the schedule
	Added      int
	Changed    int
	Unchanged  int
	Held       int
	Error      string // empty for a run that imported the feed
}

// OK reports whether the run imported the feed.
func (r FeedRun) OK() bool { return r.Error == "" }

// FeedStore keeps the registered feeds and the record of their runs. No
// public page shows either: registering or editing a feed moves the content
// version only through its audit record, and recording a run not at all.
// The import a run makes moves it as any import does.
type FeedStore interface {
	// CreateFeed registers a feed after checking its fields, and audits it.
	// An address already registered gives a field error.
	CreateFeed(ctx context.Context, actor Actor, f Feed) (Feed, error)
	// UpdateFeed saves an admin's edit of a feed, with the version check of
	// any edit, and audits it.
	UpdateFeed(ctx context.Context, actor Actor, f Feed) (Feed, error)
	// Feeds returns every registered feed by name, each with its last run.
	Feeds(ctx context.Context) ([]Feed, error)
	// Feed returns one registered feed with its last run.
	Feed(ctx context.Context, id int64) (Feed, error)
	// RecordFeedRun stores what one run of a feed did.
	RecordFeedRun(ctx context.Context, run FeedRun) (FeedRun, error)
	// FeedRuns returns a feed's latest runs, newest first, at most limit.
	FeedRuns(ctx context.Context, feedID int64, limit int) ([]FeedRun, error)
}

// EveryLabel writes how often the feed is imported, for people.
func (f Feed) EveryLabel() string {
	switch f.Every {
	case FeedDaily:
		return "Every day"
	case FeedWeekly:
		return "Every week"
	}
	return f.Every
}

// Fields lists a feed's fields, for history and conflict pages.
func (f Feed) Fields() []FieldValue {
	paused := "No"
	if f.Paused {
		paused = "Yes: run only by hand"
	}
	return []FieldValue{
		{"Name", f.Name},
		{"Address", f.URL},
		{"How often", f.EveryLabel()},
		{"Paused", paused},
	}
}

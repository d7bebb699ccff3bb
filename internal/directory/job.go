package directory

import "context"

// JobInfo is one job of the job queue as admins see it: what it is, where
// it stands, and what went wrong if anything did.
type JobInfo struct {
	ID          int64
	Kind        string // such as "send_mail" or "feed_sync"
	State       string // River's: available, running, retryable, completed, discarded...
	Attempt     int
	MaxAttempts int
	LastError   string
	CreatedAt   string // RFC 3339
	ScheduledAt string // RFC 3339: when it runs, or ran
	FinalizedAt string // RFC 3339, empty until it completes or is given up
}

// JobLister lists the job queue's latest jobs, newest first.
type JobLister interface {
	RecentJobs(ctx context.Context, limit int) ([]JobInfo, error)
}

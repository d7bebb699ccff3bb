package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/server"
)

// someJobs stands in for the job queue.
type someJobs []directory.JobInfo

func (j someJobs) RecentJobs(context.Context, int) ([]directory.JobInfo, error) { return j, nil }

func TestAdminsSeeTheJobQueue(t *testing.T) {
	jobs := someJobs{
		{ID: 2, Kind: "send_mail", State: "retryable", Attempt: 2, MaxAttempts: 25, LastError: "dial tcp 127.0.0.1:2525: connection <refused>",
			CreatedAt: "2026-12-03T10:00:00Z", ScheduledAt: "2026-12-03T10:05:00Z"},
		{ID: 1, Kind: "feed_sync", State: "completed", Attempt: 1, MaxAttempts: 25, CreatedAt: "2026-12-03T09:00:00Z",
			ScheduledAt: "2026-12-03T09:00:00Z", FinalizedAt: "2026-12-03T09:00:05Z"},
	}
	e := newStaffEnv(t, server.WithJobs(jobs))
	admin, editor := e.login(t, "admin@example.org"), e.login(t, "editor@example.org")
	if r := e.get(t, editor, "/staff/jobs"); r.StatusCode != http.StatusForbidden {
		t.Errorf("an editor asking for the jobs: %d, want 403", r.StatusCode)
	}
	r := e.get(t, admin, "/staff/jobs")
	rows := parse(t, r).Find(`[data-testid="job"]`)
	if rows.Length() != 2 {
		t.Fatalf("%d jobs listed, want 2", rows.Length())
	}
	first := rows.First().Text()
	if !strings.Contains(first, "send_mail") || !strings.Contains(first, "Failed, to be tried again") || !strings.Contains(first, "2 of 25") ||
		!strings.Contains(first, "connection <refused>") {
		t.Errorf("the failed job's row: %q", first)
	}
	if strings.Contains(r.Body, "connection <refused>") {
		t.Error("the job's error was not escaped")
	}
	if !strings.Contains(rows.Last().Text(), "Done") {
		t.Errorf("the done job's row: %q", rows.Last().Text())
	}
	if body := e.get(t, e.login(t, "admin@example.org"), "/staff/jobs").Body; !strings.Contains(body, "send_mail") {
		t.Error("the jobs page lost its jobs")
	}
}

func TestTheJobsPageSaysWhenNoQueueRuns(t *testing.T) {
	e := newStaffEnv(t)
	if body := e.get(t, e.login(t, "admin@example.org"), "/staff/jobs").Body; !strings.Contains(body, "This server runs no job queue") {
		t.Error("the jobs page does not say no queue runs")
	}
}

package jobs_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/jobs"
	"github.com/wessex-network/directory/internal/mail/mailtest"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
)

// TestSQLiteWritesBesideTheQueueMeetNoLock runs the site's writes (mail
// queued and suggestions made, from many goroutines at once) while River
// works the jobs they start on the same SQLite file: River shares the
// store's single writer connection, so none of them meets "database is
// locked" (SQLITE_BUSY), and every message arrives.
func TestSQLiteWritesBesideTheQueueMeetNoLock(t *testing.T) {
	ctx := context.Background()
	db := sqlitetest.Open(t)
	srv := mailtest.Start(t, "127.0.0.1:0")
	cfg := config(sqliteStore{db})
	cfg.Sender = sender(t, srv)
	q, err := jobs.New(db.RiverDriver(), cfg)
	r := startQueue(t, q, err)
	const writers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, 2*writers*each)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				if err := r.QueueMail(ctx, directory.Mail{To: []string{fmt.Sprintf("p%d-%d@example.org", w, i)}, Subject: "Closed",
					Body: "Thanks.", Kind: directory.MailSuggestionClosed}); err != nil {
					errs <- err
				}
				if _, err := db.CreateSuggestion(ctx, directory.Suggestion{Topic: directory.TopicNewService, ServiceName: "Group",
					WhereItRuns: "Gosport", Details: "A new group."}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "BUSY") {
			t.Errorf("a write beside the queue met SQLite's lock: %v", err)
		} else {
			t.Error(err)
		}
	}
	for range writers * each {
		srv.Next(t)
	}
}

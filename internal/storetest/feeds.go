package storetest

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func testFeedsAreRegisteredEditedAndRun(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	admin := directory.Actor{Name: "Ada Admin"}

	if _, err := db.CreateFeed(ctx, admin, directory.Feed{Name: " ", URL: "ftp://feeds.example.org", Every: "hourly"}); directory.ErrorCode(err) != directory.EINVALID {
		t.Fatalf("an invalid feed: %v, want EINVALID", err)
	} else {
		var v *directory.ValidationError
		if !errors.As(err, &v) || len(v.Fields) != 3 {
			t.Errorf("an invalid feed's errors: %v, want one each for name, url and every", err)
		}
	}
	if feeds, _ := db.Feeds(ctx); len(feeds) != 0 {
		t.Fatalf("an invalid feed was stored: %+v", feeds)
	}

	testshire, err := db.CreateFeed(ctx, admin, directory.Feed{Name: " Testshire County Council ", URL: "https://api.testshire.example/openreferral", Every: directory.FeedWeekly})
	if err != nil {
		t.Fatal(err)
	}
	if testshire.ID == 0 || testshire.Name != "Testshire County Council" || testshire.Version != 1 || testshire.LastRun != nil || testshire.CreatedAt == "" {
		t.Errorf("the registered feed: %+v", testshire)
	}
	other, err := db.CreateFeed(ctx, admin, directory.Feed{Name: "Another council", URL: "https://api.another.example/", Every: directory.FeedDaily})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateFeed(ctx, admin, directory.Feed{Name: "Twice", URL: testshire.URL, Every: directory.FeedDaily}); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("a second feed at one address: %v, want EINVALID", err)
	}
	if h, err := db.History(ctx, directory.EntityFeed, strconv.FormatInt(testshire.ID, 10)); err != nil || len(h) != 1 || h[0].Action != "create" || h[0].UserName != "Ada Admin" {
		t.Errorf("the feed's history: %+v, %v", h, err)
	}

	// An edit carries its version; a stale one is a conflict.
	edit := testshire
	edit.Every, edit.Paused = directory.FeedDaily, true
	saved, err := db.UpdateFeed(ctx, admin, edit)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Version != 2 || saved.Every != directory.FeedDaily || !saved.Paused {
		t.Errorf("the edited feed: %+v", saved)
	}
	var conflict *directory.ConflictError
	if _, err := db.UpdateFeed(ctx, admin, edit); !errors.As(err, &conflict) {
		t.Errorf("a stale edit: %v, want a conflict", err)
	}
	clash := saved
	clash.URL = other.URL
	if _, err := db.UpdateFeed(ctx, admin, clash); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("an edit to another feed's address: %v, want EINVALID", err)
	}

	// Runs are recorded without moving the content version, the latest
	// comes with the feed, and a run of no feed is refused.
	before := contentVersion(t, db)
	first, err := db.RecordFeedRun(ctx, directory.FeedRun{FeedID: testshire.ID, StartedAt: "2026-12-01T02:00:00Z", FinishedAt: "2026-12-01T02:00:05Z", Added: 40, Held: 5})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordFeedRun(ctx, directory.FeedRun{FeedID: testshire.ID, StartedAt: "2026-12-02T02:00:00Z", FinishedAt: "2026-12-02T02:00:01Z", ByHand: true, Error: "fetch services?page=2: status 500"}); err != nil {
		t.Fatal(err)
	}
	if after := contentVersion(t, db); after != before {
		t.Errorf("recording runs moved the content version from %d to %d", before, after)
	}
	if _, err := db.RecordFeedRun(ctx, directory.FeedRun{FeedID: 999999, StartedAt: "2026-12-02T02:00:00Z", FinishedAt: "2026-12-02T02:00:01Z"}); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("a run of no feed: %v, want ENOTFOUND", err)
	}
	f, err := db.Feed(ctx, testshire.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.LastRun == nil || f.LastRun.OK() || !f.LastRun.ByHand || f.LastRun.StartedAt != "2026-12-02T02:00:00Z" {
		t.Errorf("the feed's last run: %+v", f.LastRun)
	}
	runs, err := db.FeedRuns(ctx, testshire.ID, 10)
	if err != nil || len(runs) != 2 || runs[1].ID != first.ID || runs[1].Added != 40 || runs[1].Held != 5 || !runs[1].OK() {
		t.Errorf("the feed's runs: %+v, %v", runs, err)
	}
	feeds, err := db.Feeds(ctx)
	if err != nil || len(feeds) != 2 || feeds[0].Name != "Another council" || feeds[0].LastRun != nil || feeds[1].LastRun == nil {
		t.Errorf("the feeds: %+v, %v", feeds, err)
	}
	if _, err := db.Feed(ctx, 999999); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("a feed that does not exist: %v, want ENOTFOUND", err)
	}
}

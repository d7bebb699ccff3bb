package storetest

import (
	"context"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func testReviewDueIsSixMonthsUnlessSet(t *testing.T, open Opener) {
	db := seeded(t, open) // the clock says 2026-11-29
	ctx := context.Background()
	actor := directory.Actor{Name: "test"}

	due, err := db.ServicesDueForReview(ctx, db.Today())
	if err != nil {
		t.Fatal(err)
	}
	all, _ := db.Services(ctx, directory.ServiceFilter{})
	if len(due) != len(all) {
		t.Errorf("%d of %d seeded services are due; every one is unreviewed since the report", len(due), len(all))
	}

	svc, _ := db.Service(ctx, "home-start")
	svc.LastReviewed = "2026-10-01"
	svc.ReviewDue = ""
	saved, err := db.UpdateService(ctx, actor, svc, "reviewed by phone")
	if err != nil {
		t.Fatal(err)
	}
	if saved.ReviewDue != "2027-04-01" {
		t.Errorf("review due %q, want six months after 2026-10-01", saved.ReviewDue)
	}

	saved.ReviewDue = "2026-12-15"
	saved, err = db.UpdateService(ctx, actor, saved, "review sooner")
	if err != nil {
		t.Fatal(err)
	}
	if saved.ReviewDue != "2026-12-15" {
		t.Errorf("a set review date was not kept: %q", saved.ReviewDue)
	}
	due, _ = db.ServicesDueForReview(ctx, "2026-12-14")
	for _, s := range due {
		if s.Slug == "home-start" {
			t.Error("home-start is due before its review date")
		}
	}
	due, _ = db.ServicesDueForReview(ctx, "2026-12-15")
	found := false
	for _, s := range due {
		found = found || s.Slug == "home-start"
	}
	if !found {
		t.Error("home-start is not due on its review date")
	}
}

package storetest

import (
	"context"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func testReviewOwnersAndRemindersClaimedOnce(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	ed, err := db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "ed@example.org", Name: "Ed Editor", Role: directory.RoleEditor}, "x")
	if err != nil {
		t.Fatal(err)
	}
	admin := directory.Actor{Name: "Ada Admin"}
	if err := db.SetServiceOwner(ctx, admin, "no-such-service", ed.ID); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("an owner for no service: %v, want ENOTFOUND", err)
	}
	if err := db.SetServiceOwner(ctx, admin, "roberts-centre", 999999); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("an owner who is no one: %v, want EINVALID", err)
	}
	if err := db.SetServiceOwner(ctx, admin, "roberts-centre", ed.ID); err != nil {
		t.Fatal(err)
	}
	if owners, err := db.ServiceOwners(ctx); err != nil || len(owners) != 1 || owners["roberts-centre"] != ed.ID {
		t.Errorf("the owners: %v, %v", owners, err)
	}
	if h, _ := db.History(ctx, directory.EntityService, "roberts-centre"); len(h) == 0 || h[0].Action != "owner" || h[0].Reason != "Review owner: Ed Editor" {
		t.Errorf("the owner's audit: %+v", h)
	}
	if err := db.SetServiceOwner(ctx, admin, "roberts-centre", 0); err != nil {
		t.Fatal(err)
	}
	if owners, _ := db.ServiceOwners(ctx); len(owners) != 0 {
		t.Errorf("the owners after clearing: %v", owners)
	}

	svc, _ := db.Service(ctx, "roberts-centre")
	for i, want := range []bool{true, false} {
		got, err := db.ClaimReviewReminder(ctx, svc.ID, "2027-01-10", directory.ReviewDue)
		if err != nil || got != want {
			t.Errorf("claim %d of the first reminder: %v, %v; want %v", i+1, got, err, want)
		}
	}
	if got, _ := db.ClaimReviewReminder(ctx, svc.ID, "2027-01-10", directory.ReviewOverdue); !got {
		t.Error("the second reminder could not be claimed after the first")
	}
	if got, _ := db.ClaimReviewReminder(ctx, svc.ID, "2027-07-10", directory.ReviewDue); !got {
		t.Error("the first reminder of the next review could not be claimed")
	}
}

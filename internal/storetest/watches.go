package storetest

import (
	"context"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func testWatchersHearOfOthersChangesSinceTheirLastDigest(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	ada, err := db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "ada@example.org", Name: "Ada Admin", Role: directory.RoleAdmin}, "x")
	if err != nil {
		t.Fatal(err)
	}
	ed, err := db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "ed@example.org", Name: "Ed Editor", Role: directory.RoleEditor}, "x")
	if err != nil {
		t.Fatal(err)
	}
	asEd := directory.Actor{UserID: ed.ID, Name: ed.Name}
	asAda := directory.Actor{UserID: ada.ID, Name: ada.Name}

	if changes, upTo, err := db.WatchedChanges(ctx, ada.ID); err != nil || len(changes) != 0 || upTo != 0 {
		t.Errorf("changes for someone who watches nothing: %+v, %d, %v", changes, upTo, err)
	}
	if err := db.Watch(ctx, ada.ID, directory.EntityService, "no-such-service"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("watching no service: %v, want ENOTFOUND", err)
	}
	if err := db.Watch(ctx, ada.ID, directory.EntityCoverageCell, "home-start/atlantis"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("watching a cell of no area: %v, want ENOTFOUND", err)
	}
	if err := db.Watch(ctx, ada.ID, directory.EntityUser, "1"); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("watching an account: %v, want EINVALID", err)
	}

	// A change before the watch began is not news.
	svc, err := db.Service(ctx, "roberts-centre")
	if err != nil {
		t.Fatal(err)
	}
	svc.Summary = "Before the watch."
	if svc, err = db.UpdateService(ctx, asEd, svc, "before"); err != nil {
		t.Fatal(err)
	}
	before := contentVersion(t, db)
	for i := 0; i < 2; i++ { // twice: the second is a no-op
		if err := db.Watch(ctx, ada.ID, directory.EntityService, "roberts-centre"); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Watch(ctx, ada.ID, directory.EntityCoverageCell, "home-start/poole"); err != nil {
		t.Fatal(err)
	}
	if after := contentVersion(t, db); after != before {
		t.Errorf("watching moved the content version from %d to %d", before, after)
	}
	if w, err := db.Watches(ctx, ada.ID); err != nil || len(w) != 2 {
		t.Errorf("Ada's watches: %+v, %v", w, err)
	}

	// Ed's edit of the service and rating of the cell are news to Ada; her
	// own edit, and a change to a service she does not watch, are not.
	svc.Summary = "Ed's edit."
	if svc, err = db.UpdateService(ctx, asEd, svc, "Ed's reason"); err != nil {
		t.Fatal(err)
	}
	svc.Summary = "Ada's edit."
	if svc, err = db.UpdateService(ctx, asAda, svc, "Ada's reason"); err != nil {
		t.Fatal(err)
	}
	other, err := db.Service(ctx, "dorpip")
	if err != nil {
		t.Fatal(err)
	}
	other.Summary = "Unwatched."
	if _, err := db.UpdateService(ctx, asEd, other, "unwatched"); err != nil {
		t.Fatal(err)
	}
	cells, err := db.CellHistory(ctx, "home-start", "poole")
	if err != nil || len(cells) == 0 {
		t.Fatalf("the cell's history: %v", err)
	}
	if _, err := db.RateCell(ctx, asEd, directory.CellChange{ServiceType: "home-start", Area: "poole", Rating: directory.Green,
		Reason: "Ed rated it", EffectiveFrom: "2025-01-01", BasedOn: cells[0].ID}); err != nil {
		t.Fatal(err)
	}
	changes, upTo, err := db.WatchedChanges(ctx, ada.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 2 || changes[0].Reason != "Ed's reason" || changes[1].Entity != directory.EntityCoverageCell || changes[1].EntityKey != "home-start/poole" || upTo < changes[1].ID {
		t.Fatalf("Ada's news: %+v up to %d", changes, upTo)
	}

	// Once marked, the same changes are not news again; the mark never goes back.
	if err := db.MarkWatchDigest(ctx, ada.ID, upTo); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkWatchDigest(ctx, ada.ID, 1); err != nil {
		t.Fatal(err)
	}
	if changes, _, _ := db.WatchedChanges(ctx, ada.ID); len(changes) != 0 {
		t.Errorf("news after the digest: %+v", changes)
	}
	if err := db.Unwatch(ctx, ada.ID, directory.EntityService, "roberts-centre"); err != nil {
		t.Fatal(err)
	}
	svc.Summary = "After the unwatch."
	if _, err := db.UpdateService(ctx, asEd, svc, "after"); err != nil {
		t.Fatal(err)
	}
	if changes, _, _ := db.WatchedChanges(ctx, ada.ID); len(changes) != 0 {
		t.Errorf("news of an unwatched service: %+v", changes)
	}
	if w, _ := db.Watches(ctx, ada.ID); len(w) != 1 || w[0].Entity != directory.EntityCoverageCell {
		t.Errorf("Ada's watches after the unwatch: %+v", w)
	}
}

package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

// testTwentyEditorsSaveOneVersionOnce has twenty editors save the same
// version of a service at once: exactly one save lands, and the others are
// refused as conflicts, so no edit is lost without its author being told.
func testTwentyEditorsSaveOneVersionOnce(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	start, err := db.Service(ctx, "roberts-centre")
	if err != nil {
		t.Fatal(err)
	}
	const editors = 20
	errs := make(chan error, editors)
	for i := range editors {
		go func() {
			edit := start
			edit.Contact.Phone = fmt.Sprintf("023 9200 %04d", i)
			_, err := db.UpdateService(ctx, directory.Actor{Name: fmt.Sprintf("Editor %d", i)}, edit, "Checked by phone")
			errs <- err
		}()
	}
	saved, conflicts := 0, 0
	for range editors {
		switch err := <-errs; directory.ErrorCode(err) {
		case "":
			saved++
		case directory.ECONFLICT:
			conflicts++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if saved != 1 || conflicts != editors-1 {
		t.Errorf("%d saved and %d refused, want exactly one saved", saved, conflicts)
	}
	stored, err := db.Service(ctx, "roberts-centre")
	if err != nil || stored.Version != start.Version+1 {
		t.Errorf("stored version %d (%v), want %d", stored.Version, err, start.Version+1)
	}
	history, err := db.History(ctx, directory.EntityService, "roberts-centre")
	if err != nil || len(history) != 1 {
		t.Errorf("%d audit records (%v), want the one save", len(history), err)
	}
}

// testImportIsAllOrNothing imports a batch with one good change and one
// refused record: the whole batch is refused and nothing is written, not
// even the good change or its audit record.
func testImportIsAllOrNothing(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	good, err := db.Service(ctx, "roberts-centre")
	if err != nil {
		t.Fatal(err)
	}
	before := contentVersion(t, db)
	good.Description = "A description the feed changed"
	bad := good
	bad.UUID, bad.Slug, bad.Name = "", "no-name-service", ""
	_, err = db.Import(ctx, directory.Actor{Name: "feed"}, directory.ImportBatch{Source: "test feed", Services: []directory.Service{good, bad}}, false)
	if directory.ErrorCode(err) != directory.EINVALID {
		t.Fatalf("import of a batch with a nameless service: %v, want a validation error", err)
	}
	stored, err := db.Service(ctx, "roberts-centre")
	if err != nil || stored.Description == good.Description {
		t.Errorf("after a refused import the description reads %q (%v)", stored.Description, err)
	}
	if history, _ := db.History(ctx, directory.EntityService, "roberts-centre"); len(history) != 0 {
		t.Errorf("a refused import left %d audit records", len(history))
	}
	if _, err := db.Service(ctx, "no-name-service"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("the refused service: %v, want not found", err)
	}
	if after := contentVersion(t, db); after != before {
		t.Errorf("a refused import moved the content version from %d to %d", before, after)
	}

	// The same change alone lands, and is audited as an import.
	if _, err := db.Import(ctx, directory.Actor{Name: "feed"}, directory.ImportBatch{Source: "test feed", Services: []directory.Service{good}}, false); err != nil {
		t.Fatal(err)
	}
	if stored, _ := db.Service(ctx, "roberts-centre"); stored.Description != good.Description {
		t.Errorf("after the import the description reads %q", stored.Description)
	}
	if history, _ := db.History(ctx, directory.EntityService, "roberts-centre"); len(history) != 1 || history[0].Action != "import" {
		t.Errorf("audit after the import: %+v, want one import", history)
	}
}

// testSessionsLiveUntilTheyExpire stores, finds, replaces and deletes a
// session, and never finds one past its expiry.
func testSessionsLiveUntilTheyExpire(t *testing.T, open Opener) {
	db := open(t)
	st := db.Sessions()
	before := contentVersion(t, db)
	if err := st.Commit("tok-1", []byte("first"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit("tok-1", []byte("second"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if b, ok, err := st.Find("tok-1"); err != nil || !ok || string(b) != "second" {
		t.Errorf("find: %q %v %v, want the replaced data", b, ok, err)
	}
	if err := st.Commit("tok-old", []byte("old"), time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := st.Find("tok-old"); err != nil || ok {
		t.Errorf("an expired session was found (%v)", err)
	}
	if err := st.Delete("tok-1"); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := st.Find("tok-1"); err != nil || ok {
		t.Errorf("a deleted session was found (%v)", err)
	}
	if _, ok, err := st.Find("no-such-token"); err != nil || ok {
		t.Errorf("an unknown token: found %v, %v", ok, err)
	}
	if after := contentVersion(t, db); after != before {
		t.Errorf("session writes moved the content version from %d to %d: every staff login would empty the page cache", before, after)
	}
}

// testStaffAccounts creates accounts, refuses a second with the same email,
// and never disables the last active admin.
func testStaffAccounts(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	actor := directory.Actor{Name: "test"}
	admin, err := db.CreateUser(ctx, actor, directory.User{Email: "ada@example.org", Name: "Ada Admin", Role: directory.RoleAdmin}, "hash-a")
	if err != nil {
		t.Fatal(err)
	}
	editor, err := db.CreateUser(ctx, actor, directory.User{Email: "ed@example.org", Name: "Ed Editor", Role: directory.RoleEditor}, "hash-e")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateUser(ctx, actor, directory.User{Email: "ed@example.org", Name: "Ed Again", Role: directory.RoleEditor}, "hash"); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("a second account with a taken email: %v, want invalid", err)
	}
	u, hash, err := db.UserByEmail(ctx, "ed@example.org")
	if err != nil || u.ID != editor.ID || hash != "hash-e" {
		t.Errorf("by email: %+v %q %v", u, hash, err)
	}
	if _, _, err := db.UserByEmail(ctx, "nobody@example.org"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("an unknown email: %v, want not found", err)
	}
	if _, err := db.DisableUser(ctx, actor, admin.ID); err == nil {
		t.Error("the last active admin was disabled")
	}
	if _, err := db.DisableUser(ctx, actor, editor.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := db.CountActiveUsers(ctx); err != nil || n != 1 {
		t.Errorf("%d active accounts (%v), want 1", n, err)
	}
	if u, err := db.EnableUser(ctx, actor, editor.ID); err != nil || u.Disabled {
		t.Errorf("enable: %+v %v", u, err)
	}
	users, err := db.Users(ctx)
	if err != nil || len(users) != 2 || users[0].Name != "Ada Admin" {
		t.Errorf("users by name: %+v %v", users, err)
	}
}

// testPublicWritesMoveTheContentVersion checks that a staff edit of a
// service moves the content version, which is how every server's page
// cache learns of it.
func testPublicWritesMoveTheContentVersion(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	svc, err := db.Service(ctx, "roberts-centre")
	if err != nil {
		t.Fatal(err)
	}
	before := contentVersion(t, db)
	svc.Contact.Phone = "023 9200 0001"
	if _, err := db.UpdateService(ctx, directory.Actor{Name: "Ed"}, svc, "Checked"); err != nil {
		t.Fatal(err)
	}
	if after := contentVersion(t, db); after == before {
		t.Errorf("a service edit left the content version at %d", before)
	}
}

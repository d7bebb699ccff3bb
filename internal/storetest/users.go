package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

// testAdminsDisablingEachOtherAtOnceLeaveOne has two admins disable each
// other at the same moment, round after round: one of the two is refused
// each time, so the directory always keeps an active admin. On an engine
// with several writers at once (PostgreSQL, and several servers on one
// database) the count of admins must be taken under a lock.
func testAdminsDisablingEachOtherAtOnceLeaveOne(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	actor := directory.Actor{Name: "test"}
	var admins [2]directory.User
	for i := range admins {
		u, err := db.CreateUser(ctx, actor, directory.User{Email: fmt.Sprintf("admin%d@example.org", i),
			Name: fmt.Sprintf("Admin %d", i), Role: directory.RoleAdmin}, "hash")
		if err != nil {
			t.Fatal(err)
		}
		admins[i] = u
	}
	for round := range 20 {
		var wg sync.WaitGroup
		var errs [2]error
		start := make(chan struct{})
		for i := range admins {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = db.DisableUser(ctx, directory.Actor{UserID: admins[i].ID, Name: admins[i].Name}, admins[1-i].ID)
			}()
		}
		close(start)
		wg.Wait()
		refused := 0
		for _, err := range errs {
			if err != nil {
				if directory.ErrorCode(err) != directory.EINVALID {
					t.Fatalf("round %d: disabling an admin failed with %v, want it done or refused as invalid", round, err)
				}
				refused++
			}
		}
		if refused != 1 {
			t.Fatalf("round %d: %d of two admins disabling each other at once were refused, want exactly one", round, refused)
		}
		active := 0
		for _, a := range admins {
			u, err := db.User(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !u.Disabled {
				active++
			} else if _, err := db.EnableUser(ctx, actor, u.ID); err != nil {
				t.Fatal(err)
			}
		}
		if active != 1 {
			t.Fatalf("round %d: %d active admins after both disabled the other, want 1", round, active)
		}
	}
}

// testOneAccountForAnEmailCreatedAtOnce creates the same account from many
// writers at once: one is created, every other is refused as invalid with
// the email field's error, never a raw constraint error.
func testOneAccountForAnEmailCreatedAtOnce(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	const writers = 8
	var wg sync.WaitGroup
	errs := make([]error, writers)
	start := make(chan struct{})
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "same@example.org",
				Name: fmt.Sprintf("Writer %d", i), Role: directory.RoleEditor}, "hash")
		}()
	}
	close(start)
	wg.Wait()
	created := 0
	for _, err := range errs {
		switch {
		case err == nil:
			created++
		case directory.ErrorCode(err) != directory.EINVALID:
			t.Errorf("a second account for a taken email gave %v, want invalid", err)
		}
	}
	if created != 1 {
		t.Errorf("%d accounts created for one email at once, want 1", created)
	}
	if users, err := db.Users(ctx); err != nil || len(users) != 1 {
		t.Errorf("%d accounts stored (%v), want 1", len(users), err)
	}
}

package postgres_test

import (
	"context"
	"sync"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/postgres/pgtest"
)

// TestAdminsOnTwoServersCannotDisableEachOther has two admins, each on a
// server of their own (a pool of its own on the same database), disable each
// other at the same moment, round after round: one is refused every time.
func TestAdminsOnTwoServersCannotDisableEachOther(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	var servers [2]*postgres.DB
	for i := range servers {
		db, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		servers[i] = db
	}
	var admins [2]directory.User
	for i, email := range []string{"ada@example.org", "bea@example.org"} {
		u, err := servers[0].CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: email, Name: email, Role: directory.RoleAdmin}, "hash")
		if err != nil {
			t.Fatal(err)
		}
		admins[i] = u
	}
	for round := range 30 {
		var wg sync.WaitGroup
		var errs [2]error
		start := make(chan struct{})
		for i := range servers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = servers[i].DisableUser(ctx, directory.Actor{UserID: admins[i].ID, Name: admins[i].Name}, admins[1-i].ID)
			}()
		}
		close(start)
		wg.Wait()
		done := 0
		for _, err := range errs {
			if err == nil {
				done++
			} else if directory.ErrorCode(err) != directory.EINVALID {
				t.Fatalf("round %d: %v, want the disabling done or refused as invalid", round, err)
			}
		}
		if done != 1 {
			t.Fatalf("round %d: %d of the two disablings landed, want exactly one", round, done)
		}
		var active int
		if err := servers[1].Pool().QueryRow(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at = ''`).Scan(&active); err != nil {
			t.Fatal(err)
		}
		if active != 1 {
			t.Fatalf("round %d: %d active admins, want 1", round, active)
		}
		if _, err := servers[round%2].Pool().Exec(ctx, `UPDATE users SET disabled_at = '' WHERE role = 'admin'`); err != nil {
			t.Fatal(err)
		}
	}
}

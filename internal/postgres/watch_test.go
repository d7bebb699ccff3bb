package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/postgres/pgtest"
)

// watchLimit is how long the tests of watch.go wait for what should take a
// moment, so that a loaded machine does not fail them.
const watchLimit = 10 * time.Second

// openServer opens another DB, as another server would, on the database at
// url, closed when the test ends.
func openServer(t *testing.T, url string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// waitFor polls cond until it holds, failing the test after watchLimit, and
// returns how long it took.
func waitFor(t *testing.T, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > watchLimit {
			t.Fatalf("%s: not after %v", what, watchLimit)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Since(start)
}

// waitHearing waits until db's listener is listening.
func waitHearing(t *testing.T, db *postgres.DB) {
	t.Helper()
	waitFor(t, "the listener listening", func() bool { return db.WatchStats().Hearing })
}

// writeContent changes a public table through db and returns the content
// version it made, which db itself must report at once.
func writeContent(t *testing.T, db *postgres.DB, term string) uint64 {
	t.Helper()
	before := contentVersion(t, db)
	exec1(t, db, `INSERT INTO glossary_terms (term, meaning) VALUES ($1, 'a test term')`, term)
	after := contentVersion(t, db)
	if after <= before {
		t.Fatalf("a write through this DB left its content version at %d: a server must see its own writes at once", before)
	}
	return after
}

func TestAnotherServersWriteIsHeard(t *testing.T) {
	url := pgtest.URL(t)
	writer, reader := openServer(t, url), openServer(t, url)
	waitHearing(t, reader)
	contentVersion(t, reader)
	before := reader.WatchStats()

	want := writeContent(t, writer, "HV")
	took := waitFor(t, "the other server's write seen", func() bool { return contentVersion(t, reader) >= want })
	if took > time.Second {
		t.Errorf("the other server's write took %v to be seen, want under a second", took)
	}
	waitFor(t, "the write's notification heard", func() bool { return reader.WatchStats().LastHeard >= want })
	after := reader.WatchStats()
	if after.Heard <= before.Heard {
		t.Errorf("the reader heard %d notifications before the write and %d after", before.Heard, after.Heard)
	}
	if after.DirectReads != before.DirectReads {
		t.Errorf("the reader asked the database %d times while it could hear, want it to answer from memory",
			after.DirectReads-before.DirectReads)
	}
}

func TestContentVersionAnswersFromMemory(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	waitHearing(t, db)
	v := contentVersion(t, db)
	reads := db.WatchStats().DirectReads
	for range 100 {
		if got := contentVersion(t, db); got != v {
			t.Fatalf("with nothing written the content version moved from %d to %d", v, got)
		}
	}
	// A read-only transaction, as a public page may run, writes nothing.
	if err := pgx.BeginTxFunc(ctx, db.Pool(), pgx.TxOptions{AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var n int
		return tx.QueryRow(ctx, `SELECT count(*) FROM areas`).Scan(&n)
	}); err != nil {
		t.Fatal(err)
	}
	contentVersion(t, db)
	if got := db.WatchStats().DirectReads; got != reads {
		t.Errorf("100 calls and a read-only transaction asked the database %d times, want none", got-reads)
	}

	// Its own writes, in every shape, it sees at once.
	v = writeContent(t, db, "one statement")
	if err := pgx.BeginFunc(ctx, db.Pool(), func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO glossary_terms (term, meaning) VALUES ('in a transaction', 'x')`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got := contentVersion(t, db); got <= v {
		t.Errorf("a transaction that wrote left the content version at %d", got)
	}
	v = contentVersion(t, db)
	var b pgx.Batch
	b.Queue(`INSERT INTO glossary_terms (term, meaning) VALUES ('in a batch', 'x')`)
	if err := db.Pool().SendBatch(ctx, &b).Close(); err != nil {
		t.Fatal(err)
	}
	if got := contentVersion(t, db); got <= v {
		t.Errorf("a batch that wrote left the content version at %d", got)
	}
	v = contentVersion(t, db)
	if _, err := db.Pool().CopyFrom(ctx, pgx.Identifier{"glossary_terms"}, []string{"term", "meaning"},
		pgx.CopyFromRows([][]any{{"by copy", "x"}})); err != nil {
		t.Fatal(err)
	}
	if got := contentVersion(t, db); got <= v {
		t.Errorf("a COPY left the content version at %d", got)
	}

	// A transaction rolled back is no write.
	v = contentVersion(t, db)
	reads = db.WatchStats().DirectReads
	tx, err := db.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO glossary_terms (term, meaning) VALUES ('rolled back', 'x')`); err != nil {
		t.Fatal(err)
	}
	tx.Rollback(ctx)
	if got := contentVersion(t, db); got != v || db.WatchStats().DirectReads != reads {
		t.Errorf("a rolled-back transaction moved the content version to %d (from %d) or made it ask the database", got, v)
	}
}

func TestAServerThatCannotHearAsksTheDatabase(t *testing.T) {
	url := pgtest.URL(t)
	writer, reader := openServer(t, url), openServer(t, url)
	waitHearing(t, reader)
	reader.StopWatching()
	if reader.WatchStats().Hearing {
		t.Fatal("a stopped listener still says it hears")
	}
	want := writeContent(t, writer, "HV")
	if got := contentVersion(t, reader); got < want {
		t.Errorf("a server that cannot hear answered %d after another's write made %d: it must ask the database", got, want)
	}
}

func TestListenerComesBackAfterItsConnectionIsKilled(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	writer, reader := openServer(t, url), openServer(t, url)
	waitHearing(t, reader)
	first := reader.WatchStats()

	var app string
	if err := writer.Pool().QueryRow(ctx, `SELECT application_name FROM pg_stat_activity WHERE pid = $1`,
		int32(first.ListenerPID)).Scan(&app); err != nil {
		t.Fatalf("find the listener's connection %d: %v", first.ListenerPID, err)
	}
	if want := "directory" + postgres.ListenerAppSuffix; app != want {
		t.Errorf("the listener's connection is named %q, want %q", app, want)
	}
	var killed bool
	if err := writer.Pool().QueryRow(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE pid = $1 AND datname = current_database() AND application_name = $2`,
		int32(first.ListenerPID), app).Scan(&killed); err != nil || !killed {
		t.Fatalf("kill the listener's connection: %v %v", killed, err)
	}
	waitFor(t, "the listener back", func() bool {
		st := reader.WatchStats()
		return st.Hearing && st.Listens > first.Listens
	})
	if pid := reader.WatchStats().ListenerPID; pid == first.ListenerPID {
		t.Errorf("the listener is back on the killed connection %d", pid)
	}

	want := writeContent(t, writer, fmt.Sprintf("after %d", first.ListenerPID))
	waitFor(t, "a write after the kill seen", func() bool { return contentVersion(t, reader) >= want })
	waitFor(t, "a write after the kill heard", func() bool { return reader.WatchStats().LastHeard >= want })
}

func TestCloseStopsTheListener(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	waitHearing(t, db)
	pid := db.WatchStats().ListenerPID
	db.Close()
	select {
	case <-db.WatchDone():
	case <-time.After(watchLimit):
		t.Fatal("the listener and the poll still run after Close")
	}
	if db.WatchStats().Hearing {
		t.Error("a closed DB says it hears")
	}
	other := openServer(t, url)
	waitFor(t, "the listener's connection closed", func() bool {
		var n int
		if err := other.Pool().QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE pid = $1`, int32(pid)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n == 0
	})
}

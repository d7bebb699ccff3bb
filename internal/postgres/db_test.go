package postgres_test

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/postgres/pgtest"
	"github.com/wessex-network/directory/migrations"
)

// latestVersion is the highest version among the PostgreSQL migrations, and
// count how many there are.
func latestVersion(t *testing.T) (latest int64, count int) {
	t.Helper()
	names, err := fs.Glob(migrations.Postgres, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		v, err := strconv.ParseInt(strings.SplitN(name, "_", 2)[0], 10, 64)
		if err != nil {
			t.Fatalf("migration %s has no version: %v", name, err)
		}
		latest = max(latest, v)
	}
	return latest, len(names)
}

func exec1(t *testing.T, db *postgres.DB, sql string, args ...any) {
	t.Helper()
	if _, err := db.Pool().Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func contentVersion(t *testing.T, db *postgres.DB) uint64 {
	t.Helper()
	v, err := db.ContentVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpenMigratesAFreshDatabase(t *testing.T) {
	ctx := context.Background()
	url := pgtest.EmptyURL(t)
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	latest, _ := latestVersion(t)
	var got int64
	if err := db.Pool().QueryRow(ctx, `SELECT max(version_id) FROM goose_db_version WHERE is_applied`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != latest {
		t.Errorf("the database is at version %d, want %d", got, latest)
	}
	for _, table := range []string{"areas", "services", "sessions", "audit_log", "content_version", "gap_actions"} {
		var exists bool
		if err := db.Pool().QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, "public."+table).Scan(&exists); err != nil {
			t.Fatal(err)
		}
		if !exists {
			t.Errorf("no table %s after migrating", table)
		}
	}
	if err := db.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
	empty, err := db.Empty(ctx)
	if err != nil || !empty {
		t.Errorf("Empty() = %v, %v on a new database; want true", empty, err)
	}
	if v := contentVersion(t, db); v != 0 {
		t.Errorf("a new database's content version is %d, want 0", v)
	}
	if _, ok := db.PoolStats()[postgres.PoolName]; !ok {
		t.Errorf("PoolStats() = %v, want an entry %q", db.PoolStats(), postgres.PoolName)
	}
	// Opening again finds nothing to do.
	again, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatalf("open a migrated database: %v", err)
	}
	again.Close()
}

func TestConcurrentOpensMigrateOnce(t *testing.T) {
	ctx := context.Background()
	url := pgtest.EmptyURL(t)
	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		dbs   [2]*postgres.DB
		errs  [2]error
	)
	for i := range dbs {
		wg.Go(func() {
			<-start
			dbs[i], errs[i] = postgres.Open(ctx, url)
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("open %d: %v", i, err)
		} else {
			defer dbs[i].Close()
		}
	}
	if t.Failed() {
		return
	}
	_, count := latestVersion(t)
	var rows, versions int
	if err := dbs[0].Pool().QueryRow(ctx, `SELECT count(*), count(DISTINCT version_id) FROM goose_db_version WHERE version_id > 0`).Scan(&rows, &versions); err != nil {
		t.Fatal(err)
	}
	if rows != count || versions != count {
		t.Errorf("goose_db_version has %d rows for %d versions, want one row for each of the %d migrations", rows, versions, count)
	}
}

func TestContentVersion(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	v0 := contentVersion(t, db)

	exec1(t, db, `INSERT INTO areas (slug, name, kind) VALUES ('dorset', 'Dorset', 'county')`)
	v1 := contentVersion(t, db)
	if v1 <= v0 {
		t.Fatalf("inserting an area left the content version at %d (was %d)", v1, v0)
	}

	if err := db.Sessions().Commit("token", []byte("data"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := db.Sessions().Delete("token"); err != nil {
		t.Fatal(err)
	}
	exec1(t, db, `INSERT INTO demand_daily (day, area, searches, no_results, results) VALUES ('2026-01-01', 'dorset', 1, 0, 1)`)
	exec1(t, db, `UPDATE areas SET name = 'Nowhere' WHERE slug = 'no-such-area'`)
	if got := contentVersion(t, db); got != v1 {
		t.Errorf("a session, a demand tally and an update of no row moved the content version from %d to %d", v1, got)
	}

	exec1(t, db, `UPDATE areas SET note = 'edited' WHERE slug = 'dorset'`)
	v2 := contentVersion(t, db)
	if v2 <= v1 {
		t.Errorf("updating an area left the content version at %d", v2)
	}

	// A transaction moves it on once, however many statements change rows.
	tx, err := db.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, sql := range []string{
		`INSERT INTO service_types (slug, name) VALUES ('t', 'T')`,
		`INSERT INTO meta (key, value) VALUES ('k', 'v')`,
		`DELETE FROM meta WHERE key = 'k'`,
	} {
		if _, err := tx.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	v3 := contentVersion(t, db)
	if v3 != v2+1 {
		t.Errorf("a transaction of three writes moved the content version from %d to %d, want %d", v2, v3, v2+1)
	}

	// A transaction rolled back leaves it where it was.
	tx, err = db.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO baselines (slug, name, as_of) VALUES ('b', 'B', '2026-01-01')`); err != nil {
		t.Fatal(err)
	}
	tx.Rollback(ctx)
	if got := contentVersion(t, db); got != v3 {
		t.Errorf("a transaction rolled back moved the content version from %d to %d", v3, got)
	}

	exec1(t, db, `TRUNCATE glossary_terms`)
	if got := contentVersion(t, db); got <= v3 {
		t.Errorf("TRUNCATE of a public table left the content version at %d", got)
	}
}

func TestContentVersionIsAnnounced(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db := pgtest.New(t)
	conn, err := db.Pool().Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "LISTEN "+postgres.ContentChannel); err != nil {
		t.Fatal(err)
	}
	exec1(t, db, `INSERT INTO glossary_terms (term, meaning) VALUES ('HV', 'Health visitor')`)
	n, err := conn.Conn().WaitForNotification(ctx)
	if err != nil {
		t.Fatalf("no notification on %s after a write: %v", postgres.ContentChannel, err)
	}
	if want := strconv.FormatUint(contentVersion(t, db), 10); n.Payload != want {
		t.Errorf("the notification says %q, want the new content version %s", n.Payload, want)
	}
}

// riverTables begins the name of each of River's tables, the job queue's,
// which are quiet too.
const riverTables = "river_"

// quietTables are the tables no public page reads, so writing them must not
// empty the page cache: the same list as internal/sqlite's. Every other
// table must bump the content counter.
var quietTables = []string{"sessions", "content_version", "goose_db_version", "demand_daily", "suggestions", "held_services", "outbox", "feeds", "feed_runs", "service_notes", "watches", "watch_digests", "proposals", "service_owners", "review_reminders"}

func TestEveryPublicTableBumpsTheContentVersion(t *testing.T) {
	db := pgtest.New(t)
	rows, err := db.Pool().Query(context.Background(), `
		SELECT c.relname,
			coalesce(bool_or(t.tgtype & 4 <> 0), false),
			coalesce(bool_or(t.tgtype & 16 <> 0), false),
			coalesce(bool_or(t.tgtype & 8 <> 0), false),
			coalesce(bool_or(t.tgtype & 32 <> 0), false)
		FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		LEFT JOIN pg_trigger t ON t.tgrelid = c.oid AND t.tgfoid = 'bump_content_version'::regproc
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
		GROUP BY c.relname ORDER BY c.relname`)
	if err != nil {
		t.Fatal(err)
	}
	var (
		name                 string
		ins, upd, del, trunc bool
		seen                 int
	)
	_, err = pgx.ForEachRow(rows, []any{&name, &ins, &upd, &del, &trunc}, func() error {
		seen++
		quiet := slices.Contains(quietTables, name) || strings.HasPrefix(name, riverTables)
		all := ins && upd && del && trunc
		switch {
		case !quiet && !all:
			t.Errorf("table %s lacks a trigger for each of insert (%v), update (%v), delete (%v) and truncate (%v) that bumps content_version: "+
				"call content_version_triggers in a migration, or list it in quietTables if no public page ever reads it", name, ins, upd, del, trunc)
		case quiet && (ins || upd || del || trunc):
			t.Errorf("table %s is listed as quiet but bumps the content version", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 20 {
		t.Errorf("found only %d tables", seen)
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	exec1(t, db, `INSERT INTO audit_log (at, user_name, entity, entity_key, action) VALUES ('2026-01-01T00:00:00Z', 'admin', 'service', 's', 'create')`)
	for _, sql := range []string{
		`UPDATE audit_log SET reason = 'rewritten'`,
		`DELETE FROM audit_log`,
		`TRUNCATE audit_log`,
	} {
		_, err := db.Pool().Exec(ctx, sql)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Message != "the audit log is append-only" {
			t.Errorf("%s: got %v, want the trigger's error \"the audit log is append-only\"", sql, err)
		}
	}
	var n int
	var reason string
	if err := db.Pool().QueryRow(ctx, `SELECT count(*), max(reason) FROM audit_log`).Scan(&n, &reason); err != nil {
		t.Fatal(err)
	}
	if n != 1 || reason != "" {
		t.Errorf("the audit log has %d rows, reason %q; want the one row as written", n, reason)
	}
}

func TestSessions(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	s := db.Sessions()
	if _, ok, err := s.Find("nobody"); ok || err != nil {
		t.Errorf("Find of an unknown token = %v, %v; want false, nil", ok, err)
	}
	if err := s.Commit("a", []byte("first"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if b, ok, err := s.Find("a"); err != nil || !ok || string(b) != "first" {
		t.Errorf("Find after Commit = %q, %v, %v; want first, true", b, ok, err)
	}
	if err := s.Commit("a", []byte("second"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if b, ok, err := s.Find("a"); err != nil || !ok || string(b) != "second" {
		t.Errorf("Find after a second Commit = %q, %v, %v; want second, true", b, ok, err)
	}
	if err := s.Delete("a"); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.Find("a"); ok || err != nil {
		t.Errorf("Find after Delete = %v, %v; want false, nil", ok, err)
	}

	// An expired session is never found, and the next Commit clears it out.
	if err := s.Commit("old", []byte("stale"), time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	exec1(t, db, `INSERT INTO sessions (token, data, expiry) VALUES ('older', '\x00', now() - interval '1 day')`)
	if _, ok, err := s.Find("older"); ok || err != nil {
		t.Errorf("Find of an expired session = %v, %v; want false, nil", ok, err)
	}
	if err := s.Commit("b", []byte("live"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	var tokens []string
	rows, _ := db.Pool().Query(ctx, `SELECT token FROM sessions ORDER BY token`)
	tokens, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tokens, []string{"b"}) {
		t.Errorf("sessions left after a Commit: %v, want only the live one", tokens)
	}
}

func TestBackup(t *testing.T) {
	if _, err := exec.LookPath("pg_restore"); err != nil {
		t.Skip("no pg_restore on PATH to read the backup")
	}
	ctx := context.Background()
	db := pgtest.New(t)
	exec1(t, db, `INSERT INTO areas (slug, name, kind) VALUES ('dorset', 'Dorset', 'county')`)
	path := filepath.Join(t.TempDir(), "backups", "directory.dump")
	if err := db.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pg_restore", "--list", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pg_restore --list %s: %v\n%s", path, err, out)
	}
	for _, want := range []string{"TABLE DATA public areas", "TABLE public audit_log", "TRIGGER public audit_log audit_log_no_update"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the backup's table of contents lacks %q:\n%s", want, out)
		}
	}

	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, path); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a backup over an existing file: %v, want a refusal", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a refused backup changed the existing file")
	}

	// A pg_dump that fails leaves no file behind.
	failing := filepath.Join(t.TempDir(), "failed.dump")
	saved := postgres.PgDump
	postgres.PgDump = "false"
	defer func() { postgres.PgDump = saved }()
	if err := db.Backup(ctx, failing); err == nil {
		t.Error("Backup succeeded with a pg_dump that fails")
	}
	if _, err := os.Stat(failing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed backup left %s behind (%v)", failing, err)
	}
}

func TestSyntheticMarkSurvivesReopening(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Synthetic() {
		t.Fatal("a new database is marked synthetic")
	}
	if err := db.MarkSynthetic(ctx); err != nil {
		t.Fatal(err)
	}
	if !db.Synthetic() {
		t.Error("Synthetic() is false after MarkSynthetic")
	}
	again, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if !again.Synthetic() {
		t.Error("the synthetic mark was lost on reopening")
	}
}

func TestToday(t *testing.T) {
	db := pgtest.New(t)
	got := db.Today()
	if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(got) {
		t.Fatalf("Today() = %q, want YYYY-MM-DD", got)
	}
	now := time.Now().UTC()
	if got != now.Format(time.DateOnly) && got != now.Add(-time.Minute).Format(time.DateOnly) {
		t.Errorf("Today() = %q, want the UTC date %s", got, now.Format(time.DateOnly))
	}
	db.Now = func() time.Time { return time.Date(2030, 1, 2, 23, 30, 0, 0, time.FixedZone("", -3600)) }
	if got := db.Today(); got != "2030-01-03" {
		t.Errorf("Today() with Now set = %q, want the UTC date 2030-01-03", got)
	}
}

// TestServiceSearchDocument checks that the triggers keep services.search in
// step with a service, its interventions and its service type, and that a
// query built as the migration says finds words without their accents and
// by their stems.
func TestServiceSearchDocument(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	exec1(t, db, `INSERT INTO service_types (slug, name) VALUES ('groups', 'Parent groups')`)
	exec1(t, db, `INSERT INTO services (uuid, slug, name, summary, description, service_type_id, created_at, updated_at)
		SELECT 'u1', 'cafe', 'Bump Café', 'Feeding support', 'Tea and talk', id, '', '' FROM service_types`)
	matches := func(words string) bool {
		t.Helper()
		var ok bool
		if err := db.Pool().QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM services
			WHERE search @@ websearch_to_tsquery('english', unaccent($1)))`, words).Scan(&ok); err != nil {
			t.Fatal(err)
		}
		return ok
	}
	for words, want := range map[string]bool{
		"cafe": true, "CAFÉ": true, "feed": true, "talking": true, "parent group": true, "massage": false,
	} {
		if got := matches(words); got != want {
			t.Errorf("a search for %q matches: %v, want %v", words, got, want)
		}
	}
	exec1(t, db, `INSERT INTO service_interventions (service_id, position, name) SELECT id, 1, 'Baby massage' FROM services`)
	if !matches("massage") {
		t.Error("an intervention added is not searchable")
	}
	exec1(t, db, `UPDATE service_types SET name = 'Drop-in sessions'`)
	if matches("parent group") || !matches("drop-in") {
		t.Error("a service type's new name did not replace its old one in search")
	}
	exec1(t, db, `DELETE FROM service_interventions`)
	if matches("massage") {
		t.Error("an intervention removed is still searchable")
	}
	var rank float64
	if err := db.Pool().QueryRow(ctx, `SELECT ts_rank(search, websearch_to_tsquery('english', 'cafe'))
		- ts_rank(search, websearch_to_tsquery('english', 'tea')) FROM services`).Scan(&rank); err != nil {
		t.Fatal(err)
	}
	if rank <= 0 {
		t.Error("a word in the name ranks no higher than one in the description")
	}
}

// TestMigrationsGoDownAndUpAgain runs every migration's Down, newest first,
// to an empty schema, and then every Up again, so that a Down that no
// longer fits its Up fails here rather than on the day it is needed.
func TestMigrationsGoDownAndUpAgain(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	sqlDB := stdlib.OpenDB(*cfg)
	defer sqlDB.Close()
	provider, err := goose.NewProvider(goose.DialectPostgres, sqlDB, migrations.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	// River's tables, which the store's Open adds after the directory's,
	// come down first, by River's own migrator.
	riverPool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	migrator, err := rivermigrate.New(riverpgxv5.New(riverPool), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionDown, &rivermigrate.MigrateOpts{TargetVersion: -1}); err != nil {
		t.Fatalf("migrate River's tables down: %v", err)
	}
	riverPool.Close()
	if _, err := provider.DownTo(ctx, 0); err != nil {
		t.Fatalf("migrate down: %v", err)
	}
	var left []string
	rows, err := sqlDB.QueryContext(ctx, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'p') AND c.relname <> 'goose_db_version' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		left = append(left, name)
	}
	rows.Close()
	var functions int
	if err := sqlDB.QueryRowContext(ctx, `SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		LEFT JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
		WHERE n.nspname = 'public' AND d.objid IS NULL`).Scan(&functions); err != nil {
		t.Fatal(err)
	}
	if len(left) > 0 || functions > 0 {
		t.Errorf("after migrating down, the schema still has tables %v and %d functions of the migrations' own", left, functions)
	}
	if _, err := provider.Up(ctx); err != nil {
		t.Fatalf("migrate up again: %v", err)
	}
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := contentVersion(t, db); v != 0 {
		t.Errorf("content version %d after migrating up again, want 0", v)
	}
}

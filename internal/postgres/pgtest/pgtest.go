// Package pgtest gives tests a PostgreSQL database of their own, created
// for the test and dropped when it ends, on the server that
// TEST_DATABASE_URL names (a postgres:// URL or a key=value connection
// string, to a database the user may create databases from) or, without it,
// the one the standard PG* variables (PGHOST, PGPORT, PGUSER, PGPASSWORD,
// PGDATABASE) describe. scripts/with-postgres starts a throwaway server and
// sets both.
//
// Where no server is given, a test that asks for a database is skipped; on
// CI (CI=true) it fails instead, so that a CI run never passes by skipping.
//
// A migrated database is a copy of a template: the first test of a process
// that asks for one migrates a template database, named after a hash of the
// migrations, unless another process already has, under an advisory lock so
// that test packages running in parallel make it once; every test then gets
// CREATE DATABASE ... TEMPLATE it, which takes a fraction of migrating. A
// change to the migrations makes a new template beside the old, which a
// long-lived server keeps until someone drops it (ALTER DATABASE name
// IS_TEMPLATE false, then DROP DATABASE).
package pgtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/migrations"
)

// URLEnv names the environment variable that points the tests at a
// PostgreSQL server.
const URLEnv = "TEST_DATABASE_URL"

// pgEnv are the standard variables that, without URLEnv, describe a server.
var pgEnv = []string{"PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSERVICE"}

// New opens a new database migrated to the latest schema and empty of data,
// closed and dropped when the test ends.
func New(tb testing.TB) *postgres.DB {
	tb.Helper()
	u := URL(tb)
	db, err := postgres.Open(context.Background(), u)
	if err != nil {
		tb.Fatalf("open the test database: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// URL creates a new database migrated to the latest schema, a copy of the
// process's template, and returns a connection string for it: a URL when
// the server's is one. The database is dropped when the test ends.
func URL(tb testing.TB) string {
	tb.Helper()
	s := server(tb)
	tmpl, err := s.template()
	if err != nil {
		tb.Fatalf("pgtest: make the template database: %v", err)
	}
	return s.create(tb, tmpl)
}

// EmptyURL creates a new database with no schema at all (a copy of
// template1, as a plain CREATE DATABASE makes) and returns a connection
// string for it, for tests of migrating itself. The database is dropped when
// the test ends.
func EmptyURL(tb testing.TB) string {
	tb.Helper()
	return server(tb).create(tb, "")
}

// Server returns the connection string of the server's own database (the
// one TEST_DATABASE_URL or PGDATABASE names), for tests that need to look
// at the server as a whole. It skips or fails the test as New does when no
// server is given.
func Server(tb testing.TB) string {
	tb.Helper()
	return server(tb).base
}

// testServer is the server the tests of this process use, with a small pool
// on its own database for creating and dropping theirs.
type testServer struct {
	base  string // the connection string given
	admin *pgxpool.Pool
	// strategy is how CREATE DATABASE copies a template: FILE_COPY, on
	// servers new enough to be asked (15 on), which copies a small
	// database's files a few times faster than WAL_LOG, their default.
	strategy string

	tmplOnce sync.Once
	tmplName string
	tmplErr  error
}

var (
	serverOnce sync.Once
	theServer  *testServer
	serverErr  error
)

// server returns the process's test server, connecting the first time, or
// skips the test (fails it, on CI) when none is given.
func server(tb testing.TB) *testServer {
	tb.Helper()
	base, given := os.LookupEnv(URLEnv)
	given = given && base != ""
	for _, name := range pgEnv {
		if os.Getenv(name) != "" {
			given = true
		}
	}
	if !given {
		msg := "pgtest: no PostgreSQL server given: set " + URLEnv + " (or PGHOST, PGPORT, PGUSER, PGPASSWORD), " +
			"or run the tests under scripts/with-postgres (make test-postgres)"
		if onCI() {
			tb.Fatal(msg + "; on CI (CI=true) the PostgreSQL tests must run, not skip")
		}
		tb.Skip(msg)
	}
	serverOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		cfg, err := pgxpool.ParseConfig(base)
		if err != nil {
			serverErr = fmt.Errorf("read %s: %w", URLEnv, err)
			return
		}
		cfg.MaxConns = 4
		admin, err := pgxpool.NewWithConfig(ctx, cfg)
		if err == nil {
			err = admin.Ping(ctx)
		}
		if err != nil {
			serverErr = fmt.Errorf("connect to the test server: %w", err)
			return
		}
		theServer = &testServer{base: base, admin: admin}
		var version int
		if err := admin.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&version); err != nil {
			serverErr = fmt.Errorf("ask the test server's version: %w", err)
			return
		}
		if version >= 150000 {
			theServer.strategy = " STRATEGY FILE_COPY"
		}
	})
	if serverErr != nil {
		tb.Fatalf("pgtest: %v", serverErr)
	}
	return theServer
}

// onCI reports whether the tests run on CI, where they must not skip.
func onCI() bool {
	ci, err := strconv.ParseBool(os.Getenv("CI"))
	return err == nil && ci
}

// create makes a database with a random name, copied from template (or
// template1 when it is empty), registers its dropping at cleanup, and
// returns its connection string.
func (s *testServer) create(tb testing.TB, template string) string {
	tb.Helper()
	name := "directory_test_" + randomHex(8)
	sql := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize()
	if template != "" {
		sql += " TEMPLATE " + pgx.Identifier{template}.Sanitize() + s.strategy
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := s.admin.Exec(ctx, sql); err != nil {
		tb.Fatalf("pgtest: create the test database: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		// FORCE ends any connection the test left open.
		if _, err := s.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			tb.Errorf("pgtest: drop the test database %s: %v", name, err)
		}
	})
	u, err := WithDatabase(s.base, name)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	return u
}

// templateLock is the advisory lock, on the server's own database, under
// which one process at a time looks for the template and makes it.
const templateLock = 7_405_713_032_566_114_021

// template returns the name of the migrated template database, making it
// the first time any process asks for it.
func (s *testServer) template() (string, error) {
	s.tmplOnce.Do(func() {
		s.tmplName, s.tmplErr = s.makeTemplate()
	})
	return s.tmplName, s.tmplErr
}

func (s *testServer) makeTemplate() (string, error) {
	sum, err := migrationsHash()
	if err != nil {
		return "", err
	}
	name := "directory_template_" + sum
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	pooled, err := s.admin.Acquire(ctx)
	if err != nil {
		return "", err
	}
	// The lock is the session's: the connection leaves the pool, so that it
	// is never handed on holding it, and closing it lets go of the lock.
	conn := pooled.Hijack()
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", int64(templateLock)); err != nil {
		return "", fmt.Errorf("wait for the template lock: %w", err)
	}
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	// The template is migrated under another name and renamed when done,
	// so that a process that dies half way leaves no half-made template.
	build := name + "_build"
	for _, sql := range []string{
		"DROP DATABASE IF EXISTS " + pgx.Identifier{build}.Sanitize() + " WITH (FORCE)",
		"CREATE DATABASE " + pgx.Identifier{build}.Sanitize(),
	} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			return "", err
		}
	}
	u, err := WithDatabase(s.base, build)
	if err != nil {
		return "", err
	}
	db, err := postgres.Open(ctx, u)
	if err != nil {
		return "", err
	}
	db.Close()
	for _, sql := range []string{
		"ALTER DATABASE " + pgx.Identifier{build}.Sanitize() + " RENAME TO " + pgx.Identifier{name}.Sanitize(),
		"ALTER DATABASE " + pgx.Identifier{name}.Sanitize() + " IS_TEMPLATE true",
	} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			return "", err
		}
	}
	return name, nil
}

// migrationsHash names the schema the migrations make: a hash of their
// names and contents.
func migrationsHash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations.Postgres, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.Postgres, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("read the migrations: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// WithDatabase returns the connection string base with its database
// replaced by name: a URL's path, or a dbname setting appended to a
// key=value string (where the last setting of a key wins).
func WithDatabase(base, name string) (string, error) {
	if strings.HasPrefix(base, "postgres://") || strings.HasPrefix(base, "postgresql://") {
		u, err := url.Parse(base)
		if err != nil {
			return "", fmt.Errorf("read the connection URL: %w", err)
		}
		u.Path = "/" + name
		u.RawPath = ""
		return u.String(), nil
	}
	return strings.TrimSpace(base + " dbname=" + name), nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

package postgres

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// PgDump is the pg_dump program Backup runs: found on PATH unless set to a
// path. It must be no older than the server.
var PgDump = "pg_dump"

// Backup writes a consistent copy of the whole database to path while the
// directory keeps serving, by running pg_dump in its custom format (-Fc):
// pg_dump reads one snapshot, so writes that land meanwhile are either
// wholly in the copy or wholly out of it. pg_dump is the way to back up a
// PostgreSQL directory, and pg_restore the way back; SQLite's file copy has
// no counterpart here. Backup refuses to overwrite an existing file: it
// creates path itself, exclusively, before pg_dump writes to it, and removes
// it again if pg_dump fails.
//
// pg_dump connects with the pool's own settings (host, port, user, password,
// database and TLS mode), passed in its environment rather than on its
// command line, so the password never shows in a process list.
func (db *DB) Backup(ctx context.Context, path string) (err error) {
	if path == "" {
		return errors.New("backup: no path given")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists; choose a new file", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("backup: create folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("backup: %s already exists; choose a new file", path)
		}
		return fmt.Errorf("backup: %w", err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("backup: %w", cerr)
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, PgDump, "--format=custom", "--no-password")
	cmd.Env = append(os.Environ(), db.libpqEnv()...)
	cmd.Stdout = f
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("backup to %s: %s: %w: %s", path, PgDump, err, strings.TrimSpace(stderr.String()))
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// libpqEnv gives libpq's programs (pg_dump) the pool's connection settings
// as PG* environment variables, which come after, and so override, any the
// process has.
func (db *DB) libpqEnv() []string {
	cc := db.pool.Config().ConnConfig
	env := []string{
		"PGHOST=" + cc.Host,
		"PGPORT=" + strconv.Itoa(int(cc.Port)),
		"PGUSER=" + cc.User,
		"PGDATABASE=" + cc.Database,
	}
	if cc.Password != "" {
		env = append(env, "PGPASSWORD="+cc.Password)
	}
	for key, name := range map[string]string{
		"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
	} {
		if v, ok := connSetting(cc.ConnString(), key); ok {
			env = append(env, name+"="+v)
		}
	}
	return env
}

// connSetting returns one setting of a connection string, a URL's query
// parameter or a key=value pair, as given; pgx keeps no TLS mode of its own
// to read back.
func connSetting(conn, key string) (string, bool) {
	if strings.HasPrefix(conn, "postgres://") || strings.HasPrefix(conn, "postgresql://") {
		u, err := url.Parse(conn)
		if err != nil {
			return "", false
		}
		if v := u.Query().Get(key); v != "" {
			return v, true
		}
		return "", false
	}
	for _, field := range strings.Fields(conn) {
		if k, v, ok := strings.Cut(field, "="); ok && strings.TrimSpace(k) == key {
			return strings.Trim(v, "'"), true
		}
	}
	return "", false
}

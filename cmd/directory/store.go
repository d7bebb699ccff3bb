package main

import (
	"context"
	"flag"
	"net/url"
	"regexp"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/sqlite"
)

// storeFlags are the flags every command that opens the store takes: the
// SQLite file, or a PostgreSQL database, which wins when it is given.
type storeFlags struct {
	path *string // the SQLite file
	url  *string // the PostgreSQL connection string; empty for SQLite
}

// addStoreFlags adds the store's flags to a command's flag set.
func addStoreFlags(fl *flag.FlagSet) storeFlags {
	return storeFlags{
		path: fl.String("db", env("DB", "data/directory.db"), "SQLite database file (not used when -database-url is set)"),
		url: fl.String("database-url", env("DATABASE_URL", ""),
			"PostgreSQL database, as postgres://user:password@host:port/name or key=value pairs; when set, the store is PostgreSQL and no SQLite file is touched"),
	}
}

// postgres reports whether the flags choose PostgreSQL.
func (f storeFlags) postgres() bool { return *f.url != "" }

// String names the store the flags choose, for messages and logs: the
// SQLite file, or the PostgreSQL database with any password masked.
func (f storeFlags) String() string {
	if f.postgres() {
		return "PostgreSQL " + redactConnString(*f.url)
	}
	return *f.path
}

// flag is the command-line flag that names the store, for a command a
// message suggests. A PostgreSQL password is masked, to be filled in again.
func (f storeFlags) flag() string {
	if f.postgres() {
		return "-database-url '" + strings.ReplaceAll(redactConnString(*f.url), "'", `'\''`) + "'"
	}
	return "-db " + *f.path
}

// open opens, and migrates, the store the flags choose.
func (f storeFlags) open(ctx context.Context) (directory.Store, error) {
	if f.postgres() {
		return postgres.Open(ctx, *f.url)
	}
	return sqlite.Open(ctx, *f.path)
}

// redactedPassword stands for a password in a connection string shown.
const redactedPassword = "xxxxx"

// keywordPassword finds the password of a key=value connection string,
// quoted or not.
var keywordPassword = regexp.MustCompile(`(?i)(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)`)

// redactConnString returns a PostgreSQL connection string with its password
// masked: the one in a URL's user information or its password parameter, or
// a key=value string's password.
func redactConnString(conn string) string {
	if strings.HasPrefix(conn, "postgres://") || strings.HasPrefix(conn, "postgresql://") {
		u, err := url.Parse(conn)
		if err != nil {
			// A URL that does not parse may still hold a password; show
			// only its scheme.
			return conn[:strings.Index(conn, "://")+3] + "…"
		}
		if q := u.Query(); q.Has("password") {
			q.Set("password", redactedPassword)
			u.RawQuery = q.Encode()
		}
		return u.Redacted()
	}
	return keywordPassword.ReplaceAllString(conn, "${1}"+redactedPassword)
}

package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/pressly/goose/v3"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/migrations"
)

// Migration 00160 rebuilds the users table, which the audit log refers to,
// with foreign keys on: down and up again, every account and every audit
// record that names one survives, and no foreign key is left broken.
func TestProvidersMigrationKeepsAccountsAndTheirAuditRecords(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "accounts.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := db.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "ada@example.org", Name: "Ada", Role: directory.RoleAdmin}, "hash")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateUser(ctx, directory.Actor{UserID: admin.ID, Name: admin.Name},
		directory.User{Email: "ed@example.org", Name: "Ed", Role: directory.RoleEditor}, "hash"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	raw, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	provider, err := goose.NewProvider(goose.DialectSQLite3, raw, migrations.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := provider.DownTo(ctx, 140); err != nil {
		t.Fatalf("migrate down past 00160: %v", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		t.Fatalf("migrate up again: %v", err)
	}
	var on int
	if err := raw.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&on); err != nil || on != 1 {
		t.Fatalf("foreign keys were off (%d, %v): the test proves nothing", on, err)
	}
	rows, err := raw.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("a foreign key is broken after the migration")
	}
	rows.Close()
	var by int64
	if err := raw.QueryRowContext(ctx, `SELECT user_id FROM audit_log WHERE entity_key = 'ed@example.org'`).Scan(&by); err != nil || by != admin.ID {
		t.Errorf("the audit record of creating Ed names user %d (%v), want %d", by, err, admin.ID)
	}
	raw.Close()

	again, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	users, err := again.Users(ctx)
	if err != nil || len(users) != 2 {
		t.Fatalf("accounts after the migration: %+v, %v", users, err)
	}
	if _, err := again.CreateUser(ctx, directory.Actor{Name: "test"}, directory.User{Email: "pat@example.org", Name: "Pat",
		Role: directory.RoleProvider, Organisations: nil}, "hash"); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("a provider with no organisation: %v, want invalid", err)
	}
}

package sqlite_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite"
)

var admin = directory.Actor{Name: "Ada Admin"}

func TestAuditLogIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	db := MustSeededDB(t)
	if _, err := db.CreateServiceType(ctx, admin, directory.ServiceType{Slug: "doula-support", Name: "Doula support"}); err != nil {
		t.Fatal(err)
	}
	raw := openRaw(t, db)
	for _, stmt := range []string{
		`UPDATE audit_log SET user_name = 'someone else'`,
		`DELETE FROM audit_log`,
	} {
		if _, err := raw.ExecContext(ctx, stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v, want it refused as append-only", stmt, err)
		}
	}
	if h, _ := db.History(ctx, directory.EntityServiceType, "doula-support"); len(h) != 1 || h[0].UserName != admin.Name {
		t.Errorf("the audit record changed: %+v", h)
	}
}

// openRaw opens the database file directly, as a person with the file could.
func openRaw(t *testing.T, db *sqlite.DB) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+db.Path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

package postgres_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/postgres"
	"github.com/wessex-network/directory/internal/postgres/pgtest"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
)

// transfer copies src into dst as `directory transfer` does.
func transfer(ctx context.Context, src *sqlite.DB, dst *postgres.DB) ([]postgres.Copied, error) {
	return dst.WriteTables(ctx, func(put func(postgres.Table) error) error {
		return src.ReadTables(ctx, func(t sqlite.Table) error {
			return put(postgres.Table{Name: t.Name, Columns: t.Columns, Count: t.Count, Rows: t.Rows})
		})
	}, nil)
}

// staffChanges makes, on a seeded SQLite store, the kinds of change that
// leave history: a user, two ratings of one cell, an edited service, a gap
// action, the demand tally, a synthetic mark and a session (which stays
// behind). It returns the new user, the edited service's slug and the word
// put in its summary.
func staffChanges(t *testing.T, src *sqlite.DB) (directory.User, string, string) {
	t.Helper()
	ctx := context.Background()
	clock := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	src.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	user, err := src.CreateUser(ctx, directory.Actor{Name: "System"}, directory.User{
		Email: "Ada@Example.org", Name: "Ada Admin", Role: directory.RoleAdmin}, "$argon2id$v=19$m=65536,t=3,p=2$c2FsdA$aGFzaA")
	if err != nil {
		t.Fatal(err)
	}
	ada := directory.Actor{UserID: user.ID, Name: user.Name}
	var basedOn int64
	if h, err := src.CellHistory(ctx, "home-start", "poole"); err != nil {
		t.Fatal(err)
	} else if len(h) > 0 {
		basedOn = h[0].ID
	}
	for _, r := range []directory.Rating{directory.Amber, directory.Green} {
		c, err := src.RateCell(ctx, ada, directory.CellChange{ServiceType: "home-start", Area: "poole", Rating: r,
			Note: "checked " + string(r), Reason: "phoned the team", EffectiveFrom: "2025-06-01", BasedOn: basedOn})
		if err != nil {
			t.Fatal(err)
		}
		basedOn = c.ID
	}
	services, err := src.Services(ctx, directory.ServiceFilter{})
	if err != nil || len(services) == 0 {
		t.Fatalf("%d services (%v)", len(services), err)
	}
	svc := services[0]
	svc.Summary = "Now offering zebrafinch groups. " + svc.Summary
	if _, err := src.UpdateService(ctx, ada, svc, "new groups"); err != nil {
		t.Fatal(err)
	}
	if _, err := src.CreateAction(ctx, ada, directory.GapAction{ServiceType: "parent-infant-partnership", Area: "southampton",
		What: "Scope a parent-infant team", Status: directory.ActionProposed, Recommendation: "infant-mental-health-pathway"}); err != nil {
		t.Fatal(err)
	}
	if err := src.RecordDemand(ctx, map[directory.DemandKey]directory.DemandCount{
		{Day: "2026-03-04", Area: "hampshire", PostcodeDistrict: "PO12", SelfReferral: true}: {Searches: 3, NoResults: 1, Results: 9},
		{Day: "2026-03-04", Area: directory.DemandUnknownPlace}:                              {Searches: 1, NoResults: 1},
	}); err != nil {
		t.Fatal(err)
	}
	if err := src.MarkSynthetic(ctx); err != nil {
		t.Fatal(err)
	}
	raw := openRaw(t, src)
	if _, err := raw.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ('tok', x'0102', 4102444800)`); err != nil {
		t.Fatal(err)
	}
	return user, svc.Slug, "zebrafinch"
}

func openRaw(t *testing.T, src *sqlite.DB) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+src.Path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// sourceRows reads every table of src, each row written out as text with
// its values' Go types, sorted.
func sourceRows(t *testing.T, src *sqlite.DB) (map[string][]string, map[string][]string) {
	t.Helper()
	rows, columns := map[string][]string{}, map[string][]string{}
	err := src.ReadTables(context.Background(), func(tb sqlite.Table) error {
		columns[tb.Name] = tb.Columns
		rows[tb.Name] = []string{}
		for row, err := range tb.Rows {
			if err != nil {
				return err
			}
			rows[tb.Name] = append(rows[tb.Name], rowText(row))
		}
		slices.Sort(rows[tb.Name])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows, columns
}

// targetRows reads the same columns of a table of dst, likewise.
func targetRows(t *testing.T, dst *postgres.DB, table string, columns []string) []string {
	t.Helper()
	quoted := make([]string, len(columns))
	for i, c := range columns {
		quoted[i] = pgx.Identifier{c}.Sanitize()
		if c == "email" {
			quoted[i] += "::text" // citext
		}
	}
	rows, err := dst.Pool().Query(context.Background(), `SELECT `+strings.Join(quoted, ", ")+` FROM `+pgx.Identifier{table}.Sanitize())
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (string, error) {
		v, err := row.Values()
		return rowText(v), err
	})
	if err != nil {
		t.Fatalf("read %s: %v", table, err)
	}
	slices.Sort(out)
	return out
}

func rowText(row []any) string {
	var b strings.Builder
	for _, v := range row {
		fmt.Fprintf(&b, "%T:%v|", v, v)
	}
	return b.String()
}

func TestTransferCopiesEverythingExactly(t *testing.T) {
	ctx := context.Background()
	src := sqlitetest.Seeded(t)
	user, slug, word := staffChanges(t, src)
	dst := pgtest.New(t)

	var progress []string
	copied, err := dst.WriteTables(ctx, func(put func(postgres.Table) error) error {
		return src.ReadTables(ctx, func(t sqlite.Table) error {
			return put(postgres.Table{Name: t.Name, Columns: t.Columns, Count: t.Count, Rows: t.Rows})
		})
	}, func(c postgres.Copied) { progress = append(progress, c.Table) })
	if err != nil {
		t.Fatal(err)
	}
	if len(progress) != len(copied) || len(copied) == 0 || copied[0].Table != "areas" {
		t.Errorf("progress %v for copied %v", progress, copied)
	}

	// Every row of every table, every column as it was.
	want, columns := sourceRows(t, src)
	for _, c := range copied {
		if int64(len(want[c.Table])) != c.Rows {
			t.Errorf("%s: %d rows copied, the source has %d", c.Table, c.Rows, len(want[c.Table]))
		}
	}
	for table, rows := range want {
		got := targetRows(t, dst, table, columns[table])
		if len(got) != len(rows) {
			t.Errorf("%s: %d rows in PostgreSQL, %d in SQLite", table, len(got), len(rows))
			continue
		}
		for i := range rows {
			if got[i] != rows[i] {
				t.Errorf("%s: a row differs:\nSQLite     %s\nPostgreSQL %s", table, rows[i], got[i])
				break
			}
		}
	}
	for _, table := range []string{"audit_log", "coverage_cells", "users", "demand_daily", "gap_actions", "meta"} {
		if len(want[table]) == 0 {
			t.Errorf("the source has no %s to compare", table)
		}
	}
	var sessions int
	if err := dst.Pool().QueryRow(ctx, `SELECT count(*) FROM sessions`).Scan(&sessions); err != nil || sessions != 0 {
		t.Errorf("%d sessions copied (%v), want none", sessions, err)
	}

	// The audit log, through the store's own reads.
	recent, err := src.RecentChanges(ctx, 1)
	if err != nil || len(recent) != 1 {
		t.Fatalf("recent changes: %v, %v", recent, err)
	}
	entry, err := dst.AuditEntry(ctx, recent[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if entry != recent[0] {
		t.Errorf("audit entry %d:\nPostgreSQL %+v\nSQLite     %+v", recent[0].ID, entry, recent[0])
	}
	if !strings.HasPrefix(entry.At, "2026-03-04T05:") || entry.UserName != "Ada Admin" || entry.UserID != user.ID {
		t.Errorf("the last audit entry is at %s by %s (%d)", entry.At, entry.UserName, entry.UserID)
	}
	srcHistory, err := src.History(ctx, directory.EntityCoverageCell, "home-start/poole")
	if err != nil {
		t.Fatal(err)
	}
	dstHistory, err := dst.History(ctx, directory.EntityCoverageCell, "home-start/poole")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(srcHistory, dstHistory) {
		t.Errorf("the cell's audit history differs:\nSQLite     %+v\nPostgreSQL %+v", srcHistory, dstHistory)
	}

	// The cell's ratings in their order.
	cells, err := src.CellHistory(ctx, "home-start", "poole")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := dst.Pool().Query(ctx, `SELECT c.id, c.rating, c.recorded_by FROM coverage_cells c
		JOIN service_types t ON t.id = c.service_type_id JOIN areas a ON a.id = c.area_id
		WHERE t.slug = 'home-start' AND a.slug = 'poole' ORDER BY c.effective_from DESC, c.id DESC`)
	if err != nil {
		t.Fatal(err)
	}
	type cell struct {
		ID               int64
		Rating, Recorder string
	}
	got, err := pgx.CollectRows(rows, pgx.RowToStructByPos[cell])
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(cells) || len(got) < 2 || got[0].Rating != "green" || got[1].Rating != "amber" || got[0].Recorder != "Ada Admin" {
		t.Errorf("the cell's history in PostgreSQL is %+v", got)
	}
	for i := range min(len(got), len(cells)) {
		if got[i].ID != cells[i].ID || got[i].Rating != string(cells[i].Rating) {
			t.Errorf("cell history %d: PostgreSQL %+v, SQLite %+v", i, got[i], cells[i])
		}
	}

	// The user's password hash, role and email (still matched in any case).
	var hash, role string
	if err := dst.Pool().QueryRow(ctx, `SELECT password_hash, role FROM users WHERE email = 'ada@example.org'`).Scan(&hash, &role); err != nil {
		t.Fatal(err)
	}
	if hash != "$argon2id$v=19$m=65536,t=3,p=2$c2FsdA$aGFzaA" || role != "admin" {
		t.Errorf("the user's hash is %q and role %q", hash, role)
	}

	// Every service's search document is written, as its triggers write it.
	var services, stale int
	if err := dst.Pool().QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE search = ''::tsvector OR search <> service_search_document(s))
		FROM services s`).Scan(&services, &stale); err != nil {
		t.Fatal(err)
	}
	if services == 0 || stale != 0 {
		t.Errorf("%d of %d services have no search document or a stale one", stale, services)
	}
	var found string
	if err := dst.Pool().QueryRow(ctx, `SELECT slug FROM services WHERE search @@ to_tsquery('english', $1)`, word).Scan(&found); err != nil || found != slug {
		t.Errorf("searching for %q found %q (%v), want %s", word, found, err, slug)
	}

	// The next record gets a new id, and caches see a new version.
	for _, table := range []string{"areas", "places", "audit_log", "coverage_cells", "users"} {
		var next, top int64
		if err := dst.Pool().QueryRow(ctx, `SELECT nextval(pg_get_serial_sequence($1, 'id')), (SELECT max(id) FROM `+pgx.Identifier{table}.Sanitize()+`)`,
			table).Scan(&next, &top); err != nil {
			t.Fatal(err)
		}
		if next != top+1 {
			t.Errorf("%s: the next id is %d, the highest copied %d", table, next, top)
		}
	}
	if v := contentVersion(t, dst); v == 0 {
		t.Error("the content version is still 0 after the copy")
	}
	if !dst.Synthetic() {
		t.Error("the copy of a synthetic dataset does not say it is synthetic")
	}
	if empty, err := dst.Empty(ctx); err != nil || empty {
		t.Errorf("Empty after the copy: %v, %v", empty, err)
	}
}

func TestTransferRefusesADatabaseWithData(t *testing.T) {
	ctx := context.Background()
	src := sqlitetest.Seeded(t)
	dst := pgtest.New(t)
	if _, err := transfer(ctx, src, dst); err != nil {
		t.Fatal(err)
	}
	version := contentVersion(t, dst)
	count := func() (int, int) {
		var a, l int
		if err := dst.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM areas), (SELECT count(*) FROM audit_log)`).Scan(&a, &l); err != nil {
			t.Fatal(err)
		}
		return a, l
	}
	areas, audit := count()

	// A second copy into the same database.
	_, err := transfer(ctx, src, dst)
	if !errors.Is(err, postgres.ErrNotEmpty) || !strings.Contains(err.Error(), "areas: ") {
		t.Fatalf("a second transfer gave %v, want ErrNotEmpty naming areas", err)
	}
	if a, l := count(); a != areas || l != audit {
		t.Errorf("the refused transfer left %d areas and %d audit entries, was %d and %d", a, l, areas, audit)
	}
	if v := contentVersion(t, dst); v != version {
		t.Errorf("the refused transfer moved the content version from %d to %d", version, v)
	}

	// A database with a single row, in a table nobody reads first.
	one := pgtest.New(t)
	exec1(t, one, `INSERT INTO glossary_terms (term, meaning) VALUES ('PIP', 'parent-infant partnership')`)
	_, err = transfer(ctx, src, one)
	if !errors.Is(err, postgres.ErrNotEmpty) || !strings.Contains(err.Error(), "glossary_terms: 1 row") {
		t.Fatalf("a database with one glossary term gave %v", err)
	}
	var terms, oneAreas int
	if err := one.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM glossary_terms), (SELECT count(*) FROM areas)`).Scan(&terms, &oneAreas); err != nil {
		t.Fatal(err)
	}
	if terms != 1 || oneAreas != 0 {
		t.Errorf("the refused transfer left %d terms and %d areas", terms, oneAreas)
	}
}

func TestTransferWritesNothingWhenTheSourceFails(t *testing.T) {
	ctx := context.Background()
	src := sqlitetest.Seeded(t)
	dst := pgtest.New(t)
	failure := errors.New("the disk is on fire")
	n := 0
	_, err := dst.WriteTables(ctx, func(put func(postgres.Table) error) error {
		return src.ReadTables(ctx, func(t sqlite.Table) error {
			if n++; n == 6 {
				return failure
			}
			return put(postgres.Table{Name: t.Name, Columns: t.Columns, Count: t.Count, Rows: t.Rows})
		})
	}, nil)
	if !errors.Is(err, failure) {
		t.Fatalf("got %v, want the source's error", err)
	}
	if empty, err := dst.Empty(ctx); err != nil || !empty {
		t.Errorf("after a failed copy the database is empty: %v (%v)", empty, err)
	}
	if v := contentVersion(t, dst); v != 0 {
		t.Errorf("a failed copy moved the content version to %d", v)
	}
	// And it can be done again, whole.
	if _, err := transfer(ctx, src, dst); err != nil {
		t.Fatal(err)
	}
}

func TestTransferRefusesASourceMissingATable(t *testing.T) {
	ctx := context.Background()
	src := sqlitetest.Seeded(t)
	dst := pgtest.New(t)
	_, err := dst.WriteTables(ctx, func(put func(postgres.Table) error) error {
		return src.ReadTables(ctx, func(t sqlite.Table) error {
			if t.Name == "glossary_terms" {
				return nil
			}
			return put(postgres.Table{Name: t.Name, Columns: t.Columns, Count: t.Count, Rows: t.Rows})
		})
	}, nil)
	if err == nil || !strings.Contains(err.Error(), "no table glossary_terms") {
		t.Fatalf("a source without glossary_terms gave %v", err)
	}
	if empty, _ := dst.Empty(ctx); !empty {
		t.Error("the refused copy wrote areas")
	}
}

package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/demo"
	"github.com/wessex-network/directory/internal/directory"
)

// TestServicesPageMatchesTheOffsetQuery checks every page that ServicesPage
// cuts, deep ones included, against the query it replaced (the whole
// filtered list sorted by serviceOrder, then LIMIT and OFFSET), for several
// filters and page sizes. The data are made awkward for a seek by service
// type: two service types share a position, one sits at the position given
// to services without a type, some services have no type, many share a
// name, and some are archived.
func TestServicesPageMatchesTheOffsetQuery(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "pages.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Load(ctx, demo.England(demo.Size{UpperTier: 12, Counties: 2, Districts: 2, Boards: 3, Types: 6, Services: 300, Orgs: 9})); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE service_types SET position = (SELECT position FROM service_types WHERE slug = 'synthetic-type-02') WHERE slug = 'synthetic-type-05'`,
		`UPDATE service_types SET position = 1000000 WHERE slug = 'synthetic-type-03'`,
		`UPDATE services SET service_type_id = NULL WHERE id % 17 = 0`,
		`UPDATE services SET name = 'Synthetic service with a shared name' WHERE id % 5 = 0`,
		`UPDATE services SET status = 'archived' WHERE id % 11 = 0`,
		`UPDATE services SET updated_at = '2026-12-01T10:00:00Z' WHERE id % 3 = 0`,
	} {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var orgUUID string
	if err := db.read.QueryRowContext(ctx, `SELECT uuid FROM organisations ORDER BY id LIMIT 1`).Scan(&orgUUID); err != nil {
		t.Fatal(err)
	}

	filters := []directory.ServicePageFilter{
		{},
		{Search: "SHARED"},
		{OrganisationUUID: strings.ToUpper(orgUUID)},
		{ModifiedAfter: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)},
		{ServiceType: "synthetic-type-05"},
		{Stage: directory.StageUnderOne},
		{Intervention: "Synthetic intervention 3"},
		{Search: "nothing is called this"},
	}
	for _, f := range filters {
		want, err := offsetServicesPage(ctx, db, f, -1, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, perPage := range []int{3, 50, 200} {
			for offset := 0; offset <= len(want); offset += perPage {
				got, total, err := db.ServicesPage(ctx, f, perPage, offset)
				if err != nil {
					t.Fatal(err)
				}
				old, err := offsetServicesPage(ctx, db, f, perPage, offset)
				if err != nil {
					t.Fatal(err)
				}
				if total != len(want) {
					t.Fatalf("%+v: total %d, want %d", f, total, len(want))
				}
				if !reflect.DeepEqual(got, old) {
					t.Fatalf("%+v, %d a page, from %d: got %s, the offset query gave %s", f, perPage, offset, slugs(got), slugs(old))
				}
			}
		}
	}
	// A page wholly past the end is empty, as OFFSET made it.
	if got, total, err := db.ServicesPage(ctx, directory.ServicePageFilter{}, 50, 100000); err != nil || len(got) != 0 || total == 0 {
		t.Fatalf("past the end: %d services of %d, %v", len(got), total, err)
	}
}

// offsetServicesPage is ServicesPage as it was before it sought each page by
// service type: the filter joined, the whole list sorted, and the page cut
// with LIMIT and OFFSET (a limit of -1 keeps every service).
func offsetServicesPage(ctx context.Context, db *DB, f directory.ServicePageFilter, limit, offset int) ([]directory.Service, error) {
	where := []string{"s.status = ?"}
	args := []any{directory.StatusActive}
	if f.Search != "" {
		where = append(where, "(instr(lower(s.name), ?) > 0 OR instr(lower(s.summary), ?) > 0 OR instr(lower(s.description), ?) > 0)")
		needle := strings.ToLower(f.Search)
		args = append(args, needle, needle, needle)
	}
	if f.OrganisationUUID != "" {
		where = append(where, "lower(o.uuid) = ?")
		args = append(args, strings.ToLower(f.OrganisationUUID))
	}
	if !f.ModifiedAfter.IsZero() {
		where = append(where, "s.updated_at >= ?")
		args = append(args, f.ModifiedAfter.UTC().Format(time.RFC3339))
	}
	if f.ServiceType != "" {
		where = append(where, "t.slug = ?")
		args = append(args, f.ServiceType)
	}
	for _, l := range []struct{ table, column, value string }{
		{"service_stages", "stage", string(f.Stage)},
		{"service_audiences", "audience", string(f.Audience)},
		{"service_access", "route", string(f.Access)},
		{"service_interventions", "name", f.Intervention},
	} {
		if l.value != "" {
			where = append(where, "s.id IN (SELECT service_id FROM "+l.table+" WHERE "+l.column+" = ?)")
			args = append(args, l.value)
		}
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+serviceColumns+serviceFrom+" WHERE "+strings.Join(where, " AND ")+
		serviceOrder+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("offset page: %w", err)
	}
	defer rows.Close()
	var services []directory.Service
	for rows.Next() {
		s, err := scanService(rows)
		if err != nil {
			return nil, err
		}
		services = append(services, s)
	}
	return services, rows.Err()
}

func slugs(services []directory.Service) string {
	out := make([]string, len(services))
	for i, s := range services {
		out[i] = s.Slug
	}
	return strings.Join(out, " ")
}

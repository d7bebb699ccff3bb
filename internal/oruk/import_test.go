package oruk_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/oruk/orukspec"
	"github.com/wessex-network/directory/internal/server"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
)

const feedService = "ac148810-d857-441c-9679-408f346de14b"

func seededDB(t *testing.T) *sqlite.DB {
	t.Helper()
	return sqlitetest.Seeded(t)
}

// fingerprint captures everything an import could write.
func fingerprint(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	ctx := context.Background()
	services, err := db.Services(ctx, sqlite.ServiceFilter{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := db.Organisations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	audit, err := db.RecentChanges(ctx, 100000)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal([]any{services, orgs, audit})
	return string(b)
}

var importer = directory.Actor{Name: "import"}

func runImport(t *testing.T, db *sqlite.DB, dir string, dryRun bool) *directory.ImportReport {
	t.Helper()
	res, err := oruk.Import(context.Background(), db, oruk.OpenSource(dir), orukspec.Schemas(t), importer, dryRun, sqlite.StableUUID)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func count(outcomes []directory.ImportOutcome, entity, action string) int {
	n := 0
	for _, o := range outcomes {
		if o.Entity == entity && o.Action == action {
			n++
		}
	}
	return n
}

func TestImportTheValidFeed(t *testing.T) {
	db := seededDB(t)
	ctx := context.Background()
	valid := orukspec.Feed(t, "valid")
	before := fingerprint(t, db)

	dry := runImport(t, db, valid, true)
	if !dry.OK() {
		t.Fatalf("valid feed refused: %v", dry.Problems)
	}
	if dry.Applied || count(dry.Outcomes, directory.EntityService, directory.ImportAdd) != 1 ||
		count(dry.Outcomes, directory.EntityOrganisation, directory.ImportAdd) != 10 {
		t.Fatalf("dry run outcomes: %+v", dry.Outcomes)
	}
	if fingerprint(t, db) != before {
		t.Fatal("the dry run wrote to the database")
	}

	real := runImport(t, db, valid, false)
	if !real.Applied || len(real.Outcomes) != len(dry.Outcomes) {
		t.Fatalf("import: applied %v, %d outcomes, dry run had %d", real.Applied, len(real.Outcomes), len(dry.Outcomes))
	}
	svc, err := db.ServiceByUUID(ctx, feedService)
	if err != nil {
		t.Fatal(err)
	}
	if svc.Name != "Community Counselling" || svc.Contact.Email != "email@example.com" || svc.Contact.Website != "http://example.com/counselling" {
		t.Errorf("imported service: %+v", svc)
	}
	if svc.Organisation == nil || svc.Organisation.UUID != "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610" || svc.Organisation.Name != "Example Organization Inc." {
		t.Errorf("organisation: %+v", svc.Organisation)
	}
	if len(svc.Areas) != 1 || svc.Areas[0].Area != "wessex" || !strings.Contains(svc.Areas[0].Note, "MyCity") {
		t.Errorf("areas: %+v", svc.Areas)
	}
	if svc.Contact.Address != "1-30 Main Street, MyCity, ABC 1234" || svc.LastReviewed != "2005-01-01" {
		t.Errorf("address %q, last reviewed %q", svc.Contact.Address, svc.LastReviewed)
	}
	history, err := db.History(ctx, directory.EntityService, svc.Slug)
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 1 || history[0].Action != "import" || history[0].UserName != importer.Name {
		t.Errorf("audit: %+v", history)
	}

	// The same feed again updates nothing and adds nothing.
	after := fingerprint(t, db)
	again := runImport(t, db, valid, false)
	if n := count(again.Outcomes, directory.EntityService, directory.ImportUnchanged) + count(again.Outcomes, directory.EntityOrganisation, directory.ImportUnchanged); n != len(again.Outcomes) {
		t.Errorf("second import: %+v", again.Outcomes)
	}
	if fingerprint(t, db) != after {
		t.Error("a second import of the same feed changed the database")
	}
}

// A changed record in the feed updates the same service, matched by its id.
func TestReimportUpdatesByFeedID(t *testing.T) {
	db := seededDB(t)
	ctx := context.Background()
	dir := t.TempDir()
	valid := orukspec.Feed(t, "valid")
	entries, err := os.ReadDir(valid)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(valid, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	runImport(t, db, dir, false)
	services, _ := db.Services(ctx, sqlite.ServiceFilter{IncludeArchived: true})

	for _, name := range []string{"service_full.json", "service_list.json"} {
		p := filepath.Join(dir, name)
		b, _ := os.ReadFile(p)
		b = []byte(strings.ReplaceAll(string(b), `"Community Counselling"`, `"Community Counselling for Parents"`))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := runImport(t, db, dir, false)
	if count(res.Outcomes, directory.EntityService, directory.ImportChange) != 1 {
		t.Fatalf("outcomes: %+v", res.Outcomes)
	}
	for _, o := range res.Outcomes {
		if o.Action == directory.ImportChange && (len(o.Changes) != 1 || o.Changes[0].Label != "Name") {
			t.Errorf("changes: %+v", o.Changes)
		}
	}
	svc, err := db.ServiceByUUID(ctx, feedService)
	if err != nil {
		t.Fatal(err)
	}
	if svc.Name != "Community Counselling for Parents" || svc.Version != 2 {
		t.Errorf("service after re-import: %q version %d", svc.Name, svc.Version)
	}
	now, _ := db.Services(ctx, sqlite.ServiceFilter{IncludeArchived: true})
	if len(now) != len(services) {
		t.Errorf("%d services after re-import, %d before", len(now), len(services))
	}
}

func TestTheInvalidFeedIsRefusedAndWritesNothing(t *testing.T) {
	db := seededDB(t)
	before := fingerprint(t, db)
	for _, dryRun := range []bool{true, false} {
		res := runImport(t, db, orukspec.Feed(t, "invalid"), dryRun)
		if res.OK() || res.Applied || len(res.Outcomes) != 0 {
			t.Fatalf("invalid feed (dry run %v) accepted: %+v", dryRun, res)
		}
		var lines []string
		for _, p := range res.Problems {
			lines = append(lines, p.String())
		}
		report := strings.Join(lines, "\n")
		for _, want := range []string{
			"GET /, field /openapi_url",
			"GET /services?page=1, record ac148810-d857-441c-9679-408f346de14b, field /contents/0/email",
			"field /contents/0: missing property 'name'",
		} {
			if !strings.Contains(report, want) {
				t.Errorf("the report does not say %q:\n%s", want, report)
			}
		}
	}
	if fingerprint(t, db) != before {
		t.Error("the refused feed wrote to the database")
	}
}

// smallPages asks a live API for five records a page, so a feed is read
// across several pages.
type smallPages struct {
	*oruk.APISource
	servicePages *int
}

func (s smallPages) Get(ctx context.Context, path string) ([]byte, error) {
	if strings.Contains(path, "?") {
		path += "&per_page=5"
	}
	if strings.HasPrefix(path, "services?") {
		*s.servicePages++
	}
	return s.APISource.Get(ctx, path)
}

func TestReadAFeedAcrossPages(t *testing.T) {
	db := seededDB(t)
	srv := httptest.NewServer(server.New(db, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	services, err := db.Services(context.Background(), sqlite.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(services) <= 10 {
		t.Fatalf("only %d services: too few to need several pages", len(services))
	}
	pages := 0
	src := smallPages{oruk.OpenSource(srv.URL + "/api/v1").(*oruk.APISource), &pages}
	feed, report, err := oruk.ReadFeed(context.Background(), src, orukspec.Schemas(t))
	if err != nil {
		t.Fatal(err)
	}
	if !report.OK() || len(feed.Services) != len(services) {
		t.Fatalf("read %d of %d services: %v", len(feed.Services), len(services), report.Problems)
	}
	if want := (len(services) + 4) / 5; pages != want {
		t.Errorf("read %d pages of services, want %d", pages, want)
	}
	seen := map[string]bool{}
	for _, s := range feed.Services {
		seen[s.ID] = true
	}
	for _, s := range services {
		if !seen[s.UUID] {
			t.Errorf("%s was not read", s.Slug)
		}
	}
}

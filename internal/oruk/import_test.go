package oruk_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/oruk/oruktest"
	"github.com/wessex-network/directory/internal/server"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/internal/sqlite/sqlitetest"
)

func seededDB(t *testing.T) *sqlite.DB {
	t.Helper()
	return sqlitetest.Seeded(t)
}

// fingerprint captures everything an import could write.
func fingerprint(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	ctx := context.Background()
	services, err := db.Services(ctx, directory.ServiceFilter{IncludeArchived: true})
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
	res, err := oruk.Import(context.Background(), db, oruk.OpenSource(dir), oruktest.Schemas(), importer, dryRun, directory.StableUUID)
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
	valid := oruktest.Dir(t, oruktest.Valid)
	before := fingerprint(t, db)

	dry := runImport(t, db, valid, true)
	if !dry.OK() {
		t.Fatalf("valid feed refused: %v", dry.Problems)
	}
	// One service names Portsmouth; one names no area and one only
	// Exampleton, so those two are held, not published.
	if dry.Applied || count(dry.Outcomes, directory.EntityService, directory.ImportAdd) != 1 ||
		count(dry.Outcomes, directory.EntityService, directory.ImportHeld) != 2 ||
		count(dry.Outcomes, directory.EntityOrganisation, directory.ImportAdd) != 3 || len(dry.Outcomes) != 6 {
		t.Fatalf("dry run outcomes: %+v", dry.Outcomes)
	}
	if fingerprint(t, db) != before {
		t.Fatal("the dry run wrote to the database")
	}
	// The listed service has no full record, so its list fields are used.
	if notes := strings.Join(dry.Notes, "\n"); !strings.Contains(notes, "no full record at /services/"+oruktest.ServiceListed) {
		t.Errorf("notes: %s", notes)
	}

	real := runImport(t, db, valid, false)
	if !real.Applied || len(real.Outcomes) != len(dry.Outcomes) {
		t.Fatalf("import: applied %v, %d outcomes, dry run had %d", real.Applied, len(real.Outcomes), len(dry.Outcomes))
	}

	// The full record: its fields, its organisation, its area matched by name
	// with the feed's note, its place, its hours and the directory's terms.
	svc, err := db.ServiceByUUID(ctx, oruktest.ServiceFull)
	if err != nil {
		t.Fatal(err)
	}
	if svc.Name != "Example Parent and Baby Support" || svc.Contact.Email != "hello@example.org" ||
		svc.Contact.Website != "https://example.org/parent-and-baby" || svc.Status != directory.StatusActive {
		t.Errorf("imported service: %+v", svc)
	}
	if svc.Summary != "A weekly group where parents and babies under one meet a trained practitioner." {
		t.Errorf("summary %q", svc.Summary)
	}
	if svc.Organisation == nil || svc.Organisation.UUID != oruktest.Organization || svc.Organisation.Name != "Example Family Charity" {
		t.Errorf("organisation: %+v", svc.Organisation)
	}
	if len(svc.Areas) != 1 || svc.Areas[0].Area != "portsmouth" || svc.Areas[0].Note != "Portsmouth city only" {
		t.Errorf("areas: %+v", svc.Areas)
	}
	if svc.Contact.Address != "1 Example Road, Portsmouth, PO1 0ZZ" || svc.LastReviewed != "2024-05-01" ||
		svc.Contact.OpeningHours != "Thursdays, 10am to 12 noon, in school term time." {
		t.Errorf("address %q, last reviewed %q, hours %q", svc.Contact.Address, svc.LastReviewed, svc.Contact.OpeningHours)
	}
	if svc.ServiceType != "parent-infant-partnership" ||
		!slices.Equal(svc.Stages, []directory.Stage{directory.StagePregnancy, directory.StageUnderOne}) ||
		!slices.Equal(svc.Access, []directory.AccessRoute{directory.AccessSelfReferral}) || len(svc.Audiences) != 0 {
		t.Errorf("terms: type %q, stages %v, access %v, audiences %v (the feed's own term is not kept)", svc.ServiceType, svc.Stages, svc.Access, svc.Audiences)
	}
	history, err := db.History(ctx, directory.EntityService, svc.Slug)
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 1 || history[0].Action != "import" || history[0].UserName != importer.Name {
		t.Errorf("audit: %+v", history)
	}

	// The listed service: no area in the feed, so held: archived, in no
	// area, waiting for staff.
	listed, err := db.ServiceByUUID(ctx, oruktest.ServiceListed)
	if err != nil {
		t.Fatal(err)
	}
	if listed.Organisation == nil || listed.Organisation.UUID != oruktest.OrganizationListed ||
		len(listed.Areas) != 0 || listed.Status != directory.StatusArchived {
		t.Errorf("listed service: organisation %+v, status %q, areas %+v", listed.Organisation, listed.Status, listed.Areas)
	}

	// The service on the second page: an area the directory does not know,
	// so held, in no area; an intervention named by the directory's own term.
	ended, err := db.ServiceByUUID(ctx, oruktest.ServiceEnded)
	if err != nil {
		t.Fatal(err)
	}
	if ended.Status != directory.StatusArchived || len(ended.Areas) != 0 {
		t.Errorf("ended service: status %q, areas %+v", ended.Status, ended.Areas)
	}
	if !slices.Equal(ended.Interventions, []string{"Baby massage"}) || !slices.Equal(ended.Stages, []directory.Stage{directory.StageUnderOne}) {
		t.Errorf("ended service: interventions %v, stages %v", ended.Interventions, ended.Stages)
	}

	// The organisation listed with no service is imported too.
	orgs, err := db.Organisations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(orgs, func(o directory.Organisation) bool {
		return o.UUID == oruktest.OrganizationAlone && o.Name == "Example Volunteer Network"
	}) {
		t.Error("the organisation with no service was not imported")
	}

	// The same feed again updates nothing and adds nothing.
	after := fingerprint(t, db)
	again := runImport(t, db, valid, false)
	if n := count(again.Outcomes, directory.EntityService, directory.ImportUnchanged) + count(again.Outcomes, directory.EntityOrganisation, directory.ImportUnchanged); n != 4 ||
		count(again.Outcomes, directory.EntityService, directory.ImportHeld) != 2 || len(again.Outcomes) != 6 {
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
	dir := oruktest.Dir(t, oruktest.Valid)
	runImport(t, db, dir, false)
	services, _ := db.Services(ctx, directory.ServiceFilter{IncludeArchived: true})

	for _, name := range []string{"service_full.json", "service_list.json"} {
		p := filepath.Join(dir, name)
		b, _ := os.ReadFile(p)
		if !strings.Contains(string(b), `"Example Parent and Baby Support"`) {
			t.Fatalf("%s does not name the service", name)
		}
		b = []byte(strings.ReplaceAll(string(b), `"Example Parent and Baby Support"`, `"Example Parent and Baby Support Group"`))
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
	svc, err := db.ServiceByUUID(ctx, oruktest.ServiceFull)
	if err != nil {
		t.Fatal(err)
	}
	if svc.Name != "Example Parent and Baby Support Group" || svc.Version != 2 {
		t.Errorf("service after re-import: %q version %d", svc.Name, svc.Version)
	}
	now, _ := db.Services(ctx, directory.ServiceFilter{IncludeArchived: true})
	if len(now) != len(services) {
		t.Errorf("%d services after re-import, %d before", len(now), len(services))
	}
}

func TestTheInvalidFeedIsRefusedAndWritesNothing(t *testing.T) {
	db := seededDB(t)
	before := fingerprint(t, db)
	invalid := oruktest.Dir(t, oruktest.Invalid)
	for _, dryRun := range []bool{true, false} {
		res := runImport(t, db, invalid, dryRun)
		if res.OK() || res.Applied || len(res.Outcomes) != 0 {
			t.Fatalf("invalid feed (dry run %v) accepted: %+v", dryRun, res)
		}
		var lines []string
		for _, p := range res.Problems {
			lines = append(lines, p.String())
		}
		report := strings.Join(lines, "\n")
		// Each document, record and field that fails, for each reason: a
		// missing field, a malformed address, email or id, a value the
		// standard does not know, and the rules the schemas cannot express.
		for _, want := range []string{
			"GET /: missing property 'profile'",
			"GET /, field /openapi_url: 'example-org/api/v1/openapi.json' is not valid uri",
			"GET /services?page=1, record " + oruktest.ServiceFull + ", field /contents/0/email: 'hello-at-example.org' is not valid email",
			"field /contents/0: missing property 'name'",
			"GET /services?page=1, record " + oruktest.ServiceListed + ` ("Example Dads and Partners Group"), field /contents/1/status: value must be one of`,
			"field /contents/2/id: 'example-service-3' is not valid uuid",
			"GET /organizations/" + oruktest.Organization + `, record ` + oruktest.Organization + ` ("Example Family Charity"), field /website: 'the charity\'s website' is not valid uri`,
			`GET /organizations, record ` + oruktest.Organization + ` ("Example Family Charity (again)"), field /id: the same id is listed twice`,
			"GET /taxonomies?page=1, record " + oruktest.Taxonomy + ` ("Example local services"), field /contents/0: missing property 'description'`,
			"GET /taxonomy_terms, record " + oruktest.OwnParentTerm + ` ("Parent and baby groups"), field /parent_id: the term is its own parent`,
			"GET /service_at_locations?page=1, record " + oruktest.ServiceAtLocation + ", field /contents/0/location/location_type: value must be one of",
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
	services, err := db.Services(context.Background(), directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(services) <= 10 {
		t.Fatalf("only %d services: too few to need several pages", len(services))
	}
	pages := 0
	src := smallPages{oruk.OpenSource(srv.URL + "/api/v1").(*oruk.APISource), &pages}
	feed, report, err := oruk.ReadFeed(context.Background(), src, oruktest.Schemas())
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

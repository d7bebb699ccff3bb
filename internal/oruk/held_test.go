package oruk_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/oruk/oruktest"
	"github.com/wessex-network/directory/internal/place"
	"github.com/wessex-network/directory/internal/sqlite"
)

// gosportServices counts what a search for Gosport lists: services in
// Gosport or in any area above it.
func gosportServices(t *testing.T, db *sqlite.DB) int {
	t.Helper()
	ctx := context.Background()
	areas, err := db.Areas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, a := range place.Lineage(areas, "gosport") {
		slugs = append(slugs, a.Slug)
	}
	if len(slugs) < 2 {
		t.Fatalf("Gosport's lineage: %v", slugs)
	}
	found, err := db.SearchServices(ctx, directory.Search{Areas: slugs})
	if err != nil {
		t.Fatal(err)
	}
	return len(found)
}

func heldSlugs(t *testing.T, db *sqlite.DB) []string {
	t.Helper()
	held, err := db.HeldServices(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range held {
		out = append(out, h.Service.UUID)
	}
	slices.Sort(out)
	return out
}

// A neighbour's feed: what names Gosport goes live there; what names only
// places this directory does not have is held, not attached to the region.
func TestImportHoldsANeighboursServices(t *testing.T) {
	db := seededDB(t)
	ctx := context.Background()
	dir := oruktest.Dir(t, oruktest.Testshire)
	gosport := gosportServices(t, db)

	dry := runImport(t, db, dir, true)
	if !dry.OK() {
		t.Fatalf("refused: %v", dry.Problems)
	}
	if directory.ImportHeldCount(dry.Outcomes) != 2 || count(dry.Outcomes, directory.EntityService, directory.ImportAdd) != 1 {
		t.Fatalf("dry run outcomes %+v", dry.Outcomes)
	}
	if len(heldSlugs(t, db)) != 0 || gosportServices(t, db) != gosport {
		t.Fatal("the dry run wrote")
	}

	real := runImport(t, db, dir, false)
	if directory.ImportHeldCount(real.Outcomes) != 2 || !strings.Contains(strings.Join(real.Notes, "\n"), "Testville; Testshire North") {
		t.Fatalf("import: %+v\n%s", real.Outcomes, strings.Join(real.Notes, "\n"))
	}
	if n := gosportServices(t, db); n != gosport+1 {
		t.Errorf("a search for Gosport lists %d services, want %d (before, %d, and the one the feed puts in Gosport)", n, gosport+1, gosport)
	}
	live, err := db.ServiceByUUID(ctx, oruktest.TestshireGosport)
	if err != nil || live.Status != directory.StatusActive || len(live.Areas) != 1 || live.Areas[0].Area != "gosport" {
		t.Errorf("the Gosport service: %v, %q in %+v", err, live.Status, live.Areas)
	}
	want := []string{oruktest.TestshireCafe, oruktest.TestshireClub}
	if got := heldSlugs(t, db); !slices.Equal(got, want) {
		t.Fatalf("held %v, want %v", got, want)
	}
	held, _ := db.HeldServices(ctx)
	for _, h := range held {
		if h.Service.Status != directory.StatusArchived || len(h.Service.Areas) != 0 {
			t.Errorf("held %s: %q in %+v", h.Service.Name, h.Service.Status, h.Service.Areas)
		}
		if h.Service.UUID == oruktest.TestshireClub && !slices.Equal(h.FeedAreas, []string{"Testville", "Testshire North"}) {
			t.Errorf("the club's feed areas %v", h.FeedAreas)
		}
	}
	all, _ := db.Services(ctx, directory.ServiceFilter{IncludeArchived: true})

	// The same feed again: nothing duplicated, still held, Gosport unchanged.
	again := runImport(t, db, dir, false)
	if directory.ImportHeldCount(again.Outcomes) != 2 || count(again.Outcomes, directory.EntityService, directory.ImportUnchanged) != 1 {
		t.Errorf("second import %+v", again.Outcomes)
	}
	if now, _ := db.Services(ctx, directory.ServiceFilter{IncludeArchived: true}); len(now) != len(all) {
		t.Errorf("%d services after the second import, %d before", len(now), len(all))
	}
	if got := heldSlugs(t, db); !slices.Equal(got, want) || gosportServices(t, db) != gosport+1 {
		t.Errorf("after the second import: held %v, Gosport %d", got, gosportServices(t, db))
	}

	// Staff reject both. A later feed that says the same keeps them rejected;
	// one that changes the club brings it back, held.
	for _, h := range held {
		if err := db.RejectHeld(ctx, directory.Actor{Name: "Staff"}, h.Service.Slug, h.Service.Version, "Testshire's own."); err != nil {
			t.Fatal(err)
		}
	}
	same := runImport(t, db, dir, false)
	if directory.ImportHeldCount(same.Outcomes) != 0 || len(heldSlugs(t, db)) != 0 {
		t.Errorf("an unchanged feed brought back rejected services: %+v", same.Outcomes)
	}
	p := filepath.Join(dir, "service_list.json")
	b, _ := os.ReadFile(p)
	changed := strings.Replace(string(b), "A made-up club for toddlers in Testville.", "A made-up club for toddlers in Testville, now on Saturdays.", 1)
	if changed == string(b) {
		t.Fatal("the fixture does not describe the club")
	}
	if err := os.WriteFile(p, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	later := runImport(t, db, dir, false)
	if directory.ImportHeldCount(later.Outcomes) != 1 {
		t.Errorf("the changed feed: %+v", later.Outcomes)
	}
	if got := heldSlugs(t, db); !slices.Equal(got, []string{oruktest.TestshireClub}) {
		t.Errorf("held after the feed changed the club: %v", got)
	}
	if n := gosportServices(t, db); n != gosport+1 {
		t.Errorf("Gosport lists %d at the end, want %d", n, gosport+1)
	}
}

package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

// TestSearchFollowsEdits changes a service's words the way a staff edit would,
// straight through the writer, and checks the search index keeps up.
func TestSearchFollowsEdits(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "edit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ds := &directory.Dataset{
		Areas:        []directory.Area{{Slug: "here", Name: "Here", Kind: directory.KindCounty}},
		ServiceTypes: []directory.ServiceType{{Slug: "groups", Name: "Playtime"}},
		Services: []directory.Service{{Slug: "group", Name: "Family group", ServiceType: "groups",
			Description: "Songs and stories.", Interventions: []string{"Rhymes"},
			Areas: []directory.ServiceArea{{Area: "here"}}, Source: "test"}},
	}
	if _, err := db.Load(ctx, ds); err != nil {
		t.Fatal(err)
	}
	finds := func(words string) bool {
		t.Helper()
		got, err := db.SearchServices(ctx, directory.Search{Words: words})
		if err != nil {
			t.Fatal(err)
		}
		return len(got) == 1
	}
	exec := func(query string, args ...any) {
		t.Helper()
		if _, err := db.write.ExecContext(ctx, query, args...); err != nil {
			t.Fatal(err)
		}
	}
	if !finds("songs") || !finds("rhymes") || !finds("playtime") || finds("massage") {
		t.Fatal("the loaded service is not indexed as loaded")
	}

	exec(`UPDATE services SET description = 'Baby massage and songs.' WHERE slug = 'group'`)
	if !finds("massage") || finds("stories") {
		t.Error("a changed description is not what search finds")
	}
	exec(`INSERT INTO service_interventions (service_id, position, name) SELECT id, 2, 'Video Interaction Guidance' FROM services WHERE slug = 'group'`)
	if !finds("video guidance") || !finds("massage") {
		t.Error("an added intervention is not found, or it lost the description")
	}
	exec(`UPDATE service_interventions SET name = 'Sleep advice' WHERE position = 1`)
	if !finds("sleep") || finds("rhymes") {
		t.Error("a renamed intervention is not what search finds")
	}
	exec(`DELETE FROM service_interventions WHERE position = 2`)
	if finds("video") {
		t.Error("a removed intervention is still found")
	}
	exec(`UPDATE service_types SET name = 'Peer support' WHERE slug = 'groups'`)
	if !finds("peer") || finds("playtime") {
		t.Error("a renamed service type is not what search finds")
	}
	exec(`DELETE FROM service_areas`)
	exec(`DELETE FROM services WHERE slug = 'group'`)
	if finds("massage") {
		t.Error("a deleted service is still found")
	}
}

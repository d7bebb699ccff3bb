package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/wessex-network/directory/internal/demo"
	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite"
)

func TestSyntheticMarkIsKeptAcrossOpens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "synthetic.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if db.Synthetic() {
		t.Fatal("a new database says it is synthetic")
	}
	if err := db.MarkSynthetic(ctx); err != nil {
		t.Fatal(err)
	}
	if !db.Synthetic() {
		t.Error("a marked database does not say it is synthetic")
	}
	db.Close()

	again, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if !again.Synthetic() {
		t.Error("the synthetic mark was lost when the database was opened again")
	}
}

func TestServicesListsMoreThanOneBatch(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	old := sqlite.SetListBatch(50)
	t.Cleanup(func() { sqlite.SetListBatch(old) })
	const total = 120 // more than two batches of 50, and not a multiple of 50
	ds := demo.England(demo.Size{UpperTier: 3, Counties: 1, Districts: 2, Boards: 2, Types: 2, Services: total, Orgs: 3})
	if _, err := db.Load(ctx, ds); err != nil {
		t.Fatal(err)
	}
	services, err := db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(services) != total {
		t.Fatalf("%d services, want %d", len(services), total)
	}
	for _, s := range []directory.Service{services[0], services[len(services)-1]} {
		if len(s.Areas) != 2 || len(s.Stages) == 0 || len(s.Interventions) != 1 {
			t.Errorf("%s lacks its lists: %+v", s.Slug, s)
		}
	}
	n, err := db.CountServices(ctx)
	if err != nil || n != total {
		t.Errorf("CountServices = %d, %v", n, err)
	}
}

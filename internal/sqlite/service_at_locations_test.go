package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/pressly/goose/v3"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/migrations"
	"github.com/wessex-network/directory/seeds"
)

// giveAddresses records an address for two services in three, and archives
// the first of them, so that some services are offered at a place and some
// are not. It returns the archived service.
func giveAddresses(t *testing.T, db *sqlite.DB) directory.Service {
	t.Helper()
	ctx := context.Background()
	actor := directory.Actor{Name: "test"}
	all, err := db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var archived directory.Service
	for i, svc := range all {
		if i%3 == 1 {
			continue
		}
		svc.Contact.Address = fmt.Sprintf("%d Test Street", i)
		saved, err := db.UpdateService(ctx, actor, svc, "test")
		if err != nil {
			t.Fatal(err)
		}
		if archived.Slug == "" {
			if archived, err = db.SetServiceStatus(ctx, actor, saved.Slug, directory.StatusChange{Status: directory.StatusArchived, Version: saved.Version, Reason: "test"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return archived
}

// The places are the active services with an address, paged in the list's
// order, and each is found by its id; nothing else is.
func TestServicesAtLocationsPageAndLookUp(t *testing.T) {
	db := MustSeededDB(t)
	ctx := context.Background()
	archived := giveAddresses(t, db)
	all, err := db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var want, bare []directory.Service
	for _, svc := range all {
		if svc.Contact.Address != "" {
			want = append(want, svc)
		} else {
			bare = append(bare, svc)
		}
	}
	if len(want) == 0 || len(bare) == 0 {
		t.Fatalf("%d services with an address, %d without", len(want), len(bare))
	}
	var paged []directory.Service
	for offset := 0; offset <= len(want); offset += 3 {
		page, total, err := db.ServicesAtLocationsPage(ctx, 3, offset)
		if err != nil {
			t.Fatal(err)
		}
		if total != len(want) {
			t.Fatalf("total %d, want %d", total, len(want))
		}
		paged = append(paged, page...)
	}
	if len(paged) != len(want) {
		t.Fatalf("pages hold %d services, want %d", len(paged), len(want))
	}
	for i, w := range want {
		p := paged[i]
		if p.Slug != w.Slug || p.UUID != w.UUID || p.Contact.Address != w.Contact.Address || p.Name != w.Name {
			t.Errorf("place %d: %s %s %q, want %s %s %q", i, p.Slug, p.UUID, p.Contact.Address, w.Slug, w.UUID, w.Contact.Address)
		}
		got, err := db.ServiceAtLocation(ctx, directory.StableUUID("service-at-location", w.Slug))
		if err != nil || got.Slug != w.Slug {
			t.Errorf("place of %s: %s, %v", w.Slug, got.Slug, err)
		}
	}
	for _, slug := range []string{archived.Slug, bare[0].Slug} {
		if got, err := db.ServiceAtLocation(ctx, directory.StableUUID("service-at-location", slug)); directory.ErrorCode(err) != directory.ENOTFOUND {
			t.Errorf("place of %s: found %q, %v; want not found", slug, got.Slug, err)
		}
	}
}

// A database whose services were added before migration 00070 gets each
// service's place id when it is opened.
func TestPlaceIDsAreFilledForOlderServices(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "older.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Load(ctx, ds); err != nil {
		t.Fatal(err)
	}
	giveAddresses(t, db)
	want, total, err := db.ServicesAtLocationsPage(ctx, 200, 0)
	if err != nil || total == 0 {
		t.Fatalf("places: %d, %v", total, err)
	}
	db.Close()

	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	provider, err := goose.NewProvider(goose.DialectSQLite3, raw, migrations.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := provider.DownTo(ctx, 60); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	again, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	for _, w := range want {
		got, err := again.ServiceAtLocation(ctx, directory.StableUUID("service-at-location", w.Slug))
		if err != nil || got.Slug != w.Slug {
			t.Errorf("place of %s after migrating: %s, %v", w.Slug, got.Slug, err)
		}
	}
}

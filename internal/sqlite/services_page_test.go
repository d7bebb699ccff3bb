package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite"
)

func TestServicesPageCutsPagesInTheListsOrder(t *testing.T) {
	db := MustSeededDB(t)
	ctx := context.Background()
	all, err := db.Services(ctx, sqlite.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var paged []directory.Service
	for offset := 0; offset < len(all); offset += 4 {
		page, total, err := db.ServicesPage(ctx, sqlite.ServicePageFilter{}, 4, offset)
		if err != nil {
			t.Fatal(err)
		}
		if total != len(all) {
			t.Fatalf("total %d, want %d", total, len(all))
		}
		paged = append(paged, page...)
	}
	if len(paged) != len(all) {
		t.Fatalf("pages hold %d services, want %d", len(paged), len(all))
	}
	for i := range all {
		if paged[i].Slug != all[i].Slug {
			t.Fatalf("service %d: page order %s, list order %s", i, paged[i].Slug, all[i].Slug)
		}
	}
}

func TestServicesPageModifiedAfterPartWayThroughASecond(t *testing.T) {
	db := MustSeededDB(t) // every service was stored at 2026-11-29T09:00:00Z
	ctx := context.Background()
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		after time.Time
		want  bool
	}{
		{at, true},
		{at.Add(500 * time.Millisecond), false},
		{at.Add(-500 * time.Millisecond), true},
	} {
		_, total, err := db.ServicesPage(ctx, sqlite.ServicePageFilter{ModifiedAfter: tt.after}, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		if (total > 0) != tt.want {
			t.Errorf("modified after %s: %d services", tt.after.Format(time.RFC3339Nano), total)
		}
	}
}

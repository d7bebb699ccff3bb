package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

// setClock sets the store's clock, the Now field both engines' stores have.
func setClock(tb testing.TB, db directory.Store, now func() time.Time) {
	tb.Helper()
	field := reflect.ValueOf(db).Elem().FieldByName("Now")
	if !field.IsValid() || !field.CanSet() {
		tb.Fatalf("%T has no clock to set", db)
	}
	field.Set(reflect.ValueOf(now))
}

// listedIn reports whether the area's service cards and a search list the
// service, and whether CountServices counts it.
func listedIn(t *testing.T, db directory.Store, slug, area string) (cards, search bool) {
	t.Helper()
	ctx := context.Background()
	list, err := db.ServiceCards(ctx, area)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		cards = cards || s.Slug == slug
	}
	found, err := db.SearchServiceCards(ctx, directory.Search{Areas: []string{area}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range found {
		search = search || s.Slug == slug
	}
	return cards, search
}

func testAServicesLifeFromScheduledToEnded(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	day := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	setClock(t, db, func() time.Time { return day })
	staff := directory.Actor{Name: "Sam Staff"}
	svc, err := db.Service(ctx, "roberts-centre")
	if err != nil {
		t.Fatal(err)
	}
	area := svc.Areas[0].Area
	count, _ := db.CountServices(ctx)

	// Bad dates are refused, and change nothing.
	for _, c := range []directory.StatusChange{
		{Status: directory.StatusTemporarilyClosed, Reopens: "2026-12-03"},
		{Status: directory.StatusTemporarilyClosed, Reopens: "next week"},
		{Status: directory.StatusScheduled},
		{Status: directory.StatusScheduled, Opens: "2026-12-01"},
		{Status: directory.StatusEnded, Ended: "2027-01-01"},
		{Status: "closed"},
	} {
		c.Version = svc.Version
		if _, err := db.SetServiceStatus(ctx, staff, svc.Slug, c); directory.ErrorCode(err) != directory.EINVALID {
			t.Errorf("%+v: %v, want EINVALID", c, err)
		}
	}
	if s, _ := db.Service(ctx, svc.Slug); s.Version != svc.Version || s.Status != directory.StatusActive {
		t.Fatalf("a refused change wrote: %+v", s)
	}

	// Temporarily closed: still listed, with its message and date.
	closed, err := db.SetServiceStatus(ctx, staff, svc.Slug, directory.StatusChange{Status: directory.StatusTemporarilyClosed, Version: svc.Version,
		Message: " Closed for building work. ", Reopens: "2027-01-05", Reason: "The centre phoned"})
	if err != nil {
		t.Fatal(err)
	}
	if closed.Status != directory.StatusTemporarilyClosed || closed.ClosedMessage != "Closed for building work." || closed.ReopensOn != "2027-01-05" {
		t.Errorf("the closed service: %+v", closed)
	}
	if cards, search := listedIn(t, db, svc.Slug, area); !cards || !search {
		t.Errorf("a temporarily closed service is listed: cards %v, search %v; want both", cards, search)
	}
	if got, _ := db.ServiceCards(ctx, area); len(got) > 0 {
		for _, c := range got {
			if c.Slug == svc.Slug && (c.Status != directory.StatusTemporarilyClosed || c.ReopensOn != "2027-01-05") {
				t.Errorf("the closed service's card: %+v", c)
			}
		}
	}
	if n, _ := db.CountServices(ctx); n != count {
		t.Errorf("CountServices with one temporarily closed: %d, want %d", n, count)
	}
	// An edit of its fields keeps the closure.
	closed.Summary = "A new summary."
	if closed, err = db.UpdateService(ctx, staff, closed, "summary"); err != nil || closed.Status != directory.StatusTemporarilyClosed || closed.ReopensOn != "2027-01-05" {
		t.Errorf("after an edit: %+v, %v", closed, err)
	}
	if h, _ := db.History(ctx, directory.EntityService, svc.Slug); len(h) < 2 || h[1].Action != "close" || h[1].Reason != "The centre phoned" {
		t.Errorf("the closure's audit: %+v", h)
	}
	var conflict *directory.ConflictError
	if _, err := db.SetServiceStatus(ctx, staff, svc.Slug, directory.StatusChange{Status: directory.StatusActive, Version: svc.Version}); !errors.As(err, &conflict) {
		t.Errorf("a stale change of status: %v, want a conflict", err)
	}

	// Not due before its date; open by itself on it.
	if opened, err := db.OpenDueServices(ctx); err != nil || len(opened) != 0 {
		t.Errorf("opened before the date: %+v, %v", opened, err)
	}
	day = time.Date(2027, 1, 5, 0, 30, 0, 0, time.UTC)
	opened, err := db.OpenDueServices(ctx)
	if err != nil || len(opened) != 1 || opened[0].Slug != svc.Slug || opened[0].Status != directory.StatusActive || opened[0].ReopensOn != "" || opened[0].ClosedMessage != "" {
		t.Fatalf("opened on the date: %+v, %v", opened, err)
	}
	if h, _ := db.History(ctx, directory.EntityService, svc.Slug); h[0].Action != "open" || h[0].UserName != "system" {
		t.Errorf("the reopening's audit: %+v", h[0])
	}

	// Scheduled: off the lists until its date.
	scheduled, err := db.SetServiceStatus(ctx, staff, svc.Slug, directory.StatusChange{Status: directory.StatusScheduled, Version: opened[0].Version, Opens: "2027-02-01"})
	if err != nil {
		t.Fatal(err)
	}
	if scheduled.Status != directory.StatusScheduled || scheduled.OpensOn != "2027-02-01" {
		t.Errorf("the scheduled service: %+v", scheduled)
	}
	if cards, search := listedIn(t, db, svc.Slug, area); cards || search {
		t.Errorf("a scheduled service is listed before its date: cards %v, search %v", cards, search)
	}
	day = time.Date(2027, 2, 1, 1, 0, 0, 0, time.UTC)
	if opened, err := db.OpenDueServices(ctx); err != nil || len(opened) != 1 {
		t.Fatalf("opened on its date: %+v, %v", opened, err)
	}
	if cards, search := listedIn(t, db, svc.Slug, area); !cards || !search {
		t.Errorf("a scheduled service is not listed from its date: cards %v, search %v", cards, search)
	}

	// Ended: off every list, with the date.
	now, _ := db.Service(ctx, svc.Slug)
	ended, err := db.SetServiceStatus(ctx, staff, svc.Slug, directory.StatusChange{Status: directory.StatusEnded, Version: now.Version})
	if err != nil {
		t.Fatal(err)
	}
	if ended.Status != directory.StatusEnded || ended.EndedOn != "2027-02-01" {
		t.Errorf("the ended service: %+v", ended)
	}
	if cards, search := listedIn(t, db, svc.Slug, area); cards || search {
		t.Errorf("an ended service is listed: cards %v, search %v", cards, search)
	}
	if n, _ := db.CountServices(ctx); n != count-1 {
		t.Errorf("CountServices with one ended: %d, want %d", n, count-1)
	}
	if byUUID, err := db.ServiceByUUID(ctx, svc.UUID); err != nil || byUUID.Status != directory.StatusEnded {
		t.Errorf("the ended service by UUID: %+v, %v", byUUID, err)
	}
}

package storetest

import (
	"context"
	"reflect"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

// card keeps what ServiceCards and SearchServiceCards fill in of a service.
func card(s directory.Service) directory.Service {
	return directory.Service{ID: s.ID, UUID: s.UUID, Slug: s.Slug, Name: s.Name, ServiceType: s.ServiceType,
		ServiceTypeName: s.ServiceTypeName, Summary: s.Summary, Status: s.Status, ReopensOn: s.ReopensOn, Areas: s.Areas,
		LastReviewed: s.LastReviewed, ReviewDue: s.ReviewDue, CreatedAt: s.CreatedAt}
}

func cards(services []directory.Service) []directory.Service {
	if services == nil {
		return nil
	}
	out := make([]directory.Service, len(services))
	for i, s := range services {
		out[i] = card(s)
	}
	return out
}

func testServiceCardsAreTheServicesInBrief(t *testing.T, open Opener) {
	db := seeded(t, open)
	ctx := context.Background()
	areas, err := db.Areas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range areas {
		full, err := db.Services(ctx, directory.ServiceFilter{Area: a.Slug})
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.ServiceCards(ctx, a.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, cards(full)) {
			t.Errorf("%s: the cards differ from the services in brief:\n got %+v\nwant %+v", a.Slug, got, cards(full))
		}
	}
}

func testSearchServiceCardsFindWhatSearchServicesFinds(t *testing.T, open Opener) {
	db := seeded(t, open)
	ctx := context.Background()
	for _, s := range []directory.Search{
		{},
		{Areas: []string{"hampshire", "wessex", "england"}},
		{Areas: []string{"poole"}, Stages: []directory.Stage{directory.StagePregnancy}},
		{Words: "dads"},
		{Words: "!!!"},
	} {
		full, err := db.SearchServices(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.SearchServiceCards(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, cards(full)) {
			t.Errorf("%+v: the cards differ from the services in brief:\n got %+v\nwant %+v", s, got, cards(full))
		}
		ids := make([]int64, len(full))
		for i, svc := range full {
			ids[len(full)-1-i] = svc.ID // backwards, to show the order is the ids'
		}
		byID, err := db.ServicesByID(ctx, append(ids, 1_000_000))
		if err != nil {
			t.Fatal(err)
		}
		for i, svc := range byID {
			if !reflect.DeepEqual(svc, full[len(full)-1-i]) {
				t.Fatalf("%+v: service %d by id is %+v, want %+v", s, i, svc, full[len(full)-1-i])
			}
		}
		if len(byID) != len(full) {
			t.Errorf("%+v: %d services by id, want %d", s, len(byID), len(full))
		}
	}
}

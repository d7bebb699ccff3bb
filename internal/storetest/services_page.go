package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

func testServicesPageCutsPagesInTheListsOrder(t *testing.T, open Opener) {
	db := seeded(t, open)
	ctx := context.Background()
	all, err := db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var paged []directory.Service
	for offset := 0; offset < len(all); offset += 4 {
		page, total, err := db.ServicesPage(ctx, directory.ServicePageFilter{}, 4, offset)
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

func testServicesPageModifiedAfterPartWayThroughASecond(t *testing.T, open Opener) {
	db := seeded(t, open)
	ctx := context.Background()
	// The last moment any service was stored: times are kept to the second.
	all, err := db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var at time.Time
	for _, svc := range all {
		u, err := time.Parse(time.RFC3339, svc.UpdatedAt)
		if err != nil {
			t.Fatalf("%s was updated at %q: %v", svc.Slug, svc.UpdatedAt, err)
		}
		if u.After(at) {
			at = u
		}
	}
	for _, tt := range []struct {
		after time.Time
		want  bool
	}{
		{at, true},
		{at.Add(500 * time.Millisecond), false},
		{at.Add(-500 * time.Millisecond), true},
	} {
		_, total, err := db.ServicesPage(ctx, directory.ServicePageFilter{ModifiedAfter: tt.after}, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		if (total > 0) != tt.want {
			t.Errorf("modified after %s: %d services", tt.after.Format(time.RFC3339Nano), total)
		}
	}
}

func testInterventionNamesAreThoseActiveServicesOffer(t *testing.T, open Opener) {
	db := seeded(t, open)
	ctx := context.Background()
	// want lists, once each in byte order, the interventions the active
	// services offer, as Services loads them.
	want := func() []string {
		t.Helper()
		all, err := db.Services(ctx, directory.ServiceFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, svc := range all {
			names = append(names, svc.Interventions...)
		}
		slices.Sort(names)
		return slices.Compact(names)
	}
	check := func(when string) {
		t.Helper()
		got, err := db.InterventionNames(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if w := want(); !slices.Equal(got, w) {
			t.Errorf("%s: intervention names\n%q\nwant\n%q", when, got, w)
		}
	}
	check("seeded")

	// Archiving the only service that offers an intervention takes its name
	// away; archiving one of two that offer another keeps that.
	before, _ := db.InterventionNames(ctx)
	for _, slug := range []string{"family-nurse-partnership", "barnardos-childrens-centres"} {
		svc, err := db.Service(ctx, slug)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SetServiceStatus(ctx, directory.Actor{Name: "test"}, slug, directory.StatusChange{Status: directory.StatusArchived, Version: svc.Version, Reason: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	check("after archiving")
	after, _ := db.InterventionNames(ctx)
	if len(after) != len(before)-1 || slices.Contains(after, "Regular home visits from a family nurse") || !slices.Contains(after, "Baby PEEP") {
		t.Errorf("after archiving: %q", after)
	}
}

func testServicesPageFiltersByEachTermAlongsideTheOthers(t *testing.T, open Opener) {
	db := seeded(t, open)
	ctx := context.Background()
	all, err := db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// One archived service offers what others offer too; it must not be listed.
	if _, err := db.SetServiceStatus(ctx, directory.Actor{Name: "test"}, "barnardos-childrens-centres", directory.StatusChange{Status: directory.StatusArchived, Version: 1, Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	all = slices.DeleteFunc(all, func(s directory.Service) bool { return s.Slug == "barnardos-childrens-centres" })
	baby := func(s directory.Service) bool {
		return strings.Contains(strings.ToLower(s.Name+"\n"+s.Summary+"\n"+s.Description), "baby")
	}
	cases := []struct {
		name   string
		filter directory.ServicePageFilter
		keep   func(directory.Service) bool
	}{
		{"service type", directory.ServicePageFilter{ServiceType: "health-visiting"},
			func(s directory.Service) bool { return s.ServiceType == "health-visiting" }},
		{"stage", directory.ServicePageFilter{Stage: directory.StagePregnancy},
			func(s directory.Service) bool { return slices.Contains(s.Stages, directory.StagePregnancy) }},
		{"audience", directory.ServicePageFilter{Audience: "mums"},
			func(s directory.Service) bool { return slices.Contains(s.Audiences, "mums") }},
		{"access", directory.ServicePageFilter{Access: directory.AccessUniversal},
			func(s directory.Service) bool { return slices.Contains(s.Access, directory.AccessUniversal) }},
		{"intervention", directory.ServicePageFilter{Intervention: "5 to Thrive"},
			func(s directory.Service) bool { return slices.Contains(s.Interventions, "5 to Thrive") }},
		{"intervention, exact name only", directory.ServicePageFilter{Intervention: "5 to thrive"},
			func(s directory.Service) bool { return false }},
		{"stage and search", directory.ServicePageFilter{Stage: directory.StageUnderOne, Search: "Baby"},
			func(s directory.Service) bool { return slices.Contains(s.Stages, directory.StageUnderOne) && baby(s) }},
		{"intervention and stage", directory.ServicePageFilter{Intervention: "5 to Thrive", Stage: directory.StagePregnancy},
			func(s directory.Service) bool {
				return slices.Contains(s.Interventions, "5 to Thrive") && slices.Contains(s.Stages, directory.StagePregnancy)
			}},
	}
	for _, c := range cases {
		var want []string
		for _, s := range all {
			if c.keep(s) {
				want = append(want, s.Slug)
			}
		}
		var got []string
		for offset := 0; ; offset += 2 {
			page, total, err := db.ServicesPage(ctx, c.filter, 2, offset)
			if err != nil {
				t.Fatal(err)
			}
			if total != len(want) {
				t.Errorf("%s: total %d, want %d", c.name, total, len(want))
			}
			for _, s := range page {
				got = append(got, s.Slug)
			}
			if len(page) < 2 {
				break
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: pages list\n%v\nwant\n%v", c.name, got, want)
		}
		if len(want) == len(all) || (len(want) == 0) != strings.HasSuffix(c.name, "exact name only") {
			t.Errorf("%s: the filter keeps %d of %d services, which proves nothing", c.name, len(want), len(all))
		}
	}
}

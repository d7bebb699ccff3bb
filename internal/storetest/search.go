package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func slugs(services []directory.Service) []string {
	var out []string
	for _, s := range services {
		out = append(out, s.Slug)
	}
	return out
}

func testSearchFilters(t *testing.T, open Opener) {
	db := seeded(t, open)
	ctx := context.Background()
	southampton := []string{"southampton", "wessex", "england"}
	tests := []struct {
		name    string
		search  directory.Search
		want    []string // must be among the results
		notWant []string // must not be
	}{
		{"area and its ancestors", directory.Search{Areas: southampton},
			[]string{"communicare-family-help", "safe-families", "enhanced-health-visiting-offer", "mums-matter", "health-visiting"},
			[]string{"dorpip", "roberts-centre"}},
		{"stage: pregnancy", directory.Search{Areas: southampton, Stages: []directory.Stage{directory.StagePregnancy}},
			[]string{"enhanced-health-visiting-offer", "family-nurse-partnership", "community-perinatal-mental-health-teams"},
			[]string{"southampton-camhs-under-5s", "safe-families"}},
		{"stage: older", directory.Search{Areas: southampton, Stages: []directory.Stage{directory.StageOlder}},
			[]string{"southampton-camhs-under-5s", "health-visiting"},
			[]string{"family-nurse-partnership", "community-perinatal-mental-health-teams"}},
		{"audience: dads and partners", directory.Search{Areas: southampton, Audiences: []directory.Audience{directory.AudienceDadsPartners}},
			nil, []string{"mums-matter", "family-nurse-partnership"}},
		{"audience: young parents", directory.Search{Areas: southampton, Audiences: []directory.Audience{directory.AudienceYoungParents}},
			[]string{"family-nurse-partnership"}, []string{"mums-matter", "health-visiting"}},
		{"audience: young parents where the partnership is not offered", directory.Search{Areas: []string{"isle-of-wight", "wessex", "england"}, Audiences: []directory.Audience{directory.AudienceYoungParents}},
			nil, []string{"family-nurse-partnership"}},
		{"audience: first-time parents or mums", directory.Search{Areas: southampton, Audiences: []directory.Audience{directory.AudienceFirstTimeParents, directory.AudienceMums}},
			[]string{"family-nurse-partnership", "mums-matter"}, []string{"safe-families"}},
		{"access: through children's services", directory.Search{Areas: southampton, Access: []directory.AccessRoute{directory.AccessChildrensService}},
			[]string{"safe-families", "childrens-services-parent-infant-support"}, []string{"enhanced-health-visiting-offer"}},
		{"access: no referral needed", directory.Search{Areas: southampton, Access: []directory.AccessRoute{directory.AccessSelfReferral, directory.AccessUniversal}},
			[]string{"health-visiting"}, []string{"safe-families", "enhanced-health-visiting-offer"}},
		{"words: psychotherapy", directory.Search{Words: "psychotherapy"}, []string{"dorpip"}, []string{"home-start"}},
		{"words: mother finds mums", directory.Search{Words: "Mother"}, []string{"mums-matter", "mother-and-baby-unit-winchester"}, nil},
		{"words: infant finds baby", directory.Search{Words: "infant massage"}, []string{"community-perinatal-mental-health-teams"}, []string{"dorpip"}},
		{"words: bonding", directory.Search{Words: "bonding"}, []string{"barnardos-childrens-centres"}, []string{"safe-families"}},
		{"words that are FTS syntax", directory.Search{Words: `"psychotherapy" OR *`}, nil, []string{"home-start"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.SearchServices(ctx, tt.search)
			if err != nil {
				t.Fatal(err)
			}
			found := slugs(got)
			for _, w := range tt.want {
				if !slices.Contains(found, w) {
					t.Errorf("results %v lack %s", found, w)
				}
			}
			for _, w := range tt.notWant {
				if slices.Contains(found, w) {
					t.Errorf("results %v include %s", found, w)
				}
			}
		})
	}
}

func testSearchRanksByBM25(t *testing.T, open Opener) {
	db := open(t)
	ctx := context.Background()
	ds := &directory.Dataset{
		Areas: []directory.Area{{Slug: "here", Name: "Here", Kind: directory.KindCounty}},
		Services: []directory.Service{
			{Slug: "in-description", Name: "Family group", Description: "A weekly group; one session covers sleep.", Areas: []directory.ServiceArea{{Area: "here"}}, Source: "test"},
			{Slug: "in-name", Name: "Sleep clinic", Description: "Help for parents.", Areas: []directory.ServiceArea{{Area: "here"}}, Source: "test"},
			{Slug: "in-offers", Name: "Parent support", Description: "Support.", Interventions: []string{"Sleep coaching"}, Areas: []directory.ServiceArea{{Area: "here"}}, Source: "test"},
			{Slug: "not-at-all", Name: "Play group", Description: "Play for fathers and their toddlers.", Areas: []directory.ServiceArea{{Area: "here"}}, Source: "test"},
		},
	}
	if _, err := db.Load(ctx, ds); err != nil {
		t.Fatal(err)
	}
	got, err := db.SearchServices(ctx, directory.Search{Words: "sleep", Areas: []string{"here"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"in-name", "in-offers", "in-description"}; !slices.Equal(slugs(got), want) {
		t.Errorf("ranked %v, want %v", slugs(got), want)
	}
	dads, err := db.SearchServices(ctx, directory.Search{Words: "Dad"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"not-at-all"}; !slices.Equal(slugs(dads), want) {
		t.Errorf("dad found %v, want %v, which speaks of fathers", slugs(dads), want)
	}
	none, err := db.SearchServices(ctx, directory.Search{Words: "!!!"})
	if err != nil || len(none) != 0 {
		t.Errorf("punctuation alone: %v, %v; want no results", slugs(none), err)
	}
}

func testGazetteerLoads(t *testing.T, open Opener) {
	db := seeded(t, open)
	ds := dataset(t)
	places, err := db.Places(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(places) != len(ds.Places) || len(places) < 250 {
		t.Fatalf("%d places stored, %d in the dataset", len(places), len(ds.Places))
	}
	for i, p := range places {
		if p != ds.Places[i] {
			t.Errorf("place %d stored as %+v, want %+v", i+1, p, ds.Places[i])
		}
		if !strings.Contains(strings.ToLower(p.Source), "checked") {
			t.Errorf("place %s does not say what it was checked against: %q", p.Name, p.Source)
		}
	}
	res, err := db.Load(context.Background(), ds)
	if err != nil || res.Places != 0 {
		t.Errorf("loading again added %d places (%v), want none", res.Places, err)
	}
}

// Package demo makes synthetic datasets for testing the directory at national
// scale. Every name says "Synthetic" and every source says the data is made
// up, so nothing from here can pass for a real service.
package demo

import (
	"fmt"
	"math/rand/v2"

	"github.com/wessex-network/directory/internal/directory"
)

// Notice is the source given for every synthetic record.
const Notice = "Synthetic data for testing: not real services"

// Size sets how big a synthetic England is. The zero value of a field takes
// the national figure.
type Size struct {
	UpperTier int // counties and unitary authorities; about 150 in England
	Counties  int // how many of the upper tier are counties with districts
	Districts int // districts in each county
	Boards    int // integrated care boards; 42 in England
	Types     int // service types, the rows of the matrix
	Services  int // each linked to two areas
	Orgs      int // organisations that run the services
}

// National is the size of England: about 150 upper-tier areas with their
// districts, 42 boards, 20 service types and 50,000 services.
var National = Size{UpperTier: 150, Counties: 24, Districts: 7, Boards: 42, Types: 20, Services: 50_000, Orgs: 500}

func (s Size) withDefaults() Size {
	d := National
	for _, f := range []struct{ got, def *int }{
		{&s.UpperTier, &d.UpperTier}, {&s.Counties, &d.Counties}, {&s.Districts, &d.Districts},
		{&s.Boards, &d.Boards}, {&s.Types, &d.Types}, {&s.Services, &d.Services}, {&s.Orgs, &d.Orgs},
	} {
		if *f.got <= 0 {
			*f.got = *f.def
		}
	}
	s.Counties = min(s.Counties, s.UpperTier)
	return s
}

// regions is how many synthetic regions sit between England and its councils.
const regions = 9

// England returns a synthetic England of the given size. The same size always
// gives the same dataset.
func England(size Size) *directory.Dataset {
	size = size.withDefaults()
	rng := rand.New(rand.NewPCG(2019, 7))
	ds := &directory.Dataset{}

	ds.Areas = append(ds.Areas, directory.Area{Slug: "england", Name: "England (synthetic)", Kind: directory.KindNation, Note: Notice})
	for r := 1; r <= regions; r++ {
		ds.Areas = append(ds.Areas, directory.Area{Slug: regionSlug(r), Name: fmt.Sprintf("Synthetic region %d", r),
			Kind: directory.KindRegion, ParentSlug: "england", Note: Notice})
	}
	upper := make([]string, size.UpperTier)
	districts := map[string][]string{}
	for i := range size.UpperTier {
		slug := fmt.Sprintf("synthetic-area-%03d", i+1)
		upper[i] = slug
		kind := directory.KindUnitary
		if i < size.Counties {
			kind = directory.KindCounty
		}
		ds.Areas = append(ds.Areas, directory.Area{Slug: slug, Name: fmt.Sprintf("Synthetic area %03d", i+1),
			Kind: kind, ParentSlug: regionSlug(i%regions + 1), Note: Notice})
		if kind != directory.KindCounty {
			continue
		}
		for d := 1; d <= size.Districts; d++ {
			ds.Areas = append(ds.Areas, directory.Area{Slug: fmt.Sprintf("%s-district-%d", slug, d),
				Name: fmt.Sprintf("Synthetic area %03d, district %d", i+1, d), Kind: directory.KindDistrict,
				ParentSlug: slug, Note: Notice})
			districts[slug] = append(districts[slug], fmt.Sprintf("%s-district-%d", slug, d))
		}
	}
	boards := make([]string, size.Boards)
	for b := range size.Boards {
		boards[b] = fmt.Sprintf("synthetic-board-%02d", b+1)
		ds.Areas = append(ds.Areas, directory.Area{Slug: boards[b], Name: fmt.Sprintf("Synthetic integrated care board %02d", b+1),
			Kind: directory.KindCareBoard, ParentSlug: regionSlug(b%regions + 1), Note: Notice})
	}

	// The tile map: one square per upper-tier area, in rows of fifteen.
	for i, slug := range upper {
		ds.Tiles = append(ds.Tiles, directory.Tile{Area: slug, Column: i % 15, Row: i / 15})
	}

	ds.Places = gazetteer(upper, districts)

	for t := range size.Types {
		ds.ServiceTypes = append(ds.ServiceTypes, directory.ServiceType{Slug: fmt.Sprintf("synthetic-type-%02d", t+1),
			Name: fmt.Sprintf("Synthetic service type %02d", t+1), Description: Notice + "."})
	}
	ratings := []directory.Rating{directory.Green, directory.Green, directory.Amber, directory.Red, directory.NotStated}
	for _, t := range ds.ServiceTypes {
		for _, a := range upper {
			ds.Coverage = append(ds.Coverage, directory.CoverageCell{ServiceType: t.Slug, Area: a,
				Rating: ratings[rng.IntN(len(ratings))], Source: Notice, EffectiveFrom: "2026-01-01"})
		}
	}

	for o := range size.Orgs {
		ds.Organisations = append(ds.Organisations, directory.Organisation{Slug: fmt.Sprintf("synthetic-organisation-%03d", o+1),
			Name: fmt.Sprintf("Synthetic organisation %03d", o+1), Kind: "synthetic", Source: Notice})
	}
	for n := range size.Services {
		ds.Services = append(ds.Services, service(rng, n, size, ds, upper, districts, boards))
	}

	for i := 1; i <= 3; i++ {
		ind := directory.Indicator{Slug: fmt.Sprintf("synthetic-indicator-%d", i), Name: fmt.Sprintf("Synthetic indicator %d", i),
			Definition: Notice + ".", Period: "2025", Source: Notice}
		for _, a := range append([]string{"england"}, upper...) {
			v := float64(rng.IntN(1000)) / 10
			ind.Values = append(ind.Values, directory.IndicatorValue{Area: a, Value: &v})
		}
		ds.Indicators = append(ds.Indicators, ind)
	}
	return ds
}

func regionSlug(r int) string { return fmt.Sprintf("synthetic-region-%d", r) }

// postcodeDistricts is how many synthetic postcode districts the gazetteer
// holds: about as many as England has.
const postcodeDistricts = 3000

// gazetteer makes synthetic postcode districts, each in an area: a county's
// district where there is one, else the upper-tier area. Their postcode
// areas start with Q or X, letters no real UK postcode area begins with, so
// none can be mistaken for a real place.
func gazetteer(upper []string, districts map[string][]string) []directory.Place {
	var targets []string
	for _, a := range upper {
		if ds := districts[a]; len(ds) > 0 {
			targets = append(targets, ds...)
		} else {
			targets = append(targets, a)
		}
	}
	places := make([]directory.Place, 0, postcodeDistricts)
	for n := 0; n < postcodeDistricts; n++ {
		first, second, number := "QX"[n%2], 'A'+n/2%26, n/52+1
		places = append(places, directory.Place{
			Name: fmt.Sprintf("%c%c%d", first, second, number), Kind: directory.PlacePostcodeDistrict,
			Area: targets[n%len(targets)], Note: "Synthetic postcode district", Source: Notice,
		})
	}
	return places
}

// service makes the nth synthetic service: one of the matrix's types, in one
// upper-tier area and either one of its districts or a board.
func service(rng *rand.Rand, n int, size Size, ds *directory.Dataset, upper []string, districts map[string][]string, boards []string) directory.Service {
	area := upper[n%len(upper)]
	second := boards[n%len(boards)]
	if ds := districts[area]; len(ds) > 0 {
		second = ds[rng.IntN(len(ds))]
	}
	stages := directory.Stages[:1+rng.IntN(len(directory.Stages))]
	return directory.Service{
		Slug:          fmt.Sprintf("synthetic-service-%05d", n+1),
		Name:          fmt.Sprintf("Synthetic service %05d", n+1),
		ServiceType:   ds.ServiceTypes[n%size.Types].Slug,
		Organisation:  &directory.Organisation{Slug: ds.Organisations[n%size.Orgs].Slug},
		Summary:       "Synthetic service for testing. Not a real service.",
		Description:   Notice + ". Made up to test the directory at national scale; nobody runs it.",
		Eligibility:   "Nobody: this service does not exist.",
		HowToAccess:   "It cannot be used: it is synthetic test data.",
		Stages:        stages,
		Audiences:     []directory.Audience{directory.Audiences[rng.IntN(len(directory.Audiences))]},
		Access:        []directory.AccessRoute{directory.AccessRoutes[rng.IntN(len(directory.AccessRoutes))]},
		Interventions: []string{fmt.Sprintf("Synthetic intervention %d", 1+rng.IntN(40))},
		Areas:         []directory.ServiceArea{{Area: area}, {Area: second, Note: "Synthetic note: part of the area only."}},
		Status:        directory.StatusActive,
		LastReviewed:  "2026-01-01",
		Source:        Notice,
	}
}

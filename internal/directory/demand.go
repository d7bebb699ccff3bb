package directory

import (
	"slices"
	"strconv"
	"strings"
)

// Demand is counted from the public place search, in aggregate only: which
// area a search landed in (or that it found no place, or a place outside the
// region), the postcode district when a postcode was typed, the filters
// chosen, and how many services it found. What was typed, the full postcode,
// the address, cookies and the user agent are never kept.

// The areas a search can land in besides a real area.
const (
	DemandUnknownPlace = "unknown" // no place matched what was typed
	DemandOutside      = "outside" // the place lies outside the region
)

// DemandThreshold is the smallest count shown as itself. Smaller counts
// show as "fewer than 10", as official statistics suppress small numbers so
// that nobody can be picked out.
const DemandThreshold = 10

// DemandKey is one cell of the daily tally of searches.
type DemandKey struct {
	Day              string // YYYY-MM-DD
	Area             string // the area's slug, DemandUnknownPlace or DemandOutside
	PostcodeDistrict string // such as PO12; empty when no postcode was typed
	Stages           string // the stage filters, sorted and joined by commas
	Audiences        string // the audience filters, likewise
	SelfReferral     bool   // whether only services one can refer oneself to were asked for
}

// DemandCount is what the tally holds for one key.
type DemandCount struct {
	Searches  int // searches made
	NoResults int // of those, searches that found no service
	Results   int // services found, summed over the searches
}

// Add returns the sum of two counts.
func (c DemandCount) Add(o DemandCount) DemandCount {
	return DemandCount{Searches: c.Searches + o.Searches, NoResults: c.NoResults + o.NoResults, Results: c.Results + o.Results}
}

// DemandRow is one key of the tally with its counts.
type DemandRow struct {
	DemandKey
	DemandCount
}

// JoinFilters writes filter values as a DemandKey holds them: sorted, without
// repeats, joined by commas.
func JoinFilters[T ~string](values []T) string {
	s := make([]string, 0, len(values))
	for _, v := range values {
		s = append(s, string(v))
	}
	slices.Sort(s)
	return strings.Join(slices.Compact(s), ",")
}

// SuppressedCount writes a count for the public: "fewer than 10" for one to
// nine, "none" for nought, and the number itself otherwise.
func SuppressedCount(n int) (text string, suppressed bool) {
	switch {
	case n == 0:
		return "none", false
	case n < DemandThreshold:
		return "fewer than 10", true
	}
	return strconv.Itoa(n), false
}

// DemandLine is the searches of one part of a summary: an area, a stage, a
// postcode district.
type DemandLine struct {
	Slug string
	Name string
	DemandCount
}

// DemandSummary is the tally over a period, added up the ways the demand
// page shows it.
type DemandSummary struct {
	From, To  string
	Total     DemandCount
	Areas     []DemandLine // each area in the order given, then other places searches landed, then no place and outside
	Stages    []DemandLine // each stage, then searches that chose none
	Districts []DemandLine // postcode districts whose searches found no service, most first
}

// SummariseDemand adds up the tally's rows. areas are the areas to list
// first, in their order, even with no searches; all names any other area a
// search landed in; region names the region for the line of searches
// outside it.
func SummariseDemand(rows []DemandRow, from, to string, areas, all []Area, region string) DemandSummary {
	sum := DemandSummary{From: from, To: to}
	byArea := map[string]DemandCount{}
	byStage := map[string]DemandCount{}
	byDistrict := map[string]DemandCount{}
	for _, r := range rows {
		sum.Total = sum.Total.Add(r.DemandCount)
		byArea[r.Area] = byArea[r.Area].Add(r.DemandCount)
		if r.Stages == "" {
			byStage[""] = byStage[""].Add(r.DemandCount)
		}
		for _, st := range strings.Split(r.Stages, ",") {
			if st != "" {
				byStage[st] = byStage[st].Add(r.DemandCount)
			}
		}
		if r.PostcodeDistrict != "" && r.NoResults > 0 {
			byDistrict[r.PostcodeDistrict] = byDistrict[r.PostcodeDistrict].Add(DemandCount{Searches: r.NoResults, NoResults: r.NoResults})
		}
	}
	listed := map[string]bool{}
	for _, a := range areas {
		sum.Areas = append(sum.Areas, DemandLine{Slug: a.Slug, Name: a.Name, DemandCount: byArea[a.Slug]})
		listed[a.Slug] = true
	}
	var others []string
	for slug := range byArea {
		if !listed[slug] && slug != DemandUnknownPlace && slug != DemandOutside {
			others = append(others, slug)
		}
	}
	slices.Sort(others)
	names := map[string]string{}
	for _, a := range all {
		names[a.Slug] = a.Name
	}
	for _, slug := range others {
		name := names[slug]
		if name == "" {
			name = slug // an area since removed keeps its searches
		}
		sum.Areas = append(sum.Areas, DemandLine{Slug: slug, Name: name, DemandCount: byArea[slug]})
	}
	sum.Areas = append(sum.Areas,
		DemandLine{Slug: DemandUnknownPlace, Name: "Unknown place", DemandCount: byArea[DemandUnknownPlace]},
		DemandLine{Slug: DemandOutside, Name: "Outside " + region, DemandCount: byArea[DemandOutside]})
	for _, st := range Stages {
		sum.Stages = append(sum.Stages, DemandLine{Slug: string(st), Name: st.Label(), DemandCount: byStage[string(st)]})
	}
	sum.Stages = append(sum.Stages, DemandLine{Slug: "none", Name: "No stage chosen", DemandCount: byStage[""]})
	for d, c := range byDistrict {
		sum.Districts = append(sum.Districts, DemandLine{Slug: d, Name: d, DemandCount: c})
	}
	slices.SortFunc(sum.Districts, func(a, b DemandLine) int {
		if a.Searches != b.Searches {
			return b.Searches - a.Searches
		}
		return strings.Compare(a.Name, b.Name)
	})
	return sum
}

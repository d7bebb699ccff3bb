package directory

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/wessex-network/directory/internal/postcode"
)

// Dataset is everything one clinical network loads into a new directory: its
// areas, matrix, services, indicators, glossary and references. The Wessex
// report is one dataset; another network supplies its own.
type Dataset struct {
	Areas         []Area
	Places        []Place // the gazetteer: towns and postcode districts mapped to areas
	ServiceTypes  []ServiceType
	Organisations []Organisation
	Services      []Service // Organisation, where set, carries only its Slug
	Coverage      []CoverageCell
	Indicators    []Indicator
	Glossary      []GlossaryTerm
	References    []Reference
	Tiles         []Tile // where each area sits on the schematic coverage map
	Baselines     []Baseline
	// Recommendations are the report's, which actions on gaps can serve.
	Recommendations []Recommendation
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s is lower-case words joined by hyphens.
func ValidSlug(s string) bool { return slugPattern.MatchString(s) }

// ValidDate reports whether s is a real date written YYYY-MM-DD.
func ValidDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// Validate checks that the dataset is whole and consistent: every slug is
// well formed and unique, every reference to another record resolves, and
// every rating, stage, audience and access route is known. It returns one
// EINVALID error that lists every problem it found.
func (d *Dataset) Validate() error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	areas := map[string]bool{}
	for i, a := range d.Areas {
		where := fmt.Sprintf("area %d (%q)", i+1, a.Slug)
		if !ValidSlug(a.Slug) {
			add("%s: slug must be lower-case words joined by hyphens", where)
		}
		if areas[a.Slug] {
			add("%s: slug is used twice", where)
		}
		if strings.TrimSpace(a.Name) == "" {
			add("%s: name is empty", where)
		}
		if a.Kind == "" {
			add("%s: kind is empty", where)
		}
		if a.ParentSlug != "" && !areas[a.ParentSlug] {
			add("%s: parent %q must be listed before it", where, a.ParentSlug)
		}
		if a.CeremonialCounty != "" && (!areas[a.CeremonialCounty] || a.CeremonialCounty == a.Slug) {
			add("%s: ceremonial county %q must be another area, listed before it", where, a.CeremonialCounty)
		}
		for _, date := range []string{a.ValidFrom, a.ValidTo} {
			if date != "" && !ValidDate(date) {
				add("%s: date %q must be YYYY-MM-DD", where, date)
			}
		}
		areas[a.Slug] = true
	}
	for i, a := range d.Areas {
		for _, p := range a.Succeeds {
			if !areas[p] || p == a.Slug {
				add("area %d (%q): the area it succeeds, %q, must be another area of the dataset", i+1, a.Slug, p)
			}
		}
	}

	places := map[string]bool{}
	for i, p := range d.Places {
		where := fmt.Sprintf("place %d (%q)", i+1, p.Name)
		if strings.TrimSpace(p.Name) == "" {
			add("%s: name is empty", where)
		}
		if !ValidPlaceKind(p.Kind) {
			add("%s: kind %q must be one of %s", where, p.Kind, strings.Join(PlaceKinds, ", "))
		}
		if p.Kind == PlacePostcodeDistrict && !postcode.ValidDistrict(p.Name) {
			add("%s: a postcode district is written in capitals with no space, such as PO12", where)
		}
		if p.Area != "" && !areas[p.Area] {
			add("%s: unknown area %q", where, p.Area)
		}
		if p.Area == "" && strings.TrimSpace(p.Note) == "" {
			add("%s: a place outside the region needs a note that says where it is", where)
		}
		if strings.TrimSpace(p.Source) == "" {
			add("%s: source is empty; every entry needs one", where)
		}
		key := p.Kind + "|" + strings.ToLower(p.Name) + "|" + p.Area
		if places[key] {
			add("%s: listed twice for the same area", where)
		}
		places[key] = true
	}

	types := map[string]bool{}
	for i, t := range d.ServiceTypes {
		where := fmt.Sprintf("service type %d (%q)", i+1, t.Slug)
		if !ValidSlug(t.Slug) || types[t.Slug] {
			add("%s: slug must be well formed and unique", where)
		}
		if strings.TrimSpace(t.Name) == "" {
			add("%s: name is empty", where)
		}
		types[t.Slug] = true
	}

	orgs := map[string]bool{}
	for i, o := range d.Organisations {
		where := fmt.Sprintf("organisation %d (%q)", i+1, o.Slug)
		if !ValidSlug(o.Slug) || orgs[o.Slug] {
			add("%s: slug must be well formed and unique", where)
		}
		if strings.TrimSpace(o.Name) == "" {
			add("%s: name is empty", where)
		}
		orgs[o.Slug] = true
	}

	services := map[string]bool{}
	for i, s := range d.Services {
		where := fmt.Sprintf("service %d (%q)", i+1, s.Slug)
		if !ValidSlug(s.Slug) || services[s.Slug] {
			add("%s: slug must be well formed and unique", where)
		}
		services[s.Slug] = true
		if strings.TrimSpace(s.Name) == "" {
			add("%s: name is empty", where)
		}
		if strings.TrimSpace(s.Source) == "" {
			add("%s: source is empty; every fact needs one", where)
		}
		if s.ServiceType != "" && !types[s.ServiceType] {
			add("%s: unknown service type %q", where, s.ServiceType)
		}
		if s.Organisation != nil && !orgs[s.Organisation.Slug] {
			add("%s: unknown organisation %q", where, s.Organisation.Slug)
		}
		for _, st := range s.Stages {
			if !st.Valid() {
				add("%s: unknown stage %q", where, st)
			}
		}
		for _, au := range s.Audiences {
			if !au.Valid() {
				add("%s: unknown audience %q", where, au)
			}
		}
		for _, ac := range s.Access {
			if !ac.Valid() {
				add("%s: unknown access route %q", where, ac)
			}
		}
		if len(s.Areas) == 0 {
			add("%s: lists no area", where)
		}
		for _, sa := range s.Areas {
			if !areas[sa.Area] {
				add("%s: unknown area %q", where, sa.Area)
			}
		}
		if s.LastReviewed != "" && !ValidDate(s.LastReviewed) {
			add("%s: last reviewed %q must be YYYY-MM-DD", where, s.LastReviewed)
		}
	}

	cells := map[string]bool{}
	for i, c := range d.Coverage {
		where := fmt.Sprintf("coverage cell %d (%s in %s)", i+1, c.ServiceType, c.Area)
		if !types[c.ServiceType] {
			add("%s: unknown service type", where)
		}
		if !areas[c.Area] {
			add("%s: unknown area", where)
		}
		if !c.Rating.Valid() {
			add("%s: rating %q must be green, amber, red or not_stated", where, c.Rating)
		}
		if !ValidDate(c.EffectiveFrom) {
			add("%s: effective date %q must be YYYY-MM-DD", where, c.EffectiveFrom)
		}
		if strings.TrimSpace(c.Source) == "" {
			add("%s: source is empty", where)
		}
		key := c.ServiceType + "|" + c.Area + "|" + c.EffectiveFrom
		if cells[key] {
			add("%s: given twice for the same date", where)
		}
		cells[key] = true
	}

	indicators := map[string]bool{}
	for i, ind := range d.Indicators {
		where := fmt.Sprintf("indicator %d (%q)", i+1, ind.Slug)
		if !ValidSlug(ind.Slug) || indicators[ind.Slug] {
			add("%s: slug must be well formed and unique", where)
		}
		indicators[ind.Slug] = true
		if strings.TrimSpace(ind.Name) == "" || strings.TrimSpace(ind.Period) == "" {
			add("%s: name and period are required", where)
		}
		seen := map[string]bool{}
		for _, v := range ind.Values {
			if !areas[v.Area] {
				add("%s: unknown area %q", where, v.Area)
			}
			if seen[v.Area] {
				add("%s: area %q given twice", where, v.Area)
			}
			seen[v.Area] = true
			if v.Value == nil && strings.TrimSpace(v.Note) == "" {
				add("%s: area %q has no value and no note to say why", where, v.Area)
			}
		}
	}

	validateTiles(d.Tiles, areas, add)

	for i, g := range d.Glossary {
		if strings.TrimSpace(g.Term) == "" || strings.TrimSpace(g.Meaning) == "" {
			add("glossary entry %d: term and meaning are required", i+1)
		}
	}
	for i, r := range d.References {
		if r.Number <= 0 || strings.TrimSpace(r.Title) == "" {
			add("reference %d: number and title are required", i+1)
		}
	}

	baselines := map[string]bool{}
	for i, b := range d.Baselines {
		where := fmt.Sprintf("baseline %d (%q)", i+1, b.Slug)
		if !ValidSlug(b.Slug) || baselines[b.Slug] {
			add("%s: slug must be well formed and unique", where)
		}
		if strings.TrimSpace(b.Name) == "" {
			add("%s: name is empty", where)
		}
		if !ValidDate(b.AsOf) {
			add("%s: as_of %q must be YYYY-MM-DD", where, b.AsOf)
		}
		baselines[b.Slug] = true
	}

	recommendations := map[string]bool{}
	for i, rec := range d.Recommendations {
		where := fmt.Sprintf("recommendation %d (%q)", i+1, rec.Slug)
		if !ValidSlug(rec.Slug) || recommendations[rec.Slug] {
			add("%s: slug must be well formed and unique", where)
		}
		if strings.TrimSpace(rec.Name) == "" || strings.TrimSpace(rec.Summary) == "" {
			add("%s: name and summary are required", where)
		}
		recommendations[rec.Slug] = true
	}

	if len(problems) > 0 {
		return Errorf(EINVALID, "the dataset has %d problem(s):\n%s", len(problems), strings.Join(problems, "\n"))
	}
	return nil
}

package directory

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
)

// ServiceFilter narrows a list of services. Zero values match everything.
type ServiceFilter struct {
	Area            string // slug: services that list this area
	ServiceType     string // slug
	Organisation    string // slug
	IncludeArchived bool
}

// Search is what a family asks for: services in some areas, for some stages
// and people, reached some ways, about some words. Each list keeps a service
// that names any of its values; an empty list or Words keeps everything.
type Search struct {
	Areas     []string // slugs: services that list any of them
	Stages    []Stage
	Audiences []Audience
	Access    []AccessRoute
	Words     string // free text, matched through the engine's full-text index
}

// ServicePageFilter narrows a page of active services for the open data API.
// Zero values match everything. The last five are the values the API
// publishes as taxonomy terms, each matched exactly.
type ServicePageFilter struct {
	Search           string    // text in the name, summary or description, any case
	OrganisationUUID string    // the organisation's stable id
	ModifiedAfter    time.Time // services changed at or after this moment
	ServiceType      string    // the service type's slug
	Stage            Stage
	Audience         Audience
	Access           AccessRoute
	Intervention     string // the name of an intervention the service offers
}

// MatrixFilter picks part of the matrix, so that a page showing a few of a
// national matrix's cells reads only those. Empty lists pick every area and
// every service type.
type MatrixFilter struct {
	Areas        []string // slugs
	ServiceTypes []string // slugs
	// RatingsOnly leaves each cell with its service type, area and rating
	// alone, for pages that only count ratings: reading the other fields of
	// 3,000 cells costs more than finding them.
	RatingsOnly bool
}

// CellChange is staff's new rating for one service type in one area.
type CellChange struct {
	ServiceType   string
	Area          string
	Rating        Rating
	Note          string
	Reason        string
	EffectiveFrom string
	// BasedOn is the id of the latest cell when the edit began (0 if there
	// was none); a newer one means someone else changed the cell meanwhile.
	BasedOn int64
}

// Validate checks a rating change and returns a message for each problem.
func (c CellChange) Validate() FieldErrors {
	var errs FieldErrors
	if !c.Rating.Valid() {
		errs.Add("rating", "Choose a rating")
	}
	if c.Rating == NotStated && strings.TrimSpace(c.Note) == "" {
		errs.Add("note", "Say in the note what stands in this cell instead of a rating")
	}
	if len(c.Note) > 500 {
		errs.Add("note", "The note must be 500 characters or fewer")
	}
	if strings.TrimSpace(c.Reason) == "" {
		errs.Add("reason", "Give the reason for the change")
	}
	if !ValidDate(c.EffectiveFrom) {
		errs.Add("effective_from", "Enter the date the rating took effect as a real date, YYYY-MM-DD")
	}
	return errs
}

// idNamespace roots the stable UUIDs given to seeded records, so that the same
// slug gets the same UUID in every database, on either engine.
var idNamespace = uuid.MustParse("6f1f4c5e-2b1d-4f5e-9d35-9b1c1e0a7a21")

// StableUUID returns the UUID that a record of the given kind and slug
// always has: the id the open data feed publishes for it.
func StableUUID(kind, slug string) string {
	return uuid.NewSHA1(idNamespace, []byte(kind+"/"+slug)).String()
}

// LoadResult counts the records a load added. A record already present is
// left as it is, so loading the same dataset again adds nothing.
type LoadResult struct {
	Areas, Places, ServiceTypes, Organisations, Services, CoverageCells int
	Indicators, IndicatorValues, GlossaryTerms, References, Tiles       int
	Baselines, Recommendations                                          int
}

// Total returns how many records were added in all.
func (r LoadResult) Total() int {
	return r.Areas + r.Places + r.ServiceTypes + r.Organisations + r.Services + r.CoverageCells +
		r.Indicators + r.IndicatorValues + r.GlossaryTerms + r.References + r.Tiles + r.Baselines + r.Recommendations
}

// String summarises the counts for a log line.
func (r LoadResult) String() string {
	return fmt.Sprintf("%d areas, %d places, %d service types, %d organisations, %d services, %d coverage cells, %d indicators with %d values, %d glossary terms, %d references, %d map tiles, %d baselines, %d recommendations",
		r.Areas, r.Places, r.ServiceTypes, r.Organisations, r.Services, r.CoverageCells, r.Indicators, r.IndicatorValues, r.GlossaryTerms, r.References, r.Tiles, r.Baselines, r.Recommendations)
}

// searchSynonyms are cheap equivalents a family might use for the words in
// the services' descriptions. Each word of a group finds the others.
var searchSynonyms = [][]string{
	{"dad", "dads", "father", "fathers", "partner", "partners"},
	{"mum", "mums", "mother", "mothers", "maternal"},
	{"baby", "babies", "infant", "infants", "newborn"},
	{"pregnant", "pregnancy", "antenatal", "expecting"},
	{"bonding", "bond", "attachment"},
}

// MaxSearchWords caps how many words of free text become part of a query.
const MaxSearchWords = 8

// SearchTerms splits free text into the words a full-text search must match,
// each with its alternatives: a service matches when, for every term, it
// holds the word or one of its synonyms. Anything that is not a letter or
// digit separates words, so no operator or quote of the user's survives;
// words are lower-cased, repeats dropped, and at most MaxSearchWords kept.
// Each engine turns the terms into its own query language.
func SearchTerms(text string) [][]string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var terms [][]string
	seen := map[string]bool{}
	for _, w := range words {
		if seen[w] || len(terms) == MaxSearchWords {
			continue
		}
		seen[w] = true
		alternatives := []string{w}
		for _, group := range searchSynonyms {
			if slices.Contains(group, w) {
				alternatives = group
				break
			}
		}
		terms = append(terms, alternatives)
	}
	return terms
}

package sqlite

import (
	"context"
	"strings"
	"unicode"

	"github.com/wessex-network/directory/internal/directory"
)

// Search is what a family asks for: services in some areas, for some stages
// and people, reached some ways, about some words. Each list keeps a service
// that names any of its values; an empty list or Words keeps everything.
type Search struct {
	Areas     []string // slugs: services that list any of them
	Stages    []directory.Stage
	Audiences []directory.Audience
	Access    []directory.AccessRoute
	Words     string // free text, matched through the full-text index
}

// synonyms are cheap equivalents a family might use for the words in the
// services' descriptions. Each word of a group finds the others.
var synonyms = [][]string{
	{"dad", "dads", "father", "fathers", "partner", "partners"},
	{"mum", "mums", "mother", "mothers", "maternal"},
	{"baby", "babies", "infant", "infants", "newborn"},
	{"pregnant", "pregnancy", "antenatal", "expecting"},
	{"bonding", "bond", "attachment"},
}

// maxSearchWords caps how many words of free text become part of a query.
const maxSearchWords = 8

// MatchQuery turns free text into an FTS5 query that can only ever be a list
// of quoted words: each word, or any of its synonyms, must appear. Anything
// that is not a letter or digit separates words, so no quote, operator,
// column filter or bracket of the user's reaches FTS5. It returns "" when the
// text holds no word.
func MatchQuery(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var terms []string
	seen := map[string]bool{}
	for _, w := range words {
		if seen[w] || len(terms) == maxSearchWords {
			continue
		}
		seen[w] = true
		alternatives := []string{w}
		for _, group := range synonyms {
			if contains(group, w) {
				alternatives = group
				break
			}
		}
		quoted := make([]string, len(alternatives))
		for i, a := range alternatives {
			quoted[i] = `"` + a + `"`
		}
		if len(quoted) == 1 {
			terms = append(terms, quoted[0])
		} else {
			terms = append(terms, "("+strings.Join(quoted, " OR ")+")")
		}
	}
	return strings.Join(terms, " AND ")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// searchWeights rank a word in a service's name above one in its summary,
// offers, eligibility or description, in the order of service_search's columns.
const searchWeights = "10.0, 5.0, 1.0, 2.0, 3.0"

// SearchServices returns the active services that match s, each with all its
// lists. With words, the best match comes first by bm25; without, services
// come in matrix order and then by name.
func (db *DB) SearchServices(ctx context.Context, s Search) ([]directory.Service, error) {
	query, args, ok := searchQuery(s, serviceColumns, serviceFrom)
	if !ok {
		return nil, nil
	}
	return db.queryServices(ctx, query, args...)
}

// SearchServiceCards returns the services SearchServices would, in the same
// order, but each with only what ServiceCards reads: enough to say whether
// and why it serves a place and to group it by service type, so that a page
// of results can read the rest for its own services alone (ServicesByID).
func (db *DB) SearchServiceCards(ctx context.Context, s Search) ([]directory.Service, error) {
	query, args, ok := searchQuery(s, cardColumns, cardFrom)
	if !ok {
		return nil, nil
	}
	return db.queryServiceCards(ctx, query, args...)
}

// searchQuery builds the query for a search, selecting columns from from. It
// reports false when words were given but none that a search can use, so
// nothing matches.
func searchQuery(s Search, columns, from string) (string, []any, bool) {
	// The unary plus keeps the services_listing index from leading the plan,
	// which would read every active service's entry to find a place's few:
	// the areas' lists of services should lead.
	where := []string{"+s.status = ?"}
	args := []any{directory.StatusActive}
	if len(s.Areas) > 0 {
		where = append(where, `s.id IN (SELECT sa.service_id FROM service_areas sa JOIN areas a ON a.id = sa.area_id
			WHERE a.slug IN (`+placeholders(len(s.Areas))+`))`)
		args = appendAll(args, s.Areas)
	}
	if len(s.Stages) > 0 {
		where = append(where, `s.id IN (SELECT service_id FROM service_stages WHERE stage IN (`+placeholders(len(s.Stages))+`))`)
		args = appendAll(args, s.Stages)
	}
	if len(s.Audiences) > 0 {
		where = append(where, `s.id IN (SELECT service_id FROM service_audiences WHERE audience IN (`+placeholders(len(s.Audiences))+`))`)
		args = appendAll(args, s.Audiences)
	}
	if len(s.Access) > 0 {
		where = append(where, `s.id IN (SELECT service_id FROM service_access WHERE route IN (`+placeholders(len(s.Access))+`))`)
		args = appendAll(args, s.Access)
	}
	// The id settles services of the same name, so the order never depends
	// on the query's plan.
	order := " ORDER BY coalesce(t.position, 1000000), s.name, s.id"
	if match := MatchQuery(s.Words); match != "" {
		from += ` JOIN service_search ON service_search.rowid = s.id`
		where = append(where, "service_search MATCH ?")
		args = append(args, match)
		order = " ORDER BY bm25(service_search, " + searchWeights + "), s.name, s.id"
	} else if strings.TrimSpace(s.Words) != "" {
		return "", nil, false // words were given, but none a search can use
	}
	return `SELECT ` + columns + from + " WHERE " + strings.Join(where, " AND ") + order, args, true
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func appendAll[T any](args []any, values []T) []any {
	for _, v := range values {
		args = append(args, v)
	}
	return args
}

package sqlite

import (
	"context"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// MatchQuery turns free text into an FTS5 query that can only ever be a list
// of quoted words: each term of directory.SearchTerms, as one of its
// alternatives, must appear. No quote, operator, column filter or bracket of
// the user's reaches FTS5. It returns "" when the text holds no word.
func MatchQuery(text string) string {
	var terms []string
	for _, alternatives := range directory.SearchTerms(text) {
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

// searchWeights rank a word in a service's name above one in its summary,
// offers, eligibility or description, in the order of service_search's columns.
const searchWeights = "10.0, 5.0, 1.0, 2.0, 3.0"

// SearchServices returns the active services that match s, each with all its
// lists. With words, the best match comes first by bm25; without, services
// come in matrix order and then by name.
func (db *DB) SearchServices(ctx context.Context, s directory.Search) ([]directory.Service, error) {
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
func (db *DB) SearchServiceCards(ctx context.Context, s directory.Search) ([]directory.Service, error) {
	query, args, ok := searchQuery(s, cardColumns, cardFrom)
	if !ok {
		return nil, nil
	}
	return db.queryServiceCards(ctx, query, args...)
}

// searchQuery builds the query for a search, selecting columns from from. It
// reports false when words were given but none that a search can use, so
// nothing matches.
func searchQuery(s directory.Search, columns, from string) (string, []any, bool) {
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

package postgres

import (
	"context"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// searchWeights rank a word by where in a service it is, for ts_rank, in
// the order {D, C, B, A} of the weights migration 00011 gives the service's
// search document: a word in its name (A) counts 10, in its summary (B) 5,
// in what it offers (C) 3, and in its eligibility or description (D) 1.5.
// SQLite's bm25 weighs the last two apart (2 and 1); PostgreSQL has four
// weights, and the document puts both under D.
const searchWeights = `'{0.15, 0.3, 0.5, 1.0}'`

// searchNormalization divides a service's rank by one plus the logarithm of
// its document's length, so that, as with bm25, a word counts for more in a
// short document than in a long one. Of ts_rank and ts_rank_cd with each
// normalization, this one came nearest bm25's order on SQLite over the
// Wessex dataset (the same order for 17 of 25 one-word and two-word
// searches, and 155 of 179 pairs of results in the same order).
const searchNormalization = `1`

// matchQuery turns free text into a tsquery built in SQL from the terms of
// directory.SearchTerms: each term as one of its alternatives must appear.
// Each alternative is a bound parameter, read with plainto_tsquery over
// unaccent as migration 00011's document is made, so that no operator, quote
// or bracket of the user's is ever tsquery syntax. It returns "" when the
// text holds no word. An alternative that is an English stop word ("the")
// becomes the empty query, which && and || leave out, so stop words do not
// have to appear as they do on SQLite.
func matchQuery(text string, args *binds) string {
	var terms []string
	for _, alternatives := range directory.SearchTerms(text) {
		each := make([]string, len(alternatives))
		for i, a := range alternatives {
			each[i] = "plainto_tsquery('english', unaccent(" + args.add(a) + "))"
		}
		terms = append(terms, "("+strings.Join(each, " || ")+")")
	}
	return strings.Join(terms, " && ")
}

// SearchServices returns the active services that match s, each with all its
// lists. With words, the best match comes first, by ts_rank over the
// weighted search document (PostgreSQL's stand-in for SQLite's bm25), then by
// name; without, services come in matrix order and then by name.
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
	var args binds
	where := []string{"s.status = " + args.add(directory.StatusActive)}
	if len(s.Areas) > 0 {
		where = append(where, `s.id IN (SELECT sa.service_id FROM service_areas sa JOIN areas a ON a.id = sa.area_id
			WHERE a.slug = ANY(`+args.add(s.Areas)+`))`)
	}
	if len(s.Stages) > 0 {
		where = append(where, `s.id IN (SELECT service_id FROM service_stages WHERE stage = ANY(`+args.add(strs(s.Stages))+`))`)
	}
	if len(s.Audiences) > 0 {
		where = append(where, `s.id IN (SELECT service_id FROM service_audiences WHERE audience = ANY(`+args.add(strs(s.Audiences))+`))`)
	}
	if len(s.Access) > 0 {
		where = append(where, `s.id IN (SELECT service_id FROM service_access WHERE route = ANY(`+args.add(strs(s.Access))+`))`)
	}
	// The id settles services of the same name, so the order never depends
	// on the query's plan.
	order := serviceOrder
	if match := matchQuery(s.Words, &args); match != "" {
		from += ` CROSS JOIN (SELECT ` + match + ` AS q) search_query`
		where = append(where, "s.search @@ search_query.q")
		order = " ORDER BY ts_rank(" + searchWeights + ", s.search, search_query.q, " + searchNormalization + ") DESC, s.name, s.id"
	} else if strings.TrimSpace(s.Words) != "" {
		return "", nil, false // words were given, but none a search can use
	}
	return `SELECT ` + columns + from + " WHERE " + strings.Join(where, " AND ") + order, args, true
}

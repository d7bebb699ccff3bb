package postgres

import (
	"context"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

// Indicators returns every indicator in the dataset's order, each with its
// values in area order. A value the source suppressed or lacks is nil.
func (db *DB) Indicators(ctx context.Context) ([]directory.Indicator, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, slug, name, definition, period, source, position FROM indicators ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("list indicators: %w", err)
	}
	defer rows.Close()
	var indicators []directory.Indicator
	index := map[int64]int{}
	for rows.Next() {
		var ind directory.Indicator
		if err := rows.Scan(&ind.ID, &ind.Slug, &ind.Name, &ind.Definition, &ind.Period, &ind.Source, &ind.Position); err != nil {
			return nil, fmt.Errorf("scan indicator: %w", err)
		}
		index[ind.ID] = len(indicators)
		indicators = append(indicators, ind)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read indicators: %w", err)
	}
	rows.Close()

	vals, err := db.pool.Query(ctx, `
		SELECT v.indicator_id, a.slug, a.name, v.value, v.note
		FROM indicator_values v JOIN areas a ON a.id = v.area_id
		ORDER BY v.indicator_id, a.position`)
	if err != nil {
		return nil, fmt.Errorf("list indicator values: %w", err)
	}
	defer vals.Close()
	for vals.Next() {
		var id int64
		var v directory.IndicatorValue
		if err := vals.Scan(&id, &v.Area, &v.AreaName, &v.Value, &v.Note); err != nil {
			return nil, fmt.Errorf("scan indicator value: %w", err)
		}
		if i, ok := index[id]; ok {
			indicators[i].Values = append(indicators[i].Values, v)
		}
	}
	return indicators, vals.Err()
}

// Glossary returns the glossary in alphabetical order: by the term in lower
// case, compared byte by byte as SQLite compares text, whatever the
// database's collation.
func (db *DB) Glossary(ctx context.Context) ([]directory.GlossaryTerm, error) {
	rows, err := db.pool.Query(ctx, `SELECT term, meaning FROM glossary_terms ORDER BY lower(term) COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("list glossary: %w", err)
	}
	defer rows.Close()
	var terms []directory.GlossaryTerm
	for rows.Next() {
		var g directory.GlossaryTerm
		if err := rows.Scan(&g.Term, &g.Meaning); err != nil {
			return nil, fmt.Errorf("scan glossary term: %w", err)
		}
		terms = append(terms, g)
	}
	return terms, rows.Err()
}

// References returns the references in number order.
func (db *DB) References(ctx context.Context) ([]directory.Reference, error) {
	rows, err := db.pool.Query(ctx, `SELECT number, title, detail, url FROM "references" ORDER BY number`)
	if err != nil {
		return nil, fmt.Errorf("list references: %w", err)
	}
	defer rows.Close()
	var refs []directory.Reference
	for rows.Next() {
		var r directory.Reference
		if err := rows.Scan(&r.Number, &r.Title, &r.Detail, &r.URL); err != nil {
			return nil, fmt.Errorf("scan reference: %w", err)
		}
		refs = append(refs, r)
	}
	return refs, rows.Err()
}

package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// cardColumns are what a list of services shows of each, and what deciding
// whether a service serves a place needs besides its areas.
const cardColumns = `s.id, s.uuid, s.slug, s.name, coalesce(t.slug, ''), coalesce(t.name, ''), s.summary,
	CASE WHEN s.life <> '' THEN s.life ELSE s.status END, s.reopens_on,
	s.last_reviewed, s.review_due, s.created_at`

const cardFrom = ` FROM services s LEFT JOIN service_types t ON t.id = s.service_type_id`

// ServiceCards returns the active services that list an area (a slug), in
// the order Services lists them, each with only its id, UUID, slug, name,
// summary, service type and status, and the areas it lists with their
// notes; every other field and list is left empty. An area's page shows no
// more of each service, and on a national dataset lists hundreds of them.
func (db *DB) ServiceCards(ctx context.Context, area string) ([]directory.Service, error) {
	return db.queryServiceCards(ctx, `SELECT `+cardColumns+cardFrom+`
		WHERE s.status = $1 AND s.id IN (SELECT sa.service_id FROM service_areas sa JOIN areas a ON a.id = sa.area_id WHERE a.slug = $2)`+
		serviceOrder, directory.StatusActive, area)
}

// queryServiceCards runs a query that selects cardColumns and returns the
// services it finds, each with its areas.
func (db *DB) queryServiceCards(ctx context.Context, query string, args ...any) ([]directory.Service, error) {
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list services: %w", err)
	}
	var services []directory.Service // nil when none match, as on SQLite
	services, err = pgx.AppendRows(services, rows, func(row pgx.CollectableRow) (directory.Service, error) {
		var s directory.Service
		err := row.Scan(&s.ID, &s.UUID, &s.Slug, &s.Name, &s.ServiceType, &s.ServiceTypeName, &s.Summary, &s.Status, &s.ReopensOn,
			&s.LastReviewed, &s.ReviewDue, &s.CreatedAt)
		return s, err
	})
	if err != nil {
		return nil, fmt.Errorf("read services: %w", err)
	}
	if err := attachAreas(ctx, db.pool, services); err != nil {
		return nil, err
	}
	return services, nil
}

// ServicesByID returns the services with the given ids, in the order of the
// ids, each with all its lists, as Services reads them. An id that names no
// service is left out. The ids go as one array, however many there are.
func (db *DB) ServicesByID(ctx context.Context, ids []int64) ([]directory.Service, error) {
	if len(ids) == 0 {
		return []directory.Service{}, nil
	}
	found, err := db.queryServices(ctx, `SELECT `+serviceColumns+serviceFrom+` WHERE s.id = ANY($1)`, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]directory.Service, len(found))
	for _, s := range found {
		byID[s.ID] = s
	}
	out := make([]directory.Service, 0, len(found))
	for _, id := range ids {
		if s, ok := byID[id]; ok {
			out = append(out, s)
		}
	}
	return out, nil
}

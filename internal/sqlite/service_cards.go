package sqlite

import (
	"context"
	"fmt"

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
// more of each service, and on a national dataset lists hundreds of them:
// reading every field and all five lists of each, as Services does, cost
// most of the page's time. (The unary plus on status keeps the
// services_listing index from leading the plan, as in Services.)
func (db *DB) ServiceCards(ctx context.Context, area string) ([]directory.Service, error) {
	return db.queryServiceCards(ctx, `SELECT `+cardColumns+cardFrom+`
		WHERE +s.status = ? AND s.id IN (SELECT sa.service_id FROM service_areas sa JOIN areas a ON a.id = sa.area_id WHERE a.slug = ?)`+
		serviceOrder, directory.StatusActive, area)
}

// queryServiceCards runs a query that selects cardColumns and returns the
// services it finds, each with its areas.
func (db *DB) queryServiceCards(ctx context.Context, query string, args ...any) ([]directory.Service, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list services: %w", err)
	}
	defer rows.Close()
	var services []directory.Service
	for rows.Next() {
		var s directory.Service
		if err := rows.Scan(&s.ID, &s.UUID, &s.Slug, &s.Name, &s.ServiceType, &s.ServiceTypeName, &s.Summary, &s.Status, &s.ReopensOn,
			&s.LastReviewed, &s.ReviewDue, &s.CreatedAt); err != nil {
			return nil, fmt.Errorf("scan service: %w", err)
		}
		services = append(services, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read services: %w", err)
	}
	rows.Close()
	if err := attachAreas(ctx, db.read, services); err != nil {
		return nil, err
	}
	return services, nil
}

// ServicesByID returns the services with the given ids, in the order of the
// ids, each with all its lists, as Services reads them. An id that names no
// service is left out.
func (db *DB) ServicesByID(ctx context.Context, ids []int64) ([]directory.Service, error) {
	var found []directory.Service
	for start := 0; start < len(ids); start += maxListBatch {
		batch := ids[start:min(start+maxListBatch, len(ids))]
		services, err := db.queryServices(ctx, `SELECT `+serviceColumns+serviceFrom+
			` WHERE s.id IN (`+placeholders(len(batch))+`)`, appendAll(nil, batch)...)
		if err != nil {
			return nil, err
		}
		found = append(found, services...)
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

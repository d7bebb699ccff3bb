package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

const serviceColumns = `s.id, s.uuid, s.slug, s.name, coalesce(t.slug, ''), coalesce(t.name, ''),
	coalesce(o.id, 0), coalesce(o.uuid, ''), coalesce(o.slug, ''), coalesce(o.name, ''), coalesce(o.kind, ''),
	coalesce(o.description, ''), coalesce(o.website, ''), coalesce(o.source, ''),
	s.summary, s.description, s.eligibility, s.how_to_access, s.phone, s.email, s.website, s.address,
	s.opening_hours, CASE WHEN s.life <> '' THEN s.life ELSE s.status END, s.last_reviewed, s.review_due, s.source, s.version, s.created_at, s.updated_at,
	s.opens_on, s.closed_message, s.reopens_on, s.ended_on`

// serviceOrder lists services by service type, then name.
const serviceOrder = ` ORDER BY coalesce(t.position, 1000000), s.name, s.id`

const serviceFrom = ` FROM services s
	LEFT JOIN service_types t ON t.id = s.service_type_id
	LEFT JOIN organisations o ON o.id = s.organisation_id`

func scanService(row interface{ Scan(...any) error }) (directory.Service, error) {
	var s directory.Service
	var o directory.Organisation
	err := row.Scan(&s.ID, &s.UUID, &s.Slug, &s.Name, &s.ServiceType, &s.ServiceTypeName,
		&o.ID, &o.UUID, &o.Slug, &o.Name, &o.Kind, &o.Description, &o.Website, &o.Source,
		&s.Summary, &s.Description, &s.Eligibility, &s.HowToAccess, &s.Contact.Phone, &s.Contact.Email,
		&s.Contact.Website, &s.Contact.Address, &s.Contact.OpeningHours, &s.Status, &s.LastReviewed, &s.ReviewDue,
		&s.Source, &s.Version, &s.CreatedAt, &s.UpdatedAt,
		&s.OpensOn, &s.ClosedMessage, &s.ReopensOn, &s.EndedOn)
	if o.ID != 0 {
		s.Organisation = &o
	}
	return s, err
}

// Service returns the service with the given slug, with all its lists, or an
// ENOTFOUND error.
func (db *DB) Service(ctx context.Context, slug string) (directory.Service, error) {
	s, err := scanService(db.read.QueryRowContext(ctx, `SELECT `+serviceColumns+serviceFrom+` WHERE s.slug = ?`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return s, directory.Errorf(directory.ENOTFOUND, "There is no service %q.", slug)
	}
	if err != nil {
		return s, fmt.Errorf("find service %q: %w", slug, err)
	}
	list := []directory.Service{s}
	if err := attachLists(ctx, db.read, list); err != nil {
		return s, err
	}
	return list[0], nil
}

// Services returns the services that match the filter, ordered by service type
// and then name, each with all its lists.
func (db *DB) Services(ctx context.Context, f directory.ServiceFilter) ([]directory.Service, error) {
	var where []string
	var args []any
	if !f.IncludeArchived {
		// The unary plus keeps the services_listing index from leading the
		// plan, which would read every active service's entry to find an
		// area's few: the area's list of services should lead.
		where = append(where, "+s.status = ?")
		args = append(args, directory.StatusActive)
	}
	if f.Area != "" {
		where = append(where, "s.id IN (SELECT sa.service_id FROM service_areas sa JOIN areas a ON a.id = sa.area_id WHERE a.slug = ?)")
		args = append(args, f.Area)
	}
	if f.ServiceType != "" {
		where = append(where, "t.slug = ?")
		args = append(args, f.ServiceType)
	}
	if f.Organisation != "" {
		where = append(where, "o.slug = ?")
		args = append(args, f.Organisation)
	}
	query := `SELECT ` + serviceColumns + serviceFrom
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += serviceOrder
	return db.queryServices(ctx, query, args...)
}

// queryServices runs a query that selects serviceColumns and returns the
// services it finds, each with all its lists.
func (db *DB) queryServices(ctx context.Context, query string, args ...any) ([]directory.Service, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list services: %w", err)
	}
	defer rows.Close()
	var services []directory.Service
	for rows.Next() {
		s, err := scanService(rows)
		if err != nil {
			return nil, fmt.Errorf("scan service: %w", err)
		}
		services = append(services, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read services: %w", err)
	}
	rows.Close()
	if err := attachLists(ctx, db.read, services); err != nil {
		return nil, err
	}
	return services, nil
}

// maxListBatch bounds how many services one detail query names, well under
// SQLite's limit on the variables in a statement.
var maxListBatch = 5000

// attachLists fills each service's stages, audiences, access routes,
// interventions and areas with one query per list, not one per service, in
// batches small enough for SQLite.
func attachLists(ctx context.Context, q queryer, services []directory.Service) error {
	return attachDetails(ctx, q, services, allDetails)
}

// attachAreas fills only each service's areas, as attachLists does.
func attachAreas(ctx context.Context, q queryer, services []directory.Service) error {
	return attachDetails(ctx, q, services, func(in string) []serviceDetail { return []serviceDetail{areasDetail(in)} })
}

// attachDetails fills the lists that details names for a batch's
// placeholders, in batches of at most maxListBatch services.
func attachDetails(ctx context.Context, q queryer, services []directory.Service, details func(in string) []serviceDetail) error {
	for len(services) > maxListBatch {
		if err := attachBatch(ctx, q, services[:maxListBatch], details); err != nil {
			return err
		}
		services = services[maxListBatch:]
	}
	return attachBatch(ctx, q, services, details)
}

func attachBatch(ctx context.Context, q queryer, services []directory.Service, details func(in string) []serviceDetail) error {
	if len(services) == 0 {
		return nil
	}
	index := make(map[int64]*directory.Service, len(services))
	ids := make([]any, len(services))
	for i := range services {
		index[services[i].ID] = &services[i]
		ids[i] = services[i].ID
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
	for _, d := range details(in) {
		if err := eachDetail(ctx, q, d.query, ids, index, d.add); err != nil {
			return err
		}
	}
	return nil
}

// allDetails reads every list of a batch of services.
func allDetails(in string) []serviceDetail {
	return []serviceDetail{
		{`SELECT service_id, stage, '' FROM service_stages WHERE service_id IN ` + in + ` ORDER BY CASE stage
			WHEN 'pregnancy' THEN 1 WHEN 'under-1' THEN 2 WHEN '1-2' THEN 3 ELSE 4 END`,
			func(s *directory.Service, v, _ string) { s.Stages = append(s.Stages, directory.Stage(v)) }},
		{`SELECT service_id, audience, '' FROM service_audiences WHERE service_id IN ` + in + ` ORDER BY audience`,
			func(s *directory.Service, v, _ string) { s.Audiences = append(s.Audiences, directory.Audience(v)) }},
		{`SELECT service_id, route, '' FROM service_access WHERE service_id IN ` + in + ` ORDER BY route`,
			func(s *directory.Service, v, _ string) { s.Access = append(s.Access, directory.AccessRoute(v)) }},
		{`SELECT service_id, name, '' FROM service_interventions WHERE service_id IN ` + in + ` ORDER BY position`,
			func(s *directory.Service, v, _ string) { s.Interventions = append(s.Interventions, v) }},
		areasDetail(in),
	}
}

// serviceDetail is one of a service's lists: the query that reads it for a
// batch of services, and how each row adds to a service.
type serviceDetail struct {
	query string
	add   func(s *directory.Service, value, note string)
}

// areasDetail reads the areas each service of a batch lists, with their
// notes, in the order the dataset lists the areas. in is the batch's
// placeholders, such as "(?,?,?)".
func areasDetail(in string) serviceDetail {
	return serviceDetail{`SELECT sa.service_id, a.slug || '|' || a.name, sa.note FROM service_areas sa JOIN areas a ON a.id = sa.area_id
			WHERE sa.service_id IN ` + in + ` ORDER BY a.position`,
		func(s *directory.Service, v, note string) {
			slug, name, _ := strings.Cut(v, "|")
			s.Areas = append(s.Areas, directory.ServiceArea{Area: slug, AreaName: name, Note: note})
		}}
}

func eachDetail(ctx context.Context, q queryer, query string, ids []any, index map[int64]*directory.Service,
	add func(s *directory.Service, value, note string)) error {
	rows, err := q.QueryContext(ctx, query, ids...)
	if err != nil {
		return fmt.Errorf("list service details: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var value, note string
		if err := rows.Scan(&id, &value, &note); err != nil {
			return fmt.Errorf("scan service detail: %w", err)
		}
		if s, ok := index[id]; ok {
			add(s, value, note)
		}
	}
	return rows.Err()
}

// CountServices returns how many services are active.
func (db *DB) CountServices(ctx context.Context) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM services WHERE status = ?`, directory.StatusActive).Scan(&n); err != nil {
		return 0, fmt.Errorf("count services: %w", err)
	}
	return n, nil
}

// InterventionNames returns the distinct names of the interventions that
// active services offer, in byte order, without loading the services.
//
// It steps through the names index from one name to the next instead of
// reading every row, so it costs a few lookups per name however many
// services offer each, and keeps a name only if an active service offers it.
func (db *DB) InterventionNames(ctx context.Context) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, `WITH RECURSIVE names(name) AS (
			SELECT min(name) FROM service_interventions
			UNION ALL
			SELECT (SELECT min(i.name) FROM service_interventions i WHERE i.name > names.name)
			FROM names WHERE names.name IS NOT NULL
		)
		SELECT name FROM names WHERE name IS NOT NULL AND EXISTS (
			SELECT 1 FROM service_interventions i JOIN services s ON s.id = i.service_id
			WHERE i.name = names.name AND s.status = ?)
		ORDER BY name`, directory.StatusActive)
	if err != nil {
		return nil, fmt.Errorf("list intervention names: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("scan intervention name: %w", err)
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

// Organisations returns every organisation by name.
func (db *DB) Organisations(ctx context.Context) ([]directory.Organisation, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, uuid, slug, name, kind, description, website, source FROM organisations ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list organisations: %w", err)
	}
	defer rows.Close()
	var orgs []directory.Organisation
	for rows.Next() {
		var o directory.Organisation
		if err := rows.Scan(&o.ID, &o.UUID, &o.Slug, &o.Name, &o.Kind, &o.Description, &o.Website, &o.Source); err != nil {
			return nil, fmt.Errorf("scan organisation: %w", err)
		}
		orgs = append(orgs, o)
	}
	return orgs, rows.Err()
}

// queryer is what both the read pool and a transaction offer.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// sortByReviewDue orders services by review date, never-reviewed first.
func sortByReviewDue(services []directory.Service) {
	sort.SliceStable(services, func(i, j int) bool {
		return services[i].ReviewDue < services[j].ReviewDue
	})
}

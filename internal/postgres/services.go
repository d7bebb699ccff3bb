package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// serviceColumns are a service's own fields with its service type's and
// organisation's, in the order scanService reads them.
const serviceColumns = `s.id, s.uuid, s.slug, s.name, coalesce(t.slug, ''), coalesce(t.name, ''),
	coalesce(o.id, 0), coalesce(o.uuid, ''), coalesce(o.slug, ''), coalesce(o.name, ''), coalesce(o.kind, ''),
	coalesce(o.description, ''), coalesce(o.website, ''), coalesce(o.source, ''),
	s.summary, s.description, s.eligibility, s.how_to_access, s.phone, s.email, s.website, s.address,
	s.opening_hours, CASE WHEN s.life <> '' THEN s.life ELSE s.status END, s.last_reviewed, s.review_due, s.source, s.version, s.created_at, s.updated_at,
	s.opens_on, s.closed_message, s.reopens_on, s.ended_on`

// noTypePosition is where services without a service type come in the list:
// after every service type, as on SQLite.
const noTypePosition = 1000000

// serviceOrder lists services by service type, then name, then id, so that
// the order never depends on the query's plan. Names compare by the
// database's collation, as the services_listing index holds them; on a
// database created with the C or C.UTF-8 locale (as scripts/with-postgres
// makes it) that is byte order, as on SQLite.
const serviceOrder = ` ORDER BY coalesce(t.position, 1000000), s.name, s.id`

const serviceFrom = ` FROM services s
	LEFT JOIN service_types t ON t.id = s.service_type_id
	LEFT JOIN organisations o ON o.id = s.organisation_id`

// binds collects a query's arguments, handing out the placeholder of each.
type binds []any

// add appends an argument and returns its placeholder, such as $3.
func (b *binds) add(v any) string {
	*b = append(*b, v)
	return "$" + strconv.Itoa(len(*b))
}

// strs converts a list of a string type to the []string pgx sends as text[].
func strs[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// serviceReader is what both the pool and a transaction offer for reading.
type serviceReader interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// rowToService scans one row of serviceColumns, for pgx.AppendRows.
func rowToService(row pgx.CollectableRow) (directory.Service, error) { return scanService(row) }

func scanService(row pgx.Row) (directory.Service, error) {
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
	return serviceBy(ctx, db.pool, `s.slug = $1`, slug, func() error {
		return directory.Errorf(directory.ENOTFOUND, "There is no service %q.", slug)
	})
}

// serviceBy reads the one service that cond (over one argument, $1) picks,
// with all its lists, or answers notFound's error when none does.
func serviceBy(ctx context.Context, q serviceReader, cond string, arg any, notFound func() error) (directory.Service, error) {
	s, err := scanService(q.QueryRow(ctx, `SELECT `+serviceColumns+serviceFrom+` WHERE `+cond, arg))
	if errors.Is(err, pgx.ErrNoRows) {
		return s, notFound()
	}
	if err != nil {
		return s, fmt.Errorf("find service %q: %w", arg, err)
	}
	list := []directory.Service{s}
	if err := attachLists(ctx, q, list); err != nil {
		return s, err
	}
	return list[0], nil
}

// Services returns the services that match the filter, ordered by service type
// and then name, each with all its lists.
func (db *DB) Services(ctx context.Context, f directory.ServiceFilter) ([]directory.Service, error) {
	var where []string
	var args binds
	if !f.IncludeArchived {
		where = append(where, "s.status = "+args.add(directory.StatusActive))
	}
	if f.Area != "" {
		where = append(where, "s.id IN (SELECT sa.service_id FROM service_areas sa JOIN areas a ON a.id = sa.area_id WHERE a.slug = "+
			args.add(f.Area)+")")
	}
	if f.ServiceType != "" {
		where = append(where, "t.slug = "+args.add(f.ServiceType))
	}
	if f.Organisation != "" {
		where = append(where, "o.slug = "+args.add(f.Organisation))
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
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list services: %w", err)
	}
	var services []directory.Service // nil when none match, as on SQLite
	services, err = pgx.AppendRows(services, rows, rowToService)
	if err != nil {
		return nil, fmt.Errorf("read services: %w", err)
	}
	if err := attachLists(ctx, db.pool, services); err != nil {
		return nil, err
	}
	return services, nil
}

// attachLists fills each service's stages, audiences, access routes,
// interventions and areas with one query per list, not one per service: the
// services' ids go as one array, which PostgreSQL takes whatever its length.
func attachLists(ctx context.Context, q serviceReader, services []directory.Service) error {
	return attachDetails(ctx, q, services, allDetails)
}

// attachAreas fills only each service's areas, as attachLists does.
func attachAreas(ctx context.Context, q serviceReader, services []directory.Service) error {
	return attachDetails(ctx, q, services, []serviceDetail{areasDetail})
}

// attachDetails fills the lists that details names.
func attachDetails(ctx context.Context, q serviceReader, services []directory.Service, details []serviceDetail) error {
	if len(services) == 0 {
		return nil
	}
	index := make(map[int64]*directory.Service, len(services))
	ids := make([]int64, len(services))
	for i := range services {
		index[services[i].ID] = &services[i]
		ids[i] = services[i].ID
	}
	for _, d := range details {
		if err := eachDetail(ctx, q, d, ids, index); err != nil {
			return err
		}
	}
	return nil
}

// serviceDetail is one of a service's lists: the query that reads it for an
// array of services' ids ($1), and how each row adds to a service.
type serviceDetail struct {
	query string
	add   func(s *directory.Service, value, note string)
}

// allDetails reads every list of a batch of services. The vocabularies sort
// in byte order (COLLATE "C"), as SQLite sorts them.
var allDetails = []serviceDetail{
	{`SELECT service_id, stage, '' FROM service_stages WHERE service_id = ANY($1) ORDER BY CASE stage
			WHEN 'pregnancy' THEN 1 WHEN 'under-1' THEN 2 WHEN '1-2' THEN 3 ELSE 4 END`,
		func(s *directory.Service, v, _ string) { s.Stages = append(s.Stages, directory.Stage(v)) }},
	{`SELECT service_id, audience, '' FROM service_audiences WHERE service_id = ANY($1) ORDER BY audience COLLATE "C"`,
		func(s *directory.Service, v, _ string) { s.Audiences = append(s.Audiences, directory.Audience(v)) }},
	{`SELECT service_id, route, '' FROM service_access WHERE service_id = ANY($1) ORDER BY route COLLATE "C"`,
		func(s *directory.Service, v, _ string) { s.Access = append(s.Access, directory.AccessRoute(v)) }},
	{`SELECT service_id, name, '' FROM service_interventions WHERE service_id = ANY($1) ORDER BY position`,
		func(s *directory.Service, v, _ string) { s.Interventions = append(s.Interventions, v) }},
	areasDetail,
}

// areasDetail reads the areas each service of a batch lists, with their
// notes, in the order the dataset lists the areas.
var areasDetail = serviceDetail{`SELECT sa.service_id, a.slug || '|' || a.name, sa.note
		FROM service_areas sa JOIN areas a ON a.id = sa.area_id
		WHERE sa.service_id = ANY($1) ORDER BY a.position, a.id`,
	func(s *directory.Service, v, note string) {
		slug, name, _ := strings.Cut(v, "|")
		s.Areas = append(s.Areas, directory.ServiceArea{Area: slug, AreaName: name, Note: note})
	}}

func eachDetail(ctx context.Context, q serviceReader, d serviceDetail, ids []int64, index map[int64]*directory.Service) error {
	rows, err := q.Query(ctx, d.query, ids)
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
			d.add(s, value, note)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list service details: %w", err)
	}
	return nil
}

// CountServices returns how many services are active.
func (db *DB) CountServices(ctx context.Context) (int, error) {
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM services WHERE status = $1`, directory.StatusActive).Scan(&n); err != nil {
		return 0, fmt.Errorf("count services: %w", err)
	}
	return n, nil
}

// InterventionNames returns the distinct names of the interventions that
// active services offer, in byte order, without loading the services.
//
// As on SQLite, it steps through the service_interventions_name index from
// one name to the next (PostgreSQL 15 has no skip scan of its own) instead
// of reading every row, so it costs a few lookups per name however many
// services offer each, and keeps a name only if an active service offers
// it. The index steps in the database's collation; the names are then put
// in byte order here, whatever that collation is.
func (db *DB) InterventionNames(ctx context.Context) ([]string, error) {
	rows, err := db.pool.Query(ctx, `WITH RECURSIVE names(name) AS (
			SELECT min(name) FROM service_interventions
			UNION ALL
			SELECT (SELECT min(i.name) FROM service_interventions i WHERE i.name > names.name)
			FROM names WHERE names.name IS NOT NULL
		)
		SELECT name FROM names WHERE name IS NOT NULL AND EXISTS (
			SELECT 1 FROM service_interventions i JOIN services s ON s.id = i.service_id
			WHERE i.name = names.name AND s.status = $1)`, directory.StatusActive)
	if err != nil {
		return nil, fmt.Errorf("list intervention names: %w", err)
	}
	var names []string
	names, err = pgx.AppendRows(names, rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("scan intervention name: %w", err)
	}
	slices.Sort(names)
	return names, nil
}

// Organisations returns every organisation by name (in the database's
// collation, then by id).
func (db *DB) Organisations(ctx context.Context) ([]directory.Organisation, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+organisationColumns+` FROM organisations ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list organisations: %w", err)
	}
	var orgs []directory.Organisation
	orgs, err = pgx.AppendRows(orgs, rows, func(row pgx.CollectableRow) (directory.Organisation, error) { return scanOrganisation(row) })
	if err != nil {
		return nil, fmt.Errorf("scan organisation: %w", err)
	}
	return orgs, nil
}

// organisationColumns are an organisation's fields in the order
// scanOrganisation reads them.
const organisationColumns = `id, uuid, slug, name, kind, description, website, source`

func scanOrganisation(row pgx.Row) (directory.Organisation, error) {
	var o directory.Organisation
	err := row.Scan(&o.ID, &o.UUID, &o.Slug, &o.Name, &o.Kind, &o.Description, &o.Website, &o.Source)
	return o, err
}

// sortByReviewDue orders services by review date, never-reviewed first.
func sortByReviewDue(services []directory.Service) {
	sort.SliceStable(services, func(i, j int) bool {
		return services[i].ReviewDue < services[j].ReviewDue
	})
}

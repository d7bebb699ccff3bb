package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/wessex-network/directory/internal/directory"
)

// atLocationUUID returns the id under which the open data API publishes the
// place a service is offered: the stable UUID of the kind
// "service-at-location" for the service's slug, which the API derives too.
func atLocationUUID(slug string) string {
	return directory.StableUUID("service-at-location", slug)
}

// fillAtLocationUUIDs gives each service added before migration 00070 the id
// of the place it is offered, which SQL cannot derive. Once every service has
// one, it costs one lookup in the index of those ids.
func (db *DB) fillAtLocationUUIDs(ctx context.Context) error {
	rows, err := db.write.QueryContext(ctx, `SELECT id, slug FROM services WHERE at_location_uuid IS NULL`)
	if err != nil {
		return fmt.Errorf("find services without a place id: %w", err)
	}
	slugs := map[int64]string{}
	for rows.Next() {
		var id int64
		var slug string
		if err := rows.Scan(&id, &slug); err != nil {
			rows.Close()
			return fmt.Errorf("find services without a place id: %w", err)
		}
		slugs[id] = slug
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("find services without a place id: %w", err)
	}
	if len(slugs) == 0 {
		return nil
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("fill place ids: %w", err)
	}
	defer tx.Rollback()
	for id, slug := range slugs {
		if _, err := tx.ExecContext(ctx, `UPDATE services SET at_location_uuid = ? WHERE id = ? AND at_location_uuid IS NULL`,
			atLocationUUID(slug), id); err != nil {
			return fmt.Errorf("fill the place id of service %q: %w", slug, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("fill place ids: %w", err)
	}
	return nil
}

// atLocationColumns are what the open data API publishes of a service at the
// place it is offered: the service's slug and address, which make the place,
// and the fields of the service and its organisation that its summary carries.
const atLocationColumns = `s.uuid, s.slug, s.name, s.description, s.email, s.website, s.address, CASE WHEN s.life <> '' THEN s.life ELSE s.status END,
	s.last_reviewed, s.updated_at, coalesce(o.id, 0), coalesce(o.uuid, ''), coalesce(o.slug, ''),
	coalesce(o.name, ''), coalesce(o.description, ''), coalesce(o.website, '')`

// atLocationWhere picks the services that are offered at a place: the active
// ones with an address. It names the condition of the services_with_address
// index, so that the database reads that index alone.
const atLocationWhere = ` WHERE s.status = ? AND s.address <> ''`

func scanAtLocation(row interface{ Scan(...any) error }) (directory.Service, error) {
	var s directory.Service
	var o directory.Organisation
	err := row.Scan(&s.UUID, &s.Slug, &s.Name, &s.Description, &s.Contact.Email, &s.Contact.Website,
		&s.Contact.Address, &s.Status, &s.LastReviewed, &s.UpdatedAt,
		&o.ID, &o.UUID, &o.Slug, &o.Name, &o.Description, &o.Website)
	if o.ID != 0 {
		s.Organisation = &o
	}
	return s, err
}

// ServicesAtLocationsPage returns one page of the services offered at a
// place (the active services with an address), in the order Services lists
// them, and how many there are in all. Each service carries only its slug,
// its address and what oruk.ServiceSummary publishes.
func (db *DB) ServicesAtLocationsPage(ctx context.Context, limit, offset int) ([]directory.Service, int, error) {
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM services s`+atLocationWhere,
		directory.StatusActive).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count services at places: %w", err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+atLocationColumns+serviceFrom+atLocationWhere+serviceOrder+` LIMIT ? OFFSET ?`,
		directory.StatusActive, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("page services at places: %w", err)
	}
	defer rows.Close()
	var services []directory.Service
	for rows.Next() {
		s, err := scanAtLocation(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan service at a place: %w", err)
		}
		services = append(services, s)
	}
	return services, total, rows.Err()
}

// ServiceAtLocation returns the service offered at the place with the given
// id, with the fields ServicesAtLocationsPage reads, or an ENOTFOUND error
// if no active service with an address has that id.
func (db *DB) ServiceAtLocation(ctx context.Context, id string) (directory.Service, error) {
	s, err := scanAtLocation(db.read.QueryRowContext(ctx, `SELECT `+atLocationColumns+serviceFrom+atLocationWhere+
		` AND s.at_location_uuid = ?`, directory.StatusActive, id))
	if errors.Is(err, sql.ErrNoRows) {
		return s, directory.Errorf(directory.ENOTFOUND, "There is no service at a location with the id %q.", id)
	}
	if err != nil {
		return s, fmt.Errorf("find service at the place %q: %w", id, err)
	}
	return s, nil
}

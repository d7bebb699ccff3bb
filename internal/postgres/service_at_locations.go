package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// atLocationColumns are what the open data API publishes of a service at the
// place it is offered: the service's slug and address, which make the place,
// and the fields of the service and its organisation that its summary carries.
const atLocationColumns = `s.uuid, s.slug, s.name, s.description, s.email, s.website, s.address, CASE WHEN s.life <> '' THEN s.life ELSE s.status END,
	s.last_reviewed, s.updated_at, coalesce(o.id, 0), coalesce(o.uuid, ''), coalesce(o.slug, ''),
	coalesce(o.name, ''), coalesce(o.description, ''), coalesce(o.website, '')`

// atLocationWhere picks the services that are offered at a place: the active
// ones with an address. It names the condition of the services_with_address
// partial index (migration 00070), so that the database may read that index
// alone.
const atLocationWhere = ` WHERE s.status = $1 AND s.address <> ''`

func scanAtLocation(row pgx.Row) (directory.Service, error) {
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
// its address and what oruk.ServiceSummary publishes. The page is LIMIT and
// OFFSET over the list's order, as on SQLite: few services record an
// address. A negative limit means no limit, as SQLite reads it.
func (db *DB) ServicesAtLocationsPage(ctx context.Context, limit, offset int) ([]directory.Service, int, error) {
	var total int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM services s`+atLocationWhere,
		directory.StatusActive).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count services at places: %w", err)
	}
	var lim any = limit
	if limit < 0 {
		lim = nil // LIMIT NULL is no limit
	}
	rows, err := db.pool.Query(ctx, `SELECT `+atLocationColumns+serviceFrom+atLocationWhere+serviceOrder+` LIMIT $2 OFFSET $3`,
		directory.StatusActive, lim, max(offset, 0))
	if err != nil {
		return nil, 0, fmt.Errorf("page services at places: %w", err)
	}
	var services []directory.Service
	services, err = pgx.AppendRows(services, rows, func(row pgx.CollectableRow) (directory.Service, error) { return scanAtLocation(row) })
	if err != nil {
		return nil, 0, fmt.Errorf("scan service at a place: %w", err)
	}
	return services, total, nil
}

// ServiceAtLocation returns the service offered at the place with the given
// id, with the fields ServicesAtLocationsPage reads, or an ENOTFOUND error
// if no active service with an address has that id.
func (db *DB) ServiceAtLocation(ctx context.Context, id string) (directory.Service, error) {
	s, err := scanAtLocation(db.pool.QueryRow(ctx, `SELECT `+atLocationColumns+serviceFrom+atLocationWhere+
		` AND s.at_location_uuid = $2`, directory.StatusActive, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return s, directory.Errorf(directory.ENOTFOUND, "There is no service at a location with the id %q.", id)
	}
	if err != nil {
		return s, fmt.Errorf("find service at the place %q: %w", id, err)
	}
	return s, nil
}

package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

// ServicePageFilter narrows a page of active services for the open data API.
// Zero values match everything. The last five are the values the API
// publishes as taxonomy terms, each matched exactly.
type ServicePageFilter struct {
	Search           string    // text in the name, summary or description, any case
	OrganisationUUID string    // the organisation's stable id
	ModifiedAfter    time.Time // services changed at or after this moment
	ServiceType      string    // the service type's slug
	Stage            directory.Stage
	Audience         directory.Audience
	Access           directory.AccessRoute
	Intervention     string // the name of an intervention the service offers
}

// ServicesPage returns one page of the active services that match the
// filter, in the order Services lists them, and how many match in all. It
// reads only the services' own fields, not their lists, and asks the
// database for the one page, so a national directory is never loaded whole.
func (db *DB) ServicesPage(ctx context.Context, f ServicePageFilter, limit, offset int) ([]directory.Service, int, error) {
	where := []string{"s.status = ?"}
	args := []any{directory.StatusActive}
	if f.Search != "" {
		where = append(where, "(instr(lower(s.name), ?) > 0 OR instr(lower(s.summary), ?) > 0 OR instr(lower(s.description), ?) > 0)")
		needle := strings.ToLower(f.Search)
		args = append(args, needle, needle, needle)
	}
	if f.OrganisationUUID != "" {
		where = append(where, "lower(o.uuid) = ?")
		args = append(args, strings.ToLower(f.OrganisationUUID))
	}
	if !f.ModifiedAfter.IsZero() {
		// Stored times are RFC 3339 to the second, so a moment part-way
		// through a second is rounded up to the next whole one.
		after := f.ModifiedAfter.UTC()
		if after.Nanosecond() > 0 {
			after = after.Truncate(time.Second).Add(time.Second)
		}
		where = append(where, "s.updated_at >= ?")
		args = append(args, after.Format(time.RFC3339))
	}
	if f.ServiceType != "" {
		where = append(where, "t.slug = ?")
		args = append(args, f.ServiceType)
	}
	// Each list is its own table, named here, never taken from the filter.
	for _, l := range []struct{ table, column, value string }{
		{"service_stages", "stage", string(f.Stage)},
		{"service_audiences", "audience", string(f.Audience)},
		{"service_access", "route", string(f.Access)},
		{"service_interventions", "name", f.Intervention},
	} {
		if l.value != "" {
			where = append(where, "s.id IN (SELECT service_id FROM "+l.table+" WHERE "+l.column+" = ?)")
			args = append(args, l.value)
		}
	}
	cond := " WHERE " + strings.Join(where, " AND ")

	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*)`+serviceFrom+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count services: %w", err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+serviceColumns+serviceFrom+cond+serviceOrder+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("page services: %w", err)
	}
	defer rows.Close()
	var services []directory.Service
	for rows.Next() {
		s, err := scanService(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan service: %w", err)
		}
		services = append(services, s)
	}
	return services, total, rows.Err()
}

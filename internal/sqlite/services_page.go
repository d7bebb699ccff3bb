package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

// ServicesPage returns one page of the active services that match the
// filter, in the order Services lists them (by service type, then name), and
// how many match in all. It reads only the services' own fields, not their
// lists, and asks the database for the one page, so a national directory is
// never loaded whole.
//
// A deep page costs no more than the first. The services are counted by
// service type in one pass over the services_listing index (migration
// 00090), which gives the total and where each type's services begin in the
// list; the page is then read from the type or types it falls in, each in
// name order straight from that index, skipping only the services of that
// type that come before it. OFFSET over the whole list would sort every
// matching service and step past all those before the page.
func (db *DB) ServicesPage(ctx context.Context, f directory.ServicePageFilter, limit, offset int) ([]directory.Service, int, error) {
	cond, args := servicePageWhere(f)
	// One read transaction, so the counts and the page come from the same
	// snapshot of the database even while staff write.
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("page services: %w", err)
	}
	defer tx.Rollback()
	groups, total, err := serviceTypeGroups(ctx, tx, cond, args)
	if err != nil {
		return nil, 0, err
	}
	var services []directory.Service
	start := 0 // the place in the whole list of the group's first service
	for _, g := range groups {
		if limit <= 0 {
			break
		}
		if offset >= start+g.count {
			start += g.count
			continue
		}
		skip := max(offset-start, 0)
		page, err := pageOfGroup(ctx, tx, cond, args, g, limit, skip)
		if err != nil {
			return nil, 0, err
		}
		services = append(services, page...)
		limit -= len(page)
		offset = start + g.count
		start += g.count
	}
	return services, total, nil
}

// servicePageWhere turns the filter into conditions on the services table
// alone, so that the services can be counted from an index without joining
// their service types and organisations.
func servicePageWhere(f directory.ServicePageFilter) (string, []any) {
	where := []string{"s.status = ?"}
	args := []any{directory.StatusActive}
	if f.Search != "" {
		where = append(where, "(instr(lower(s.name), ?) > 0 OR instr(lower(s.summary), ?) > 0 OR instr(lower(s.description), ?) > 0)")
		needle := strings.ToLower(f.Search)
		args = append(args, needle, needle, needle)
	}
	if f.OrganisationUUID != "" {
		where = append(where, "s.organisation_id IN (SELECT id FROM organisations WHERE lower(uuid) = ?)")
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
		where = append(where, "s.service_type_id IN (SELECT id FROM service_types WHERE slug = ?)")
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
	return strings.Join(where, " AND "), args
}

// noTypePosition is where services without a service type come in the list:
// after every service type, as serviceOrder puts them.
const noTypePosition = 1000000

// typeGroup is a run of the list: the matching services of the service types
// that share one position (usually one type), which the list orders by name.
type typeGroup struct {
	position int
	typeIDs  []int64
	untyped  bool // the group holds the services without a service type
	count    int
}

// serviceTypeGroups counts the services that match cond by service type and
// returns them as groups in list order, with the total.
func serviceTypeGroups(ctx context.Context, q queryer, cond string, args []any) ([]typeGroup, int, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.type_id, coalesce(t.position, ?), c.n
		FROM (SELECT s.service_type_id AS type_id, count(*) AS n FROM services s WHERE `+cond+`
			GROUP BY s.service_type_id) c
		LEFT JOIN service_types t ON t.id = c.type_id`, append([]any{noTypePosition}, args...)...)
	if err != nil {
		return nil, 0, fmt.Errorf("count services by service type: %w", err)
	}
	defer rows.Close()
	var groups []typeGroup
	total := 0
	for rows.Next() {
		var typeID sql.NullInt64
		var position, n int
		if err := rows.Scan(&typeID, &position, &n); err != nil {
			return nil, 0, fmt.Errorf("scan service count: %w", err)
		}
		total += n
		i := slices.IndexFunc(groups, func(g typeGroup) bool { return g.position == position })
		if i < 0 {
			groups = append(groups, typeGroup{position: position})
			i = len(groups) - 1
		}
		g := &groups[i]
		g.count += n
		if typeID.Valid {
			g.typeIDs = append(g.typeIDs, typeID.Int64)
		} else {
			g.untyped = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("count services by service type: %w", err)
	}
	slices.SortFunc(groups, func(a, b typeGroup) int { return a.position - b.position })
	return groups, total, nil
}

// pageOfGroup reads up to limit of a group's matching services in name
// order, after skipping the first skip of them. For a group of one service
// type the services_listing index hands them over in that order, so only
// the skipped entries of the index are stepped over and nothing is sorted.
func pageOfGroup(ctx context.Context, q queryer, cond string, args []any, g typeGroup, limit, skip int) ([]directory.Service, error) {
	var in []string
	groupArgs := append([]any{}, args...)
	if len(g.typeIDs) == 1 && !g.untyped {
		in = append(in, "s.service_type_id = ?")
	} else if len(g.typeIDs) > 0 {
		in = append(in, "s.service_type_id IN ("+placeholders(len(g.typeIDs))+")")
	}
	groupArgs = appendAll(groupArgs, g.typeIDs)
	if g.untyped {
		in = append(in, "s.service_type_id IS NULL")
	}
	// The page's ids come from the index alone; only then are the page's
	// own rows read and joined, so a skipped service costs an index entry,
	// not a visit to its row and its organisation.
	query := `SELECT ` + serviceColumns + serviceFrom + ` WHERE s.id IN (
			SELECT s.id FROM services s WHERE ` + cond + ` AND (` + strings.Join(in, " OR ") + `)
			ORDER BY s.name, s.id LIMIT ? OFFSET ?)
		ORDER BY s.name, s.id`
	rows, err := q.QueryContext(ctx, query, append(groupArgs, limit, skip)...)
	if err != nil {
		return nil, fmt.Errorf("page services: %w", err)
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
		return nil, fmt.Errorf("page services: %w", err)
	}
	return services, nil
}

package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// ServicesPage returns one page of the active services that match the
// filter, in the order Services lists them (by service type, then name), and
// how many match in all. It reads only the services' own fields, not their
// lists, and asks the database for the one page, so a national directory is
// never loaded whole.
//
// A deep page costs little more than the first, by the same index approach
// as on SQLite. The services are counted by service type in one pass over the
// services_listing index (status, service_type_id, name, id; migration
// 00090), which gives the total and where each type's services begin in the
// list; the page is then read from the type or types it falls in, each with
// LIMIT and OFFSET over that index in its own order (name, then id, within
// one status and type), so only the skipped entries of that one type are
// stepped over and nothing is sorted. OFFSET over the whole list would sort
// every matching service and step past all those before the page.
func (db *DB) ServicesPage(ctx context.Context, f directory.ServicePageFilter, limit, offset int) ([]directory.Service, int, error) {
	cond, args := servicePageWhere(f)
	// One read-only transaction at REPEATABLE READ, so that the counts and
	// the page come from the same snapshot even while staff write.
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, 0, fmt.Errorf("page services: %w", err)
	}
	defer tx.Rollback(ctx)
	groups, total, err := serviceTypeGroups(ctx, tx, cond, args)
	if err != nil {
		return nil, 0, err
	}
	offset = max(offset, 0)
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
func servicePageWhere(f directory.ServicePageFilter) (string, binds) {
	var args binds
	where := []string{"s.status = " + args.add(directory.StatusActive)}
	if f.Search != "" {
		needle := args.add(strings.ToLower(f.Search))
		where = append(where, "(strpos(lower(s.name), "+needle+") > 0 OR strpos(lower(s.summary), "+needle+") > 0 OR strpos(lower(s.description), "+needle+") > 0)")
	}
	if f.OrganisationUUID != "" {
		where = append(where, "s.organisation_id IN (SELECT id FROM organisations WHERE lower(uuid) = "+args.add(strings.ToLower(f.OrganisationUUID))+")")
	}
	if !f.ModifiedAfter.IsZero() {
		// Stored times are RFC 3339 to the second, so a moment part-way
		// through a second is rounded up to the next whole one.
		after := f.ModifiedAfter.UTC()
		if after.Nanosecond() > 0 {
			after = after.Truncate(time.Second).Add(time.Second)
		}
		where = append(where, "s.updated_at >= "+args.add(after.Format(time.RFC3339)))
	}
	if f.ServiceType != "" {
		where = append(where, "s.service_type_id IN (SELECT id FROM service_types WHERE slug = "+args.add(f.ServiceType)+")")
	}
	// Each list is its own table, named here, never taken from the filter.
	for _, l := range []struct{ table, column, value string }{
		{"service_stages", "stage", string(f.Stage)},
		{"service_audiences", "audience", string(f.Audience)},
		{"service_access", "route", string(f.Access)},
		{"service_interventions", "name", f.Intervention},
	} {
		if l.value != "" {
			where = append(where, "s.id IN (SELECT service_id FROM "+l.table+" WHERE "+l.column+" = "+args.add(l.value)+")")
		}
	}
	return strings.Join(where, " AND "), args
}

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
func serviceTypeGroups(ctx context.Context, q serviceReader, cond string, args binds) ([]typeGroup, int, error) {
	args = slices.Clone(args) // the caller's arguments stay as they were
	position := args.add(noTypePosition)
	rows, err := q.Query(ctx, `SELECT c.type_id, coalesce(t.position, `+position+`), c.n
		FROM (SELECT s.service_type_id AS type_id, count(*) AS n FROM services s WHERE `+cond+`
			GROUP BY s.service_type_id) c
		LEFT JOIN service_types t ON t.id = c.type_id`, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("count services by service type: %w", err)
	}
	defer rows.Close()
	var groups []typeGroup
	total := 0
	for rows.Next() {
		var typeID *int64
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
		if typeID != nil {
			g.typeIDs = append(g.typeIDs, *typeID)
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
func pageOfGroup(ctx context.Context, q serviceReader, cond string, args binds, g typeGroup, limit, skip int) ([]directory.Service, error) {
	groupArgs := slices.Clone(args)
	var in []string
	switch {
	case len(g.typeIDs) == 1 && !g.untyped:
		in = append(in, "s.service_type_id = "+groupArgs.add(g.typeIDs[0]))
	case len(g.typeIDs) > 0:
		in = append(in, "s.service_type_id = ANY("+groupArgs.add(g.typeIDs)+")")
	}
	if g.untyped {
		in = append(in, "s.service_type_id IS NULL")
	}
	// The page's ids come from the index alone; only then are the page's
	// own rows read and joined, so a skipped service costs an index entry,
	// not a visit to its organisation.
	query := `SELECT ` + serviceColumns + serviceFrom + ` WHERE s.id IN (
			SELECT s.id FROM services s WHERE ` + cond + ` AND (` + strings.Join(in, " OR ") + `)
			ORDER BY s.name, s.id LIMIT ` + groupArgs.add(limit) + ` OFFSET ` + groupArgs.add(skip) + `)
		ORDER BY s.name, s.id`
	rows, err := q.Query(ctx, query, groupArgs...)
	if err != nil {
		return nil, fmt.Errorf("page services: %w", err)
	}
	var services []directory.Service
	services, err = pgx.AppendRows(services, rows, rowToService)
	if err != nil {
		return nil, fmt.Errorf("page services: %w", err)
	}
	return services, nil
}

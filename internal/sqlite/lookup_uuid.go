package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// ServiceByUUID returns the service with the given UUID, archived or not,
// with all its lists, or an ENOTFOUND error. Open data names services by UUID.
func (db *DB) ServiceByUUID(ctx context.Context, id string) (directory.Service, error) {
	s, err := scanService(db.read.QueryRowContext(ctx, `SELECT `+serviceColumns+serviceFrom+` WHERE s.uuid = ?`, strings.ToLower(id)))
	if errors.Is(err, sql.ErrNoRows) {
		return s, directory.Errorf(directory.ENOTFOUND, "There is no service with the id %q.", id)
	}
	if err != nil {
		return s, fmt.Errorf("find service %q: %w", id, err)
	}
	list := []directory.Service{s}
	if err := attachLists(ctx, db.read, list); err != nil {
		return s, err
	}
	return list[0], nil
}

// OrganisationByUUID returns the organisation with the given UUID, or an
// ENOTFOUND error.
func (db *DB) OrganisationByUUID(ctx context.Context, id string) (directory.Organisation, error) {
	var o directory.Organisation
	err := db.read.QueryRowContext(ctx, `SELECT id, uuid, slug, name, kind, description, website, source
		FROM organisations WHERE uuid = ?`, strings.ToLower(id)).
		Scan(&o.ID, &o.UUID, &o.Slug, &o.Name, &o.Kind, &o.Description, &o.Website, &o.Source)
	if errors.Is(err, sql.ErrNoRows) {
		return o, directory.Errorf(directory.ENOTFOUND, "There is no organisation with the id %q.", id)
	}
	if err != nil {
		return o, fmt.Errorf("find organisation %q: %w", id, err)
	}
	return o, nil
}

package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wessex-network/directory/internal/directory"
)

// ServiceByUUID returns the service with the given UUID, archived or not,
// with all its lists, or an ENOTFOUND error. Open data names services by UUID.
func (db *DB) ServiceByUUID(ctx context.Context, id string) (directory.Service, error) {
	return serviceBy(ctx, db.pool, `s.uuid = $1`, strings.ToLower(id), func() error {
		return directory.Errorf(directory.ENOTFOUND, "There is no service with the id %q.", id)
	})
}

// OrganisationByUUID returns the organisation with the given UUID, or an
// ENOTFOUND error.
func (db *DB) OrganisationByUUID(ctx context.Context, id string) (directory.Organisation, error) {
	o, err := scanOrganisation(db.pool.QueryRow(ctx, `SELECT `+organisationColumns+` FROM organisations WHERE uuid = $1`, strings.ToLower(id)))
	if errors.Is(err, pgx.ErrNoRows) {
		return o, directory.Errorf(directory.ENOTFOUND, "There is no organisation with the id %q.", id)
	}
	if err != nil {
		return o, fmt.Errorf("find organisation %q: %w", id, err)
	}
	return o, nil
}

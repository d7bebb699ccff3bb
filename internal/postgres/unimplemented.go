package postgres

import (
	"context"
	"errors"

	"github.com/wessex-network/directory/internal/directory"
)

// errNotYet is what a method answers that the PostgreSQL store does not have
// yet. Every method listed here is still to be written; a method leaves this
// file when it is implemented, and the file goes when it is empty.
var errNotYet = errors.New("not yet implemented on PostgreSQL")

// CreateUser is not yet implemented on PostgreSQL.
func (db *DB) CreateUser(ctx context.Context, actor directory.Actor, u directory.User, passwordHash string) (directory.User, error) {
	return directory.User{}, errNotYet
}

// UserByEmail is not yet implemented on PostgreSQL.
func (db *DB) UserByEmail(ctx context.Context, email string) (directory.User, string, error) {
	return directory.User{}, "", errNotYet
}

// User is not yet implemented on PostgreSQL.
func (db *DB) User(ctx context.Context, id int64) (directory.User, error) {
	return directory.User{}, errNotYet
}

// Users is not yet implemented on PostgreSQL.
func (db *DB) Users(ctx context.Context) ([]directory.User, error) { return nil, errNotYet }

// CountActiveUsers is not yet implemented on PostgreSQL.
func (db *DB) CountActiveUsers(ctx context.Context) (int, error) { return 0, errNotYet }

// DisableUser is not yet implemented on PostgreSQL.
func (db *DB) DisableUser(ctx context.Context, actor directory.Actor, id int64) (directory.User, error) {
	return directory.User{}, errNotYet
}

// EnableUser is not yet implemented on PostgreSQL.
func (db *DB) EnableUser(ctx context.Context, actor directory.Actor, id int64) (directory.User, error) {
	return directory.User{}, errNotYet
}

// RecordDemand is not yet implemented on PostgreSQL.
func (db *DB) RecordDemand(ctx context.Context, counts map[directory.DemandKey]directory.DemandCount) error {
	return errNotYet
}

// Demand is not yet implemented on PostgreSQL.
func (db *DB) Demand(ctx context.Context, from, to string) ([]directory.DemandRow, error) {
	return nil, errNotYet
}

// Recommendations is not yet implemented on PostgreSQL.
func (db *DB) Recommendations(ctx context.Context) ([]directory.Recommendation, error) {
	return nil, errNotYet
}

// Actions is not yet implemented on PostgreSQL.
func (db *DB) Actions(ctx context.Context, area string) ([]directory.GapAction, error) {
	return nil, errNotYet
}

// Action is not yet implemented on PostgreSQL.
func (db *DB) Action(ctx context.Context, id int64) (directory.GapAction, error) {
	return directory.GapAction{}, errNotYet
}

// CreateAction is not yet implemented on PostgreSQL.
func (db *DB) CreateAction(ctx context.Context, actor directory.Actor, g directory.GapAction) (directory.GapAction, error) {
	return directory.GapAction{}, errNotYet
}

// UpdateAction is not yet implemented on PostgreSQL.
func (db *DB) UpdateAction(ctx context.Context, actor directory.Actor, g directory.GapAction) (directory.GapAction, error) {
	return directory.GapAction{}, errNotYet
}

// RestoreAction is not yet implemented on PostgreSQL.
func (db *DB) RestoreAction(ctx context.Context, actor directory.Actor, id int64, version int, auditID int64, before bool) (directory.GapAction, error) {
	return directory.GapAction{}, errNotYet
}

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

// Service is not yet implemented on PostgreSQL.
func (db *DB) Service(ctx context.Context, slug string) (directory.Service, error) {
	return directory.Service{}, errNotYet
}

// Services is not yet implemented on PostgreSQL.
func (db *DB) Services(ctx context.Context, f directory.ServiceFilter) ([]directory.Service, error) {
	return nil, errNotYet
}

// ServicesByID is not yet implemented on PostgreSQL.
func (db *DB) ServicesByID(ctx context.Context, ids []int64) ([]directory.Service, error) {
	return nil, errNotYet
}

// ServiceCards is not yet implemented on PostgreSQL.
func (db *DB) ServiceCards(ctx context.Context, area string) ([]directory.Service, error) {
	return nil, errNotYet
}

// CountServices is not yet implemented on PostgreSQL.
func (db *DB) CountServices(ctx context.Context) (int, error) { return 0, errNotYet }

// InterventionNames is not yet implemented on PostgreSQL.
func (db *DB) InterventionNames(ctx context.Context) ([]string, error) { return nil, errNotYet }

// Organisations is not yet implemented on PostgreSQL.
func (db *DB) Organisations(ctx context.Context) ([]directory.Organisation, error) {
	return nil, errNotYet
}

// ServicesDueForReview is not yet implemented on PostgreSQL.
func (db *DB) ServicesDueForReview(ctx context.Context, today string) ([]directory.Service, error) {
	return nil, errNotYet
}

// CreateService is not yet implemented on PostgreSQL.
func (db *DB) CreateService(ctx context.Context, actor directory.Actor, s directory.Service, reason string) (directory.Service, error) {
	return directory.Service{}, errNotYet
}

// UpdateService is not yet implemented on PostgreSQL.
func (db *DB) UpdateService(ctx context.Context, actor directory.Actor, s directory.Service, reason string) (directory.Service, error) {
	return directory.Service{}, errNotYet
}

// SetServiceStatus is not yet implemented on PostgreSQL.
func (db *DB) SetServiceStatus(ctx context.Context, actor directory.Actor, slug string, version int, status, reason string) (directory.Service, error) {
	return directory.Service{}, errNotYet
}

// MarkReviewed is not yet implemented on PostgreSQL.
func (db *DB) MarkReviewed(ctx context.Context, actor directory.Actor, slug string, version int) (directory.Service, error) {
	return directory.Service{}, errNotYet
}

// RestoreService is not yet implemented on PostgreSQL.
func (db *DB) RestoreService(ctx context.Context, actor directory.Actor, slug string, version int, auditID int64, before bool) (directory.Service, error) {
	return directory.Service{}, errNotYet
}

// SearchServices is not yet implemented on PostgreSQL.
func (db *DB) SearchServices(ctx context.Context, s directory.Search) ([]directory.Service, error) {
	return nil, errNotYet
}

// SearchServiceCards is not yet implemented on PostgreSQL.
func (db *DB) SearchServiceCards(ctx context.Context, s directory.Search) ([]directory.Service, error) {
	return nil, errNotYet
}

// ServicesPage is not yet implemented on PostgreSQL.
func (db *DB) ServicesPage(ctx context.Context, f directory.ServicePageFilter, limit, offset int) ([]directory.Service, int, error) {
	return nil, 0, errNotYet
}

// ServicesAtLocationsPage is not yet implemented on PostgreSQL.
func (db *DB) ServicesAtLocationsPage(ctx context.Context, limit, offset int) ([]directory.Service, int, error) {
	return nil, 0, errNotYet
}

// ServiceAtLocation is not yet implemented on PostgreSQL.
func (db *DB) ServiceAtLocation(ctx context.Context, id string) (directory.Service, error) {
	return directory.Service{}, errNotYet
}

// ServiceByUUID is not yet implemented on PostgreSQL.
func (db *DB) ServiceByUUID(ctx context.Context, id string) (directory.Service, error) {
	return directory.Service{}, errNotYet
}

// OrganisationByUUID is not yet implemented on PostgreSQL.
func (db *DB) OrganisationByUUID(ctx context.Context, id string) (directory.Organisation, error) {
	return directory.Organisation{}, errNotYet
}

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

// Import is not yet implemented on PostgreSQL.
func (db *DB) Import(ctx context.Context, actor directory.Actor, batch directory.ImportBatch, dryRun bool) ([]directory.ImportOutcome, error) {
	return nil, errNotYet
}

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

// Matrix is not yet implemented on PostgreSQL.
func (db *DB) Matrix(ctx context.Context, asOf string) (*directory.Matrix, error) {
	return nil, errNotYet
}

// MatrixOf is not yet implemented on PostgreSQL.
func (db *DB) MatrixOf(ctx context.Context, asOf string, f directory.MatrixFilter) (*directory.Matrix, error) {
	return nil, errNotYet
}

// RatedAreas is not yet implemented on PostgreSQL.
func (db *DB) RatedAreas(ctx context.Context, asOf string) ([]directory.Area, error) {
	return nil, errNotYet
}

// CellHistory is not yet implemented on PostgreSQL.
func (db *DB) CellHistory(ctx context.Context, serviceType, area string) ([]directory.CoverageCell, error) {
	return nil, errNotYet
}

// RateCell is not yet implemented on PostgreSQL.
func (db *DB) RateCell(ctx context.Context, actor directory.Actor, c directory.CellChange) (directory.CoverageCell, error) {
	return directory.CoverageCell{}, errNotYet
}

// RestoreCell is not yet implemented on PostgreSQL.
func (db *DB) RestoreCell(ctx context.Context, actor directory.Actor, serviceType, area string, cellID, basedOn int64) (directory.CoverageCell, error) {
	return directory.CoverageCell{}, errNotYet
}

// Baselines is not yet implemented on PostgreSQL.
func (db *DB) Baselines(ctx context.Context) ([]directory.Baseline, error) { return nil, errNotYet }

// Tiles is not yet implemented on PostgreSQL.
func (db *DB) Tiles(ctx context.Context) ([]directory.Tile, error) { return nil, errNotYet }

// Areas is not yet implemented on PostgreSQL.
func (db *DB) Areas(ctx context.Context) ([]directory.Area, error) { return nil, errNotYet }

// Area is not yet implemented on PostgreSQL.
func (db *DB) Area(ctx context.Context, slug string) (directory.Area, error) {
	return directory.Area{}, errNotYet
}

// CreateArea is not yet implemented on PostgreSQL.
func (db *DB) CreateArea(ctx context.Context, actor directory.Actor, a directory.Area) (directory.Area, error) {
	return directory.Area{}, errNotYet
}

// UpdateArea is not yet implemented on PostgreSQL.
func (db *DB) UpdateArea(ctx context.Context, actor directory.Actor, a directory.Area) (directory.Area, error) {
	return directory.Area{}, errNotYet
}

// RestoreArea is not yet implemented on PostgreSQL.
func (db *DB) RestoreArea(ctx context.Context, actor directory.Actor, slug string, version int, auditID int64, before bool) (directory.Area, error) {
	return directory.Area{}, errNotYet
}

// Places is not yet implemented on PostgreSQL.
func (db *DB) Places(ctx context.Context) ([]directory.Place, error) { return nil, errNotYet }

// HasPlaces is not yet implemented on PostgreSQL.
func (db *DB) HasPlaces(ctx context.Context) (bool, error) { return false, errNotYet }

// ServiceTypes is not yet implemented on PostgreSQL.
func (db *DB) ServiceTypes(ctx context.Context) ([]directory.ServiceType, error) {
	return nil, errNotYet
}

// ServiceType is not yet implemented on PostgreSQL.
func (db *DB) ServiceType(ctx context.Context, slug string) (directory.ServiceType, error) {
	return directory.ServiceType{}, errNotYet
}

// ServiceTypesInMatrix is not yet implemented on PostgreSQL.
func (db *DB) ServiceTypesInMatrix(ctx context.Context) (map[string]bool, error) {
	return nil, errNotYet
}

// CreateServiceType is not yet implemented on PostgreSQL.
func (db *DB) CreateServiceType(ctx context.Context, actor directory.Actor, t directory.ServiceType) (directory.ServiceType, error) {
	return directory.ServiceType{}, errNotYet
}

// UpdateServiceType is not yet implemented on PostgreSQL.
func (db *DB) UpdateServiceType(ctx context.Context, actor directory.Actor, t directory.ServiceType) (directory.ServiceType, error) {
	return directory.ServiceType{}, errNotYet
}

// RestoreServiceType is not yet implemented on PostgreSQL.
func (db *DB) RestoreServiceType(ctx context.Context, actor directory.Actor, slug string, version int, auditID int64, before bool) (directory.ServiceType, error) {
	return directory.ServiceType{}, errNotYet
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

// Indicators is not yet implemented on PostgreSQL.
func (db *DB) Indicators(ctx context.Context) ([]directory.Indicator, error) { return nil, errNotYet }

// Glossary is not yet implemented on PostgreSQL.
func (db *DB) Glossary(ctx context.Context) ([]directory.GlossaryTerm, error) { return nil, errNotYet }

// References is not yet implemented on PostgreSQL.
func (db *DB) References(ctx context.Context) ([]directory.Reference, error) { return nil, errNotYet }

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

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

// Indicators is not yet implemented on PostgreSQL.
func (db *DB) Indicators(ctx context.Context) ([]directory.Indicator, error) { return nil, errNotYet }

// Glossary is not yet implemented on PostgreSQL.
func (db *DB) Glossary(ctx context.Context) ([]directory.GlossaryTerm, error) { return nil, errNotYet }

// References is not yet implemented on PostgreSQL.
func (db *DB) References(ctx context.Context) ([]directory.Reference, error) { return nil, errNotYet }

// Import is not yet implemented on PostgreSQL.
func (db *DB) Import(ctx context.Context, actor directory.Actor, batch directory.ImportBatch, dryRun bool) ([]directory.ImportOutcome, error) {
	return nil, errNotYet
}

package directory

import (
	"context"
	"time"
)

// The store is declared here, one interface per aggregate, in the way the
// server and the commands use it. internal/sqlite and internal/postgres each
// implement Store in full with their own hand-written SQL; nothing outside
// them knows which engine answers.
//
// Every method that changes a record takes the Actor who made the change and
// writes its audit entry in the same transaction. An edit carries the version
// it started from and is refused with a ConflictError, carrying the stored
// record, when that version has moved on. A record that does not exist gives
// an ENOTFOUND error, and a record that breaks a rule a ValidationError.

// ServiceStore reads and changes services and their organisations.
type ServiceStore interface {
	// Service returns the service with the given slug, with all its lists.
	Service(ctx context.Context, slug string) (Service, error)
	// Services returns the services that match the filter, ordered by service
	// type and then name, each with all its lists.
	Services(ctx context.Context, f ServiceFilter) ([]Service, error)
	// ServicesByID returns the services with the given ids, in the order of
	// the ids, each with all its lists. An id that names no service is left
	// out.
	ServicesByID(ctx context.Context, ids []int64) ([]Service, error)
	// ServiceCards returns the active services that list an area, in the
	// order Services lists them, each with only what a result card shows and
	// its order needs: its id, UUID, slug, name, summary, service type,
	// status and reopening date, its review dates and when it was added, and
	// the areas it lists with their notes.
	ServiceCards(ctx context.Context, area string) ([]Service, error)
	// CountServices returns how many services are active.
	CountServices(ctx context.Context) (int, error)
	// InterventionNames returns the distinct names of the interventions that
	// active services offer, in byte order.
	InterventionNames(ctx context.Context) ([]string, error)
	// Organisations returns every organisation by name.
	Organisations(ctx context.Context) ([]Organisation, error)
	// ServicesDueForReview returns the active services that have never been
	// reviewed or whose review date has come by today, the most overdue first.
	ServicesDueForReview(ctx context.Context, today string) ([]Service, error)
	// CreateService adds a service that staff entered, with its lists.
	CreateService(ctx context.Context, actor Actor, s Service, reason string) (Service, error)
	// UpdateService saves staff's edit of a service.
	UpdateService(ctx context.Context, actor Actor, s Service, reason string) (Service, error)
	// SetServiceStatus gives a service the status a change sets (see
	// StatusChange), with its dates and message, and the version check of
	// any edit. Nothing is deleted.
	SetServiceStatus(ctx context.Context, actor Actor, slug string, c StatusChange) (Service, error)
	// OpenDueServices makes active every scheduled service whose date to
	// open has come and every temporarily closed one whose date to reopen
	// has, audited as the system's change, and returns them.
	OpenDueServices(ctx context.Context) ([]Service, error)
	// MarkReviewed records that staff checked a service and found it still
	// correct: reviewed today, due again in six months.
	MarkReviewed(ctx context.Context, actor Actor, slug string, version int) (Service, error)
	// RestoreService makes an earlier version of a service the current one:
	// the one an audit record saved after its change or, with before set,
	// before it. The restore is itself audited.
	RestoreService(ctx context.Context, actor Actor, slug string, version int, auditID int64, before bool) (Service, error)
}

// SearchStore finds services for families and for the open data API.
type SearchStore interface {
	// SearchServices returns the active services that match s, each with all
	// its lists. With words, the best match comes first; without, services
	// come in matrix order and then by name.
	SearchServices(ctx context.Context, s Search) ([]Service, error)
	// SearchServiceCards returns the services SearchServices would, in the
	// same order, each with only what ServiceCards reads.
	SearchServiceCards(ctx context.Context, s Search) ([]Service, error)
	// ServicesPage returns one page of the active services that match the
	// filter, in the order Services lists them, each with its own fields but
	// not its lists, and how many match in all. A deep page must cost no more
	// than the first.
	ServicesPage(ctx context.Context, f ServicePageFilter, limit, offset int) ([]Service, int, error)
	// ServicesAtLocationsPage returns one page of the active services with an
	// address, in the order Services lists them, and how many there are.
	ServicesAtLocationsPage(ctx context.Context, limit, offset int) ([]Service, int, error)
	// ServiceAtLocation returns the active service with an address whose
	// service-at-location id is id, with the fields ServicesAtLocationsPage
	// reads.
	ServiceAtLocation(ctx context.Context, id string) (Service, error)
	// ServiceByUUID returns the service with the given UUID, archived or not,
	// with all its lists.
	ServiceByUUID(ctx context.Context, id string) (Service, error)
	// OrganisationByUUID returns the organisation with the given UUID.
	OrganisationByUUID(ctx context.Context, id string) (Organisation, error)
}

// CoverageStore reads and rates the matrix of service types by area.
type CoverageStore interface {
	// Matrix returns the coverage matrix as it stood on asOf (YYYY-MM-DD):
	// for each service type and area, the latest cell effective on or before
	// that date (of cells on the same date, the last recorded). Its rows and
	// columns are the service types and areas that have such a cell, in the
	// order ServiceTypes and Areas list them. An empty asOf means today.
	Matrix(ctx context.Context, asOf string) (*Matrix, error)
	// MatrixOf returns the part of the matrix on asOf that the filter picks,
	// as Matrix would show it.
	MatrixOf(ctx context.Context, asOf string, f MatrixFilter) (*Matrix, error)
	// RatedAreas returns the areas the matrix on asOf rates, its columns, in
	// the order Areas lists them, without reading the cells.
	RatedAreas(ctx context.Context, asOf string) ([]Area, error)
	// CellHistory returns every rating recorded for a service type in an
	// area, the latest first. The first is the one in force.
	CellHistory(ctx context.Context, serviceType, area string) ([]CoverageCell, error)
	// RateCell records a new rating for a cell, effective from the change's
	// date. The history keeps every earlier rating.
	RateCell(ctx context.Context, actor Actor, c CellChange) (CoverageCell, error)
	// RestoreCell records again the rating and note of an earlier cell,
	// effective today, as a restore.
	RestoreCell(ctx context.Context, actor Actor, serviceType, area string, cellID, basedOn int64) (CoverageCell, error)
	// Baselines returns the named baselines in the dataset's order.
	Baselines(ctx context.Context) ([]Baseline, error)
	// Tiles returns where each area sits on the schematic coverage map, row
	// by row from the north-west.
	Tiles(ctx context.Context) ([]Tile, error)
}

// AreaStore reads and changes areas and the gazetteer of places in them.
type AreaStore interface {
	// Areas returns every area in the order the dataset lists them.
	Areas(ctx context.Context) ([]Area, error)
	// Area returns the area with the given slug.
	Area(ctx context.Context, slug string) (Area, error)
	// CreateArea adds an area after the last one. A slug that is taken, or a
	// parent that does not exist, gives a field error.
	CreateArea(ctx context.Context, actor Actor, a Area) (Area, error)
	// UpdateArea saves an admin's edit of an area. The slug never changes,
	// and a parent that would make the area its own ancestor is refused.
	UpdateArea(ctx context.Context, actor Actor, a Area) (Area, error)
	// RestoreArea gives an area again the fields an admin can edit, as an
	// audit record saved them after its change or, with before set, before
	// it. The restored fields are checked as an edit's are.
	RestoreArea(ctx context.Context, actor Actor, slug string, version int, auditID int64, before bool) (Area, error)
	// Places returns every gazetteer entry, in the order they were loaded.
	Places(ctx context.Context) ([]Place, error)
	// HasPlaces reports whether the gazetteer holds any place.
	HasPlaces(ctx context.Context) (bool, error)
}

// ServiceTypeStore reads and changes the kinds of service the matrix rates.
type ServiceTypeStore interface {
	// ServiceTypes returns every service type in matrix order.
	ServiceTypes(ctx context.Context) ([]ServiceType, error)
	// ServiceType returns the service type with the given slug.
	ServiceType(ctx context.Context, slug string) (ServiceType, error)
	// ServiceTypesInMatrix returns the slugs of the service types that have
	// at least one coverage cell, and so are rows of the matrix.
	ServiceTypesInMatrix(ctx context.Context) (map[string]bool, error)
	// CreateServiceType adds a service type after the last one. A slug that
	// is taken gives a field error.
	CreateServiceType(ctx context.Context, actor Actor, t ServiceType) (ServiceType, error)
	// UpdateServiceType saves an admin's edit of a service type's name and
	// description. The slug never changes.
	UpdateServiceType(ctx context.Context, actor Actor, t ServiceType) (ServiceType, error)
	// RestoreServiceType gives a service type again the name and description
	// an audit record saved after its change or, with before set, before it.
	RestoreServiceType(ctx context.Context, actor Actor, slug string, version int, auditID int64, before bool) (ServiceType, error)
}

// UserStore keeps the staff accounts.
type UserStore interface {
	// CreateUser adds a staff account with an already hashed password. An
	// email that is taken gives an EINVALID error.
	CreateUser(ctx context.Context, actor Actor, u User, passwordHash string) (User, error)
	// UserByEmail returns an account and its password hash.
	UserByEmail(ctx context.Context, email string) (User, string, error)
	// User returns the account with the given id.
	User(ctx context.Context, id int64) (User, error)
	// Users returns every account, by name.
	Users(ctx context.Context) ([]User, error)
	// CountActiveUsers returns how many accounts can log in.
	CountActiveUsers(ctx context.Context) (int, error)
	// DisableUser stops an account from logging in, and so its open sessions
	// from working. It refuses to disable the last active admin.
	DisableUser(ctx context.Context, actor Actor, id int64) (User, error)
	// EnableUser lets a disabled account log in again, with the password and
	// role it had.
	EnableUser(ctx context.Context, actor Actor, id int64) (User, error)
}

// AuditStore reads the audit log, which only ever grows.
type AuditStore interface {
	// History returns the audit records of one record, newest first.
	History(ctx context.Context, entity, key string) ([]AuditEntry, error)
	// RecentChanges returns the latest audit records across the directory,
	// newest first.
	RecentChanges(ctx context.Context, limit int) ([]AuditEntry, error)
	// AuditEntry returns one audit record.
	AuditEntry(ctx context.Context, id int64) (AuditEntry, error)
}

// ReferenceStore reads the report's need indicators, glossary and
// references.
type ReferenceStore interface {
	// Indicators returns every indicator in the dataset's order, each with
	// its values in area order.
	Indicators(ctx context.Context) ([]Indicator, error)
	// Glossary returns the glossary in alphabetical order.
	Glossary(ctx context.Context) ([]GlossaryTerm, error)
	// References returns the references in number order.
	References(ctx context.Context) ([]Reference, error)
}

// DemandStore keeps the daily tally of public searches.
type DemandStore interface {
	// RecordDemand adds counts to the daily tally, in one transaction. The
	// write must not change the content version: the tally is on no public
	// page that the cache keeps for long.
	RecordDemand(ctx context.Context, counts map[DemandKey]DemandCount) error
	// Demand returns the tally from one day to another, both included, in
	// day and area order.
	Demand(ctx context.Context, from, to string) ([]DemandRow, error)
}

// ActionStore keeps what is being done about each gap, and the report's
// recommendations the actions serve.
type ActionStore interface {
	// Recommendations returns the report's recommendations in its order.
	Recommendations(ctx context.Context) ([]Recommendation, error)
	// Actions returns every action on a gap, in the matrix's order of areas
	// and service types, oldest first within a cell. area, when not empty,
	// keeps one area's.
	Actions(ctx context.Context, area string) ([]GapAction, error)
	// Action returns one action on a gap.
	Action(ctx context.Context, id int64) (GapAction, error)
	// CreateAction records a new action on a cell of the matrix.
	CreateAction(ctx context.Context, actor Actor, g GapAction) (GapAction, error)
	// UpdateAction saves an edit of an action. The cell it is on never
	// changes.
	UpdateAction(ctx context.Context, actor Actor, g GapAction) (GapAction, error)
	// RestoreAction gives an action again the fields an audit record saved,
	// after its change or, with before set, before it.
	RestoreAction(ctx context.Context, actor Actor, id int64, version int, auditID int64, before bool) (GapAction, error)
}

// SuggestionStore keeps what members of the public suggest, without an
// account. Only staff read it: no write here may change the content version
// but the audit record of closing one.
type SuggestionStore interface {
	// CreateSuggestion stores a suggestion, open, after checking its fields.
	// A ServiceID that names no service gives an ENOTFOUND error.
	CreateSuggestion(ctx context.Context, s Suggestion) (Suggestion, error)
	// Suggestions returns the suggestions with the given status, oldest
	// first; an empty status returns every one.
	Suggestions(ctx context.Context, status string) ([]Suggestion, error)
	// CloseSuggestion closes an open suggestion with staff's note, and
	// audits it.
	CloseSuggestion(ctx context.Context, actor Actor, id int64, note string) (Suggestion, error)
	// ForgetOldEmails blanks the email of every suggestion closed before
	// the given date (YYYY-MM-DD), and returns how many it blanked.
	ForgetOldEmails(ctx context.Context, before string) (int, error)
}

// DatasetStore brings records in: the report's seed, and feeds.
type DatasetStore interface {
	// Load validates a dataset and adds every record that is not there yet,
	// all in one transaction: a dataset with any problem writes nothing.
	// Records already present, matched by slug or key, are never
	// overwritten, so staff edits survive.
	Load(ctx context.Context, ds *Dataset) (LoadResult, error)
	// Import adds or updates every record of a batch in one transaction,
	// matching records by UUID (or, without one, by slug), and audits each
	// change with the action "import". Any refused record refuses the whole
	// batch with a ValidationError naming each refused record and field.
	// With dryRun the same work is done and then rolled back.
	Import(ctx context.Context, actor Actor, batch ImportBatch, dryRun bool) ([]ImportOutcome, error)
	// Empty reports whether the store holds no areas yet, which is how a new
	// directory is told apart from one that has been seeded.
	Empty(ctx context.Context) (bool, error)
	// Synthetic reports whether the store holds a synthetic dataset made for
	// testing rather than real services.
	Synthetic() bool
	// MarkSynthetic records, for good, that the store holds synthetic data.
	MarkSynthetic(ctx context.Context) error
}

// SessionStore keeps staff sessions: the shape scs asks of a store.
type SessionStore interface {
	// Find returns a session's data, and false if it is unknown or expired.
	Find(token string) ([]byte, bool, error)
	// Commit adds a session, or replaces its data and expiry.
	Commit(token string, b []byte, expiry time.Time) error
	// Delete removes a session.
	Delete(token string) error
}

// Store is the whole store, as one engine provides it.
type Store interface {
	ServiceStore
	SearchStore
	CoverageStore
	AreaStore
	ServiceTypeStore
	UserStore
	AuditStore
	ReferenceStore
	DemandStore
	ActionStore
	SuggestionStore
	OutboxStore
	ProposalStore
	DatasetStore
	HeldStore
	FeedStore
	NoteStore
	WatchStore
	ReviewOwnerStore

	// Sessions returns the store's session store.
	Sessions() SessionStore
	// ContentVersion returns a number that changes whenever a committed
	// write, by this process or any other on the same store, may have changed
	// what a public page shows. Sessions, the demand tally and other writes
	// outside the public tables leave it alone.
	ContentVersion(ctx context.Context) (uint64, error)
	// Today returns the current date, YYYY-MM-DD, by the store's clock.
	Today() string
	// PoolStats reports the connection counts of each of the store's pools,
	// by the pool's name.
	PoolStats() map[string]PoolStats
	// Ping reports whether the store answers a query.
	Ping(ctx context.Context) error
	// Backup writes a consistent copy of the whole store to path while the
	// directory keeps serving. It refuses to overwrite an existing file.
	Backup(ctx context.Context, path string) error
	// Close releases the store's connections.
	Close() error
}

// PoolStats counts one pool's connections, for the server's metrics.
type PoolStats struct {
	Open, InUse, Idle int
	Waits             int64         // times a query waited for a free connection
	Wait              time.Duration // time spent waiting in all
}

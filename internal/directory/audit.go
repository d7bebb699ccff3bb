package directory

// The kinds of record the audit log tracks.
const (
	EntityService      = "service"
	EntityCoverageCell = "coverage_cell"
	EntityServiceType  = "service_type"
	EntityArea         = "area"
	EntityUser         = "user"
)

// AuditEntry is one change: who made it, when, to what, why, and the record
// before and after as JSON.
type AuditEntry struct {
	ID        int64
	At        string // RFC 3339
	UserID    int64
	UserName  string
	Entity    string
	EntityKey string
	Action    string
	Reason    string
	Before    string
	After     string
}

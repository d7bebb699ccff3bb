package oruk

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

// ServiceQuery is what a client asked of GET /services.
type ServiceQuery struct {
	Paging
	Search         string
	TaxonomyTermID string
	OrganizationID string
	ModifiedAfter  time.Time // zero: no limit
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// ValidUUID reports whether s is written as a UUID.
func ValidUUID(s string) bool { return uuidPattern.MatchString(s) }

// ParseServiceQuery reads the filters and paging of GET /services, refusing
// a malformed value with an EINVALID error.
func ParseServiceQuery(q url.Values) (ServiceQuery, error) {
	p, err := ParsePaging(q)
	if err != nil {
		return ServiceQuery{}, err
	}
	sq := ServiceQuery{
		Paging: p, Search: strings.TrimSpace(q.Get("search")),
		TaxonomyTermID: q.Get("taxonomy_term_id"), OrganizationID: q.Get("organization_id"),
	}
	for name, v := range map[string]string{"taxonomy_term_id": sq.TaxonomyTermID, "organization_id": sq.OrganizationID} {
		if v != "" && !ValidUUID(v) {
			return sq, directory.Errorf(directory.EINVALID, "The parameter %s must be a UUID.", name)
		}
	}
	if v := q.Get("modified_after"); v != "" {
		t, err := ParseTime(v)
		if err != nil {
			return sq, directory.Errorf(directory.EINVALID, "The parameter modified_after must be a date, YYYY-MM-DD, or a date and time such as 2024-01-31T09:00:00Z.")
		}
		sq.ModifiedAfter = t
	}
	return sq, nil
}

// ParseTime reads a date-time in RFC 3339 or a date, YYYY-MM-DD (midnight UTC).
func ParseTime(v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t, nil
	}
	return time.Parse("2006-01-02", v)
}

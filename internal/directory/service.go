package directory

// Service statuses: active, or archived (seen by staff alone). A service's
// life has three more (see life.go). Nothing is deleted.
const (
	StatusActive   = "active"
	StatusArchived = "archived"
)

// Organisation runs one or more services.
type Organisation struct {
	ID          int64
	UUID        string
	Slug        string
	Name        string
	Kind        string // such as "charity" or "programme"
	Description string
	Website     string
	Source      string
}

// ServiceArea is an area a service covers, with a note where it covers only
// part of it, such as "Havant and Gosport only".
type ServiceArea struct {
	Area     string // slug
	AreaName string
	Note     string
}

// Contact holds the ways to reach a service. The report gives none of them,
// so each stays empty until staff record it.
type Contact struct {
	Phone        string
	Email        string
	Website      string
	Address      string
	OpeningHours string
}

// Empty reports whether no contact detail is recorded.
func (c Contact) Empty() bool {
	return c.Phone == "" && c.Email == "" && c.Website == "" && c.Address == "" && c.OpeningHours == ""
}

// Service is something that helps the relationship between parents and their baby.
type Service struct {
	ID              int64
	UUID            string
	Slug            string
	Name            string
	ServiceType     string // slug, empty for services outside the matrix
	ServiceTypeName string
	Organisation    *Organisation
	Summary         string // one line, for lists
	Description     string
	Eligibility     string // who it is for, in words
	HowToAccess     string // how to get it, in words
	Stages          []Stage
	Audiences       []Audience
	Access          []AccessRoute
	Interventions   []string
	Areas           []ServiceArea
	Contact         Contact
	Status          string // one of Statuses
	OpensOn         string // YYYY-MM-DD, for a scheduled service
	ClosedMessage   string // for a temporarily closed service: what families should know
	ReopensOn       string // YYYY-MM-DD, for a temporarily closed service, if known
	EndedOn         string // YYYY-MM-DD, for an ended service
	LastReviewed    string // YYYY-MM-DD
	ReviewDue       string // YYYY-MM-DD; six months after LastReviewed unless staff set it
	Source          string
	Version         int
	CreatedAt       string
	UpdatedAt       string
	// HeldAreas, on a service an import brings, are the places its feed
	// named when none is an area of this directory: the import holds it
	// back (see ImportHeld). Nil for every other service.
	HeldAreas []string
}

// ServesArea reports whether the service lists the area, and the note if so.
func (s Service) ServesArea(area string) (ServiceArea, bool) {
	for _, a := range s.Areas {
		if a.Area == area {
			return a, true
		}
	}
	return ServiceArea{}, false
}

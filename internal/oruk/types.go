package oruk

// The types below are the Open Referral UK 3.0 shapes this directory reads
// and writes. Every optional field is left out when empty, never sent as
// null: the standard treats a missing field as "not known".

// APIDetails is the answer to GET / on an Open Referral UK API.
type APIDetails struct {
	Version    string `json:"version"`
	Profile    string `json:"profile"`
	OpenAPIURL string `json:"openapi_url"`
}

// Service is an Open Referral UK service, fully nested when it is one record
// and with only its one-to-one fields in a list.
type Service struct {
	ID                 string              `json:"id"`
	OrganizationID     string              `json:"organization_id,omitempty"`
	Name               string              `json:"name"`
	Description        string              `json:"description,omitempty"`
	URL                string              `json:"url,omitempty"`
	Email              string              `json:"email,omitempty"`
	Status             string              `json:"status"`
	AssuredDate        string              `json:"assured_date,omitempty"`
	LastModified       string              `json:"last_modified,omitempty"`
	Schedules          []Schedule          `json:"schedules,omitempty"`
	ServiceAreas       []ServiceArea       `json:"service_areas,omitempty"`
	ServiceAtLocations []ServiceAtLocation `json:"service_at_locations,omitempty"`
	Organization       *Organization       `json:"organization,omitempty"`
	Attributes         []Attribute         `json:"attributes,omitempty"`
}

// Organization is an Open Referral UK organization.
type Organization struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Website     string `json:"website,omitempty"`
}

// Taxonomy is a published vocabulary, with its terms when it is one record.
type Taxonomy struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	Description   string         `json:"description"`
	TaxonomyTerms []TaxonomyTerm `json:"taxonomy_terms,omitempty"`
}

// TaxonomyTerm is one word of a vocabulary.
type TaxonomyTerm struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	ParentID    string `json:"parent_id,omitempty"`
	Taxonomy    string `json:"taxonomy,omitempty"`
	TaxonomyID  string `json:"taxonomy_id,omitempty"`
	Term        string `json:"term,omitempty"`
}

// Attribute links a record to a taxonomy term.
type Attribute struct {
	ID             string        `json:"id"`
	LinkID         string        `json:"link_id,omitempty"`
	TaxonomyTermID string        `json:"taxonomy_term_id,omitempty"`
	LinkType       string        `json:"link_type,omitempty"`
	TaxonomyTerm   *TaxonomyTerm `json:"taxonomy_term,omitempty"`
}

// ServiceArea is an area a service covers.
type ServiceArea struct {
	ID          string `json:"id"`
	ServiceID   string `json:"service_id,omitempty"`
	Name        string `json:"name,omitempty"`
	ServiceArea string `json:"service_area,omitempty"`
}

// ServiceAtLocation is a service offered at a place.
type ServiceAtLocation struct {
	ID         string    `json:"id"`
	ServiceID  string    `json:"service_id,omitempty"`
	LocationID string    `json:"location_id,omitempty"`
	Location   *Location `json:"location,omitempty"`
	Service    *Service  `json:"service,omitempty"`
}

// Location is a place. The directory records an address as one line of
// text, which is published as the location's name rather than split into
// fields it was never given.
type Location struct {
	ID           string    `json:"id"`
	LocationType string    `json:"location_type"`
	Name         string    `json:"name,omitempty"`
	Description  string    `json:"description,omitempty"`
	Addresses    []Address `json:"addresses,omitempty"`
}

// Address is a postal address, read from feeds that have one.
type Address struct {
	ID         string `json:"id"`
	Address1   string `json:"address_1,omitempty"`
	City       string `json:"city,omitempty"`
	Region     string `json:"region,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
}

// Schedule says when a service is open. The directory keeps opening hours
// as words, published as the schedule's description.
type Schedule struct {
	ID          string `json:"id"`
	ServiceID   string `json:"service_id,omitempty"`
	Description string `json:"description,omitempty"`
}

// Page is one page of a paged list, with the counts the standard asks for.
type Page[T any] struct {
	TotalItems int  `json:"total_items"`
	TotalPages int  `json:"total_pages"`
	PageNumber int  `json:"page_number"`
	Size       int  `json:"size"`
	FirstPage  bool `json:"first_page"`
	LastPage   bool `json:"last_page"`
	Empty      bool `json:"empty"`
	Contents   []T  `json:"contents"`
}

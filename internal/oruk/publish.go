package oruk

import (
	"github.com/wessex-network/directory/internal/directory"
)

// Version and Profile are what api_details says about this API.
const (
	Version = "HSDS-UK-3.0"
	Profile = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
)

// Status maps a directory status to the standard's four: a temporarily
// closed service is "temporarily closed", an ended one "defunct", and an
// archived one, or one scheduled to open later, "inactive".
func Status(s string) string {
	switch s {
	case directory.StatusTemporarilyClosed:
		return "temporarily closed"
	case directory.StatusEnded:
		return "defunct"
	case directory.StatusArchived, directory.StatusScheduled:
		return "inactive"
	}
	return "active"
}

// PublishOrganization maps an organisation. The standard requires a
// description; one the directory lacks is said to be not recorded, never made up.
func PublishOrganization(o directory.Organisation) Organization {
	d := o.Description
	if d == "" {
		d = "No description recorded yet."
	}
	return Organization{ID: o.UUID, Name: o.Name, Description: d, Website: o.Website}
}

// ServiceSummary maps a service's one-to-one fields, as lists carry them.
func ServiceSummary(s directory.Service) Service {
	out := Service{
		ID: s.UUID, Name: s.Name, Description: s.Description, URL: s.Contact.Website,
		Email: s.Contact.Email, Status: Status(s.Status), AssuredDate: s.LastReviewed,
		LastModified: s.UpdatedAt,
	}
	if s.Organisation != nil {
		org := PublishOrganization(*s.Organisation)
		out.OrganizationID = org.ID
		out.Organization = &org
	}
	return out
}

// PublishService maps a service fully nested: its organisation, the areas it
// covers, its attributes, and its opening hours and address where recorded.
// The standard's UK profile has no field for a phone number, so a recorded
// phone number is not published here.
func (c *Catalog) PublishService(s directory.Service) Service {
	out := ServiceSummary(s)
	for _, a := range s.Areas {
		out.ServiceAreas = append(out.ServiceAreas, ServiceArea{
			ID: c.id("service-area", s.Slug+"/"+a.Area), ServiceID: s.UUID,
			Name: areaName(a), ServiceArea: a.Note,
		})
	}
	for _, ref := range ServiceTerms(s) {
		term, ok := c.Term(ref)
		if !ok {
			continue
		}
		out.Attributes = append(out.Attributes, Attribute{
			ID: c.id("attribute", s.Slug+"/"+term.ID), LinkID: s.UUID, LinkType: "service",
			TaxonomyTermID: term.ID, TaxonomyTerm: &term,
		})
	}
	if s.Contact.OpeningHours != "" {
		out.Schedules = []Schedule{{ID: c.id("schedule", s.Slug), ServiceID: s.UUID, Description: s.Contact.OpeningHours}}
	}
	if sal, ok := PublishServiceAtLocation(s, c.id, false); ok {
		out.ServiceAtLocations = []ServiceAtLocation{sal}
	}
	return out
}

// PublishServiceAtLocation maps the place a service is offered, which exists
// only where staff recorded an address; the place and the location take ids
// made by id from the service's slug. With withService the service's
// one-to-one fields are nested too, as ServiceSummary maps them.
func PublishServiceAtLocation(s directory.Service, id IDFunc, withService bool) (ServiceAtLocation, bool) {
	if s.Contact.Address == "" {
		return ServiceAtLocation{}, false
	}
	loc := Location{ID: id("location", s.Slug), LocationType: "physical", Name: s.Contact.Address}
	sal := ServiceAtLocation{ID: id("service-at-location", s.Slug), ServiceID: s.UUID, LocationID: loc.ID, Location: &loc}
	if withService {
		summary := ServiceSummary(s)
		sal.Service = &summary
	}
	return sal, true
}

func areaName(a directory.ServiceArea) string {
	if a.AreaName != "" {
		return a.AreaName
	}
	return a.Area
}

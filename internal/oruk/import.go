package oruk

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// maxAreaNote keeps the note about an unmatched service area readable.
const maxAreaNote = 300

// ToBatch maps a feed to directory records, ready for the store's import.
//
// Areas: each of the feed's service areas, and each town or region in its
// locations' addresses, is matched to a directory area by name, short name or
// slug. A service that matches none is held (HeldAreas set to what the feed
// names): the store keeps it off every public page and attached to no area
// until staff choose its areas, so a neighbour's feed cannot publish its
// services across this directory. Attributes whose taxonomy terms are this directory's own (as its API
// publishes them) set the service type, stages, audiences, access routes and
// interventions; other terms are not kept.
//
// It returns a problem for each record that the directory would refuse.
func (c *Catalog) ToBatch(feed *Feed, areas []directory.Area) (directory.ImportBatch, []directory.ImportProblem, []string) {
	batch := directory.ImportBatch{Source: "Open Referral UK feed " + feed.Source}
	var problems []directory.ImportProblem
	var notes []string
	byName := map[string]string{}
	for _, a := range areas {
		for _, n := range []string{a.Name, a.ShortName, a.Slug} {
			if n != "" {
				byName[strings.ToLower(strings.TrimSpace(n))] = a.Slug
			}
		}
	}

	orgs := map[string]bool{}
	addOrg := func(o Organization) {
		id := strings.ToLower(o.ID)
		if orgs[id] {
			return
		}
		orgs[id] = true
		org := directory.Organisation{
			UUID: id, Slug: directory.Slugify(o.Name), Name: strings.TrimSpace(o.Name),
			Description: strings.TrimSpace(o.Description), Website: o.Website,
			Source: fmt.Sprintf("%s, organization %s", batch.Source, o.ID),
		}
		if org.Name == "" || org.Slug == "" {
			problems = append(problems, directory.ImportProblem{Where: "GET /organizations/" + o.ID, Record: describe(o.ID, o.Name),
				Field: "/name", Message: "the directory needs a name with letters or numbers in it"})
		}
		batch.Organisations = append(batch.Organisations, org)
	}
	for _, o := range feed.Organizations {
		addOrg(o)
	}
	for _, s := range feed.Services {
		if s.Organization != nil {
			addOrg(*s.Organization)
		}
	}

	for _, s := range feed.Services {
		svc := directory.Service{
			UUID: strings.ToLower(s.ID), Slug: directory.Slugify(s.Name), Name: strings.TrimSpace(s.Name),
			Description: strings.TrimSpace(s.Description), Summary: firstSentence(s.Description),
			Contact: directory.Contact{Email: s.Email, Website: s.URL, OpeningHours: scheduleText(s.Schedules), Address: addressText(s)},
			Status:  directory.StatusActive, Source: fmt.Sprintf("%s, service %s", batch.Source, s.ID),
		}
		if s.Status != "" && s.Status != "active" {
			svc.Status = directory.StatusArchived
		}
		if directory.ValidDate(s.AssuredDate) {
			svc.LastReviewed = s.AssuredDate
		}
		orgID := s.OrganizationID
		if s.Organization != nil {
			orgID = s.Organization.ID
		}
		if orgID != "" {
			svc.Organisation = &directory.Organisation{UUID: strings.ToLower(orgID)}
		}
		c.applyAttributes(&svc, s.Attributes)

		var unmatched []string
		for _, name := range areaNames(s) {
			if slug, ok := byName[strings.ToLower(name.name)]; ok {
				if _, dup := svc.ServesArea(slug); !dup {
					svc.Areas = append(svc.Areas, directory.ServiceArea{Area: slug, Note: name.note})
				}
			} else if name.name != "" && !slices.Contains(unmatched, name.name) {
				unmatched = append(unmatched, name.name)
			}
		}
		if len(svc.Areas) == 0 {
			// Held, never attached to the region: a neighbour's feed must not
			// publish its services across this directory.
			svc.HeldAreas = unmatched
			if svc.HeldAreas == nil {
				svc.HeldAreas = []string{}
			}
			if len(unmatched) > 0 {
				notes = append(notes, fmt.Sprintf("%s: no area of this directory matched (the feed names %s), so it is held for staff.", s.Name, truncate(strings.Join(unmatched, "; "), maxAreaNote)))
			} else {
				notes = append(notes, fmt.Sprintf("%s: the feed names no service area, so it is held for staff.", s.Name))
			}
		}
		label := describe(s.ID, s.Name)
		validate := svc.Validate
		if svc.HeldAreas != nil {
			validate = svc.ValidateHeld
		}
		for _, fe := range validate() {
			problems = append(problems, directory.ImportProblem{Where: "GET /services/" + s.ID, Record: label,
				Field: feedField[fe.Field], Message: fe.Message})
		}
		batch.Services = append(batch.Services, svc)
	}
	return batch, problems, notes
}

// feedField names, as a JSON pointer in the feed, the field a directory
// validation message is about.
var feedField = map[string]string{
	"slug": "/name", "name": "/name", "summary": "/description", "description": "/description",
	"email": "/email", "website": "/url", "areas": "/service_areas", "last_reviewed": "/assured_date",
	"source": "/id",
}

func (c *Catalog) applyAttributes(svc *directory.Service, attrs []Attribute) {
	for _, a := range attrs {
		id := a.TaxonomyTermID
		if id == "" && a.TaxonomyTerm != nil {
			id = a.TaxonomyTerm.ID
		}
		ref, ok := c.Resolve(strings.ToLower(id))
		if !ok && a.TaxonomyTerm != nil {
			// An intervention is named by its term; the id says whether the
			// term is this directory's own.
			ref = TermRef{VocabIntervention, a.TaxonomyTerm.Name}
			ok = strings.EqualFold(c.termID(ref), id)
		}
		if !ok {
			continue
		}
		switch ref.Vocabulary {
		case VocabServiceType:
			svc.ServiceType = ref.Value
		case VocabStage:
			svc.Stages = append(svc.Stages, directory.Stage(ref.Value))
		case VocabAudience:
			svc.Audiences = append(svc.Audiences, directory.Audience(ref.Value))
		case VocabAccess:
			svc.Access = append(svc.Access, directory.AccessRoute(ref.Value))
		case VocabIntervention:
			svc.Interventions = append(svc.Interventions, ref.Value)
		}
	}
}

// placeName is a place a feed names for a service, with what it says about
// the service there.
type placeName struct{ name, note string }

// areaNames lists the places a feed gives for a service: its service areas
// (whose description becomes the note, unless it only repeats the name), and
// the towns and regions of its locations' addresses.
func areaNames(s Service) []placeName {
	var out []placeName
	for _, a := range s.ServiceAreas {
		name, note := strings.TrimSpace(a.Name), strings.TrimSpace(a.ServiceArea)
		if strings.EqualFold(note, name) {
			note = ""
		}
		out = append(out, placeName{name, note})
	}
	for _, sal := range s.ServiceAtLocations {
		if sal.Location == nil {
			continue
		}
		for _, ad := range sal.Location.Addresses {
			out = append(out, placeName{name: strings.TrimSpace(ad.City)}, placeName{name: strings.TrimSpace(ad.Region)})
		}
	}
	return out
}

func scheduleText(schedules []Schedule) string {
	var parts []string
	for _, s := range schedules {
		if d := strings.TrimSpace(s.Description); d != "" {
			parts = append(parts, d)
		}
	}
	return strings.Join(parts, " ")
}

// addressText writes the first address of the first location as one line.
func addressText(s Service) string {
	for _, sal := range s.ServiceAtLocations {
		if sal.Location == nil {
			continue
		}
		for _, a := range sal.Location.Addresses {
			var parts []string
			for _, p := range []string{a.Address1, a.City, a.PostalCode} {
				if p = strings.TrimSpace(p); p != "" {
					parts = append(parts, p)
				}
			}
			if len(parts) > 0 {
				return strings.Join(parts, ", ")
			}
		}
		if sal.Location.Name != "" {
			return sal.Location.Name
		}
	}
	return ""
}

// firstSentence is the description's first sentence, for the one-line summary.
func firstSentence(d string) string {
	d = strings.Join(strings.Fields(d), " ")
	if i := strings.Index(d, ". "); i >= 0 {
		d = d[:i+1]
	}
	return truncate(d, 300)
}

// truncate shortens s to at most n bytes, ending with an ellipsis when cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	for len(string(r))+len("…") > n {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

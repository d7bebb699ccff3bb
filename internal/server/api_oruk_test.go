package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/oruk/oruktest"
)

// orukGet fetches an API path, checks the status, the open CORS header and
// that no field is null, validates the body against the named schema, and
// decodes it into out.
func orukGet(t *testing.T, e *staffEnv, s *oruk.Schemas, path, schema string, out any) {
	t.Helper()
	r := e.get(t, e.client(t), path)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, r.StatusCode, r.Body)
	}
	if r.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("GET %s: Access-Control-Allow-Origin %q", path, r.Header.Get("Access-Control-Allow-Origin"))
	}
	problems, err := s.Validate(schema, []byte(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("GET %s breaks %s at %q: %s", path, schema, p.Where, p.Message)
	}
	var doc any
	if err := json.Unmarshal([]byte(r.Body), &doc); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	if where := findNull(doc, ""); where != "" {
		t.Errorf("GET %s: null at %s; empty optional fields must be left out", path, where)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(r.Body), out); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}
}

func findNull(v any, at string) string {
	switch v := v.(type) {
	case nil:
		return at + " "
	case map[string]any:
		for k, x := range v {
			if w := findNull(x, at+"/"+k); w != "" {
				return w
			}
		}
	case []any:
		for i, x := range v {
			if w := findNull(x, fmt.Sprintf("%s/%d", at, i)); w != "" {
				return w
			}
		}
	}
	return ""
}

func TestORUKEndpointsConform(t *testing.T) {
	e := newStaffEnv(t)
	s := oruktest.Schemas()
	ctx := context.Background()

	// One service gets an address and opening hours, so that locations and
	// schedules are published too.
	svc, err := e.db.Service(ctx, "health-visiting")
	if err != nil {
		t.Fatal(err)
	}
	svc.Contact.Address = "1 Test Street, Gosport"
	svc.Contact.OpeningHours = "Monday to Friday, 9am to 5pm"
	if _, err := e.db.UpdateService(ctx, directory.Actor{Name: "test"}, svc, "test"); err != nil {
		t.Fatal(err)
	}

	var details oruk.APIDetails
	orukGet(t, e, s, "/api/v1/", "api_details.json", &details)
	if !strings.HasSuffix(details.OpenAPIURL, "/api/v1/openapi.json") {
		t.Errorf("openapi_url %q", details.OpenAPIURL)
	}

	// Page through the services five at a time, and fetch each one.
	want, err := e.db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for page := 1; ; page++ {
		var p oruk.Page[oruk.Service]
		orukGet(t, e, s, fmt.Sprintf("/api/v1/services?per_page=5&page=%d", page), "service_list.json", &p)
		if p.TotalItems != len(want) || p.PageNumber != page || p.Size != len(p.Contents) {
			t.Fatalf("page %d: total %d (want %d), number %d, size %d", page, p.TotalItems, len(want), p.PageNumber, p.Size)
		}
		for _, c := range p.Contents {
			if seen[c.ID] {
				t.Errorf("service %s appears twice", c.ID)
			}
			seen[c.ID] = true
			var full oruk.Service
			orukGet(t, e, s, "/api/v1/services/"+c.ID, "service.json", &full)
			if full.ID != c.ID || len(full.ServiceAreas) == 0 {
				t.Errorf("service %s: id %s, %d service areas", c.ID, full.ID, len(full.ServiceAreas))
			}
		}
		if p.LastPage {
			if page != p.TotalPages {
				t.Errorf("last page is %d of %d", page, p.TotalPages)
			}
			break
		}
		if page > 100 {
			t.Fatal("paging never ends")
		}
	}
	if len(seen) != len(want) {
		t.Errorf("paged through %d services, want %d", len(seen), len(want))
	}
	for _, w := range want {
		if !seen[w.UUID] || w.UUID != directory.StableUUID("service", w.Slug) {
			t.Errorf("service %s: id %s not listed or not stable", w.Slug, w.UUID)
		}
	}

	var hv oruk.Service
	orukGet(t, e, s, "/api/v1/services/"+svc.UUID, "service.json", &hv)
	if len(hv.Schedules) != 1 || hv.Schedules[0].Description != svc.Contact.OpeningHours ||
		len(hv.ServiceAtLocations) != 1 || hv.ServiceAtLocations[0].Location.Name != svc.Contact.Address {
		t.Errorf("health visiting: schedules %+v, locations %+v", hv.Schedules, hv.ServiceAtLocations)
	}
	if len(hv.Attributes) == 0 {
		t.Error("health visiting carries no attributes")
	}

	var taxonomies oruk.Page[oruk.Taxonomy]
	orukGet(t, e, s, "/api/v1/taxonomies", "taxonomy_list.json", &taxonomies)
	names := map[string]bool{}
	for _, tx := range taxonomies.Contents {
		names[tx.Name] = true
		orukGet(t, e, s, "/api/v1/taxonomies/"+tx.ID, "taxonomy.json", nil)
	}
	for _, n := range []string{"Service type", "Stage", "Who it is for", "How to get it", "Interventions"} {
		if !names[n] {
			t.Errorf("no taxonomy %q", n)
		}
	}
	var terms oruk.Page[oruk.TaxonomyTerm]
	orukGet(t, e, s, "/api/v1/taxonomy_terms?per_page=200", "taxonomy_term_list.json", &terms)
	if terms.TotalItems < len(directory.Stages)+len(directory.Audiences)+len(directory.AccessRoutes) {
		t.Errorf("only %d taxonomy terms", terms.TotalItems)
	}
	for _, term := range terms.Contents {
		orukGet(t, e, s, "/api/v1/taxonomy_terms/"+term.ID, "taxonomy_term.json", nil)
	}

	var orgs oruk.Page[oruk.Organization]
	orukGet(t, e, s, "/api/v1/organizations", "organization_list.json", &orgs)
	if orgs.TotalItems == 0 {
		t.Fatal("no organisations")
	}
	for _, o := range orgs.Contents {
		orukGet(t, e, s, "/api/v1/organizations/"+o.ID, "organization.json", nil)
	}

	var sals oruk.Page[oruk.ServiceAtLocation]
	orukGet(t, e, s, "/api/v1/service_at_locations", "service_at_location_list.json", &sals)
	if sals.TotalItems != 1 || sals.Contents[0].ServiceID != svc.UUID {
		t.Fatalf("service at locations: %+v", sals)
	}
	orukGet(t, e, s, "/api/v1/service_at_locations/"+sals.Contents[0].ID, "service_at_location.json", nil)

	// A page past the end is empty and says so.
	var past oruk.Page[oruk.Service]
	orukGet(t, e, s, "/api/v1/services?page=999", "service_list.json", &past)
	if !past.Empty || len(past.Contents) != 0 || past.FirstPage || !past.LastPage {
		t.Errorf("page past the end: %+v", past)
	}
}

func TestORUKServiceFilters(t *testing.T) {
	e := newStaffEnv(t)
	s := oruktest.Schemas()
	ctx := context.Background()
	all, err := e.db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	list := func(query url.Values) map[string]bool {
		t.Helper()
		query.Set("per_page", "200")
		var p oruk.Page[oruk.Service]
		orukGet(t, e, s, "/api/v1/services?"+query.Encode(), "service_list.json", &p)
		ids := map[string]bool{}
		for _, c := range p.Contents {
			ids[c.ID] = true
		}
		if p.TotalItems != len(ids) {
			t.Errorf("%s: total_items %d, listed %d", query.Encode(), p.TotalItems, len(ids))
		}
		return ids
	}
	expect := func(name string, got map[string]bool, keep func(directory.Service) bool) {
		t.Helper()
		n := 0
		for _, svc := range all {
			if keep(svc) {
				n++
				if !got[svc.UUID] {
					t.Errorf("%s: %s missing", name, svc.Slug)
				}
			} else if got[svc.UUID] {
				t.Errorf("%s: %s should not match", name, svc.Slug)
			}
		}
		if n == 0 || n == len(all) {
			t.Errorf("%s: the filter matches %d of %d services, so it proves nothing", name, n, len(all))
		}
	}

	expect("search", list(url.Values{"search": {"nurse"}}), func(svc directory.Service) bool {
		return strings.Contains(strings.ToLower(svc.Name+" "+svc.Description+" "+svc.Summary), "nurse")
	})

	pregnancy := directory.StableUUID("taxonomy-term", "stage/pregnancy")
	expect("taxonomy_term_id", list(url.Values{"taxonomy_term_id": {pregnancy}}), func(svc directory.Service) bool {
		for _, st := range svc.Stages {
			if st == directory.StagePregnancy {
				return true
			}
		}
		return false
	})

	var org *directory.Organisation
	for _, svc := range all {
		if svc.Organisation != nil {
			org = svc.Organisation
			break
		}
	}
	expect("organization_id", list(url.Values{"organization_id": {org.UUID}}), func(svc directory.Service) bool {
		return svc.Organisation != nil && svc.Organisation.Slug == org.Slug
	})

	// Change one service; only it is modified after the moment just before.
	svc := all[0]
	setClock(t, e.db, func() time.Time { return time.Date(2030, 1, 2, 10, 0, 0, 0, time.UTC) })
	svc.Summary = "A changed summary."
	if _, err := e.db.UpdateService(ctx, directory.Actor{Name: "test"}, svc, "test"); err != nil {
		t.Fatal(err)
	}
	got := list(url.Values{"modified_after": {"2030-01-02T09:00:00Z"}})
	if len(got) != 1 || !got[svc.UUID] {
		t.Errorf("modified_after: %v, want only %s", got, svc.Slug)
	}
	if got := list(url.Values{"modified_after": {"2030-01-03"}}); len(got) != 0 {
		t.Errorf("modified_after a later date: %v", got)
	}
}

func TestORUKRefusesBadRequests(t *testing.T) {
	e := newStaffEnv(t)
	cases := []struct {
		path string
		want int
	}{
		{"/api/v1/services?page=0", http.StatusBadRequest},
		{"/api/v1/services?per_page=ten", http.StatusBadRequest},
		{"/api/v1/services?modified_after=last+week", http.StatusBadRequest},
		{"/api/v1/services?taxonomy_term_id=pregnancy", http.StatusBadRequest},
		{"/api/v1/services?organization_id=1", http.StatusBadRequest},
		{"/api/v1/taxonomy_terms?taxonomy_id=stage", http.StatusBadRequest},
		{"/api/v1/services/not-a-uuid", http.StatusBadRequest},
		{"/api/v1/services/00000000-0000-4000-8000-000000000000", http.StatusNotFound},
		{"/api/v1/organizations/00000000-0000-4000-8000-000000000000", http.StatusNotFound},
		{"/api/v1/taxonomies/00000000-0000-4000-8000-000000000000", http.StatusNotFound},
		{"/api/v1/taxonomy_terms/00000000-0000-4000-8000-000000000000", http.StatusNotFound},
		{"/api/v1/service_at_locations/00000000-0000-4000-8000-000000000000", http.StatusNotFound},
		{"/api/v1/no-such-endpoint", http.StatusNotFound},
	}
	for _, c := range cases {
		r := e.get(t, e.client(t), c.path)
		var body map[string]string
		if r.StatusCode != c.want || json.Unmarshal([]byte(r.Body), &body) != nil || body["error"] == "" {
			t.Errorf("GET %s: %d %q, want %d with a JSON error", c.path, r.StatusCode, r.Body, c.want)
		}
	}
}

// The API's own description covers every Open Referral UK route it serves.
func TestORUKOpenAPIDescribesEveryRoute(t *testing.T) {
	e := newStaffEnv(t)
	r := e.get(t, e.client(t), "/api/v1/openapi.json")
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if r.StatusCode != 200 || json.Unmarshal([]byte(r.Body), &doc) != nil || doc.OpenAPI == "" {
		t.Fatalf("openapi.json: %d %.200s", r.StatusCode, r.Body)
	}
	own := map[string]bool{"/api/v1/coverage": true, "/api/v1/indicators": true, "/api/v1/openapi.json": true}
	n := 0
	for _, rt := range walkRoutes(t, e.srv.Config.Handler.(interface{ Routes() chi.Routes }).Routes()) {
		if !strings.HasPrefix(rt.pattern, "/api/v1") || own[rt.pattern] {
			continue
		}
		path := strings.TrimPrefix(rt.pattern, "/api/v1")
		if path == "" {
			path = "/"
		}
		n++
		if _, ok := doc.Paths[path]["get"]; !ok {
			t.Errorf("openapi.json does not describe GET %s", path)
		}
	}
	if n != len(doc.Paths) {
		t.Errorf("%d routes, %d described paths", n, len(doc.Paths))
	}
}

// A taxonomy_term_id filter lists the services that carry the term, in the
// list's order, with the totals and paging of any other list. Each term of
// each vocabulary is checked, alone and beside the other filters, against a
// reference worked out here from the services themselves, byte for byte.
func TestORUKTaxonomyTermFilterForEveryTerm(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	ctx := context.Background()
	all, err := e.db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}

	// What each published term stands for, read from the term itself: its
	// taxonomy names the vocabulary; an intervention's value is its name,
	// every other term's its code.
	r := e.get(t, c, "/api/v1/taxonomy_terms?per_page=200")
	var terms oruk.Page[oruk.TaxonomyTerm]
	if err := json.Unmarshal([]byte(r.Body), &terms); err != nil || terms.TotalItems != len(terms.Contents) {
		t.Fatalf("taxonomy terms: %d %.200s", r.StatusCode, r.Body)
	}
	vocabularies := map[string]string{}
	for _, v := range []string{oruk.VocabServiceType, oruk.VocabStage, oruk.VocabAudience, oruk.VocabAccess, oruk.VocabIntervention} {
		vocabularies[directory.StableUUID("taxonomy", v)] = v
	}
	perVocabulary := map[string]int{}
	refs := make([]oruk.TermRef, len(terms.Contents))
	for i, term := range terms.Contents {
		v, ok := vocabularies[term.TaxonomyID]
		if !ok {
			t.Fatalf("term %s is in an unknown taxonomy %s", term.ID, term.TaxonomyID)
		}
		refs[i] = oruk.TermRef{Vocabulary: v, Value: term.Term}
		if v == oruk.VocabIntervention {
			refs[i].Value = term.Name
		}
		perVocabulary[v]++
	}
	if len(perVocabulary) != len(vocabularies) {
		t.Fatalf("terms per vocabulary: %v", perVocabulary)
	}

	// The organisation whose service carries the most terms, some of them
	// shared with other services, so that its filter narrows their lists.
	var org *directory.Organisation
	most := 0
	for _, svc := range all {
		if n := len(oruk.ServiceTerms(svc)); svc.Organisation != nil && n > most {
			org, most = svc.Organisation, n
		}
	}
	filters := []struct {
		name  string
		query url.Values
		keep  func(directory.Service) bool
	}{
		{"alone", url.Values{}, func(directory.Service) bool { return true }},
		{"with search", url.Values{"search": {"Baby"}}, func(svc directory.Service) bool {
			return strings.Contains(strings.ToLower(svc.Name+"\n"+svc.Summary+"\n"+svc.Description), "baby")
		}},
		{"with organization_id", url.Values{"organization_id": {org.UUID}}, func(svc directory.Service) bool {
			return svc.Organisation != nil && svc.Organisation.UUID == org.UUID
		}},
	}
	const perPage = 4
	// list fetches every page of a query and one past the end, and checks
	// each against the same page cut from want.
	list := func(name string, query url.Values, want []oruk.Service) {
		t.Helper()
		pages := max(1, (len(want)+perPage-1)/perPage)
		for page := 1; page <= pages+1; page++ {
			query.Set("per_page", fmt.Sprint(perPage))
			query.Set("page", fmt.Sprint(page))
			path := "/api/v1/services?" + query.Encode()
			body, err := json.MarshalIndent(oruk.Paginate(want, oruk.Paging{Page: page, PerPage: perPage}), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			if r := e.get(t, c, path); r.StatusCode != http.StatusOK || r.Body != string(body)+"\n" {
				t.Errorf("%s: GET %s: %d\n%s\nwant\n%s", name, path, r.StatusCode, r.Body, body)
				return
			}
		}
	}
	narrowed, carried := map[string]bool{}, map[string]bool{}
	for i, term := range terms.Contents {
		for _, f := range filters {
			var want []oruk.Service
			unfiltered := 0
			for _, svc := range all {
				if slices.Contains(oruk.ServiceTerms(svc), refs[i]) {
					unfiltered++
					if f.keep(svc) {
						want = append(want, oruk.ServiceSummary(svc))
					}
				}
			}
			if unfiltered > 0 {
				carried[refs[i].Vocabulary] = true
			}
			if len(want) > 0 && len(want) < unfiltered {
				narrowed[f.name] = true
			}
			query := maps.Clone(f.query)
			query.Set("taxonomy_term_id", term.ID)
			list(fmt.Sprintf("%s %v", f.name, refs[i]), query, want)
		}
	}
	if len(carried) != len(vocabularies) {
		t.Errorf("vocabularies with a term some service carries: %v", carried)
	}
	for _, f := range filters[1:] {
		if !narrowed[f.name] {
			t.Errorf("%s never narrows a term's list to some of its services, so it proves nothing", f.name)
		}
	}

	// A term id is read in any case; one that names no term lists nothing.
	var upper []oruk.Service
	for _, svc := range all {
		if slices.Contains(oruk.ServiceTerms(svc), refs[0]) {
			upper = append(upper, oruk.ServiceSummary(svc))
		}
	}
	list("upper case", url.Values{"taxonomy_term_id": {strings.ToUpper(terms.Contents[0].ID)}}, upper)
	list("unknown term", url.Values{"taxonomy_term_id": {"00000000-0000-4000-8000-000000000000"}}, nil)
	list("unknown term with search", url.Values{"taxonomy_term_id": {"00000000-0000-4000-8000-000000000000"}, "search": {"baby"}}, nil)
}

// The places services are offered are the active services with an address,
// in the services' order, each named by ids derived from its slug. Every
// page, every place by its id (in either case) and ids that name no place are
// checked against a reference worked out here from the services, byte for byte.
func TestORUKServiceAtLocationsPinned(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	ctx := context.Background()
	actor := directory.Actor{Name: "test"}

	// Two services in three get an address; one of those is then archived,
	// and one service is created with an address, so the places span
	// service types, the seeded and the new, and leave some services out.
	seeded, err := e.db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var archived directory.Service
	for i, svc := range seeded {
		if i%3 == 1 {
			continue
		}
		svc.Contact.Address = fmt.Sprintf("%d Test Street, Winchester", i+1)
		svc.Contact.Email = fmt.Sprintf("place%d@example.org", i+1)
		svc.Contact.Website = fmt.Sprintf("https://example.org/place%d", i+1)
		svc.LastReviewed = fmt.Sprintf("2026-01-%02d", i%28+1)
		saved, err := e.db.UpdateService(ctx, actor, svc, "test")
		if err != nil {
			t.Fatal(err)
		}
		if i == 2 {
			archived, err = e.db.SetServiceStatus(ctx, actor, saved.Slug, directory.StatusChange{Status: directory.StatusArchived, Version: saved.Version, Reason: "test"})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	added := directory.Service{Slug: "aaa-new-group", Name: "A new group", Source: "test", Summary: "A group.",
		Description: "Songs.", Areas: []directory.ServiceArea{{Area: "hampshire"}},
		Contact: directory.Contact{Address: "2 New Road, Andover"}}
	if _, err := e.db.CreateService(ctx, actor, added, "test"); err != nil {
		t.Fatal(err)
	}

	all, err := e.db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var want []oruk.ServiceAtLocation
	for _, svc := range all {
		if svc.Contact.Address == "" {
			continue
		}
		summary := oruk.ServiceSummary(svc)
		location := directory.StableUUID("location", svc.Slug)
		want = append(want, oruk.ServiceAtLocation{
			ID: directory.StableUUID("service-at-location", svc.Slug), ServiceID: svc.UUID, LocationID: location,
			Location: &oruk.Location{ID: location, LocationType: "physical", Name: svc.Contact.Address},
			Service:  &summary,
		})
	}
	// Every field of the nested summary is filled for some place.
	filled := map[string]bool{}
	for _, sal := range want {
		var fields map[string]any
		b, _ := json.Marshal(sal.Service)
		if err := json.Unmarshal(b, &fields); err != nil {
			t.Fatal(err)
		}
		for k := range fields {
			filled[k] = true
		}
	}
	for _, k := range []string{"description", "url", "email", "status", "assured_date", "last_modified", "organization_id", "organization"} {
		if !filled[k] {
			t.Errorf("no place's service has %s, so it is not checked", k)
		}
	}
	if len(want) < 5 || len(want) >= len(all) || !slices.ContainsFunc(want, func(s oruk.ServiceAtLocation) bool {
		return s.Service.Name == added.Name
	}) {
		t.Fatalf("%d places among %d services, which proves little", len(want), len(all))
	}

	check := func(path string, wantCode int, v any) {
		t.Helper()
		body, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if r := e.get(t, c, path); r.StatusCode != wantCode || r.Body != string(body)+"\n" {
			t.Errorf("GET %s: %d\n%s\nwant %d\n%s", path, r.StatusCode, r.Body, wantCode, body)
		}
	}
	const perPage = 3
	pages := (len(want) + perPage - 1) / perPage
	for page := 1; page <= pages+1; page++ {
		check(fmt.Sprintf("/api/v1/service_at_locations?per_page=%d&page=%d", perPage, page), http.StatusOK,
			oruk.Paginate(want, oruk.Paging{Page: page, PerPage: perPage}))
	}
	check("/api/v1/service_at_locations", http.StatusOK, oruk.Paginate(want, oruk.Paging{Page: 1, PerPage: oruk.DefaultPerPage}))
	for _, sal := range want {
		check("/api/v1/service_at_locations/"+sal.ID, http.StatusOK, sal)
		check("/api/v1/service_at_locations/"+strings.ToUpper(sal.ID), http.StatusOK, sal)
	}

	// An archived service's place, a service without an address, a
	// service's own id and an id of nothing name no place.
	var bare directory.Service
	for _, svc := range all {
		if svc.Contact.Address == "" {
			bare = svc
			break
		}
	}
	for _, id := range []string{
		directory.StableUUID("service-at-location", archived.Slug),
		directory.StableUUID("service-at-location", bare.Slug),
		want[0].ServiceID,
		"00000000-0000-4000-8000-000000000000",
	} {
		check("/api/v1/service_at_locations/"+id, http.StatusNotFound,
			map[string]string{"error": fmt.Sprintf("There is no service at a location with the id %q.", id)})
	}
}

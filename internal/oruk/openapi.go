package oruk

// schemaURL is where the standard publishes the schema of each response.
const schemaURL = "https://openreferraluk.org/specifications/3.0/schema/"

type endpoint struct {
	path, summary, schema string
	params                []string
}

// Endpoints lists the paths this API answers under its base, with the schema
// each response follows. The OpenAPI description is built from it.
var endpoints = []endpoint{
	{"/", "Information about this API.", "api_details.json", nil},
	{"/services", "A paged list of services with their one-to-one fields.", "service_list.json",
		[]string{"search", "page", "per_page", "taxonomy_term_id", "organization_id", "modified_after"}},
	{"/services/{id}", "One service, fully nested.", "service.json", []string{"id"}},
	{"/taxonomies", "A paged list of the taxonomies, each with its terms.", "taxonomy_list.json", []string{"page", "per_page"}},
	{"/taxonomies/{id}", "One taxonomy with its terms.", "taxonomy.json", []string{"id"}},
	{"/taxonomy_terms", "A paged list of taxonomy terms.", "taxonomy_term_list.json", []string{"page", "per_page", "taxonomy_id"}},
	{"/taxonomy_terms/{id}", "One taxonomy term.", "taxonomy_term.json", []string{"id"}},
	{"/organizations", "A paged list of organisations.", "organization_list.json", []string{"page", "per_page"}},
	{"/organizations/{id}", "One organisation.", "organization.json", []string{"id"}},
	{"/service_at_locations", "A paged list of services at the places they are offered.", "service_at_location_list.json", []string{"page", "per_page"}},
	{"/service_at_locations/{id}", "One service at a place.", "service_at_location.json", []string{"id"}},
}

var parameters = map[string]map[string]any{
	"id":               {"name": "id", "in": "path", "required": true, "description": "The record's UUID.", "schema": map[string]any{"type": "string", "format": "uuid"}},
	"search":           {"name": "search", "in": "query", "description": "Text to find in the service's name or description.", "schema": map[string]any{"type": "string"}},
	"page":             {"name": "page", "in": "query", "description": "The page, counting from 1.", "schema": map[string]any{"type": "integer", "minimum": 1, "default": 1}},
	"per_page":         {"name": "per_page", "in": "query", "description": "Records a page.", "schema": map[string]any{"type": "integer", "minimum": 1, "maximum": MaxPerPage, "default": DefaultPerPage}},
	"taxonomy_term_id": {"name": "taxonomy_term_id", "in": "query", "description": "Only services that carry this taxonomy term.", "schema": map[string]any{"type": "string", "format": "uuid"}},
	"taxonomy_id":      {"name": "taxonomy_id", "in": "query", "description": "Only terms of this taxonomy.", "schema": map[string]any{"type": "string", "format": "uuid"}},
	"organization_id":  {"name": "organization_id", "in": "query", "description": "Only services this organisation provides.", "schema": map[string]any{"type": "string", "format": "uuid"}},
	"modified_after":   {"name": "modified_after", "in": "query", "description": "Only services changed on or after this date or date-time.", "schema": map[string]any{"type": "string"}},
}

// OpenAPI describes this API, for GET /openapi.json. serverURL is the API's
// base, such as https://example.org/api/v1.
func OpenAPI(serverURL string) map[string]any {
	paths := map[string]any{}
	for _, e := range endpoints {
		var params []any
		for _, p := range e.params {
			params = append(params, parameters[p])
		}
		op := map[string]any{
			"summary": e.summary,
			"responses": map[string]any{
				"200": map[string]any{
					"description": e.summary,
					"content":     map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": schemaURL + e.schema}}},
				},
				"400": map[string]any{"description": "A parameter is malformed; the body says which, as {\"error\": \"...\"}."},
			},
		}
		if params != nil {
			op["parameters"] = params
		}
		if len(e.params) > 0 && e.params[0] == "id" {
			op["responses"].(map[string]any)["404"] = map[string]any{"description": "There is no record with that id."}
		}
		paths[e.path] = map[string]any{"get": op}
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "Parent-infant services directory: Open Referral UK API",
			"version":     "1.0.0",
			"description": "The directory's services, organisations, vocabularies and areas in the shapes of the Open Referral UK 3.0 profile. Ids are stable UUIDs; empty optional fields are left out.",
		},
		"servers": []any{map[string]any{"url": serverURL}},
		"paths":   paths,
	}
}

// Paths lists the paths the description covers, so tests can check it
// against the routes.
func Paths() []string {
	out := make([]string, len(endpoints))
	for i, e := range endpoints {
		out[i] = e.path
	}
	return out
}

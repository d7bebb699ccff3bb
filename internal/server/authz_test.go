package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/server"
)

// publicRoutes are the routes anyone may use. Every other route must be
// under /staff, where a login is required; a route in neither place fails
// TestEveryRouteIsClassified.
var publicRoutes = map[string]bool{
	"GET /healthz": true, "GET /metrics": true, "GET /assets/*": true, "HEAD /assets/*": true,
	"GET /": true, "GET /coverage": true, "GET /coverage.csv": true, "GET /coverage/changes": true, "GET /services.csv": true, "GET /indicators.csv": true, "GET /areas": true,
	"GET /areas/{slug}": true, "GET /areas/{slug}/briefing": true, "GET /services/{id}": true, "GET /indicators": true, "GET /about": true,
	"GET /find": true, "GET /places": true, "GET /shortlist": true, "GET /demand": true, "GET /demand.csv": true, "GET /actions": true, "GET /actions.csv": true,
	"GET /api/v1/coverage": true, "GET /api/v1/indicators": true,
	"GET /api/v1": true, "GET /api/v1/openapi.json": true, "GET /api/v1/services": true, "GET /api/v1/services/{id}": true,
	"GET /api/v1/taxonomies": true, "GET /api/v1/taxonomies/{id}": true, "GET /api/v1/taxonomy_terms": true,
	"GET /api/v1/taxonomy_terms/{id}": true, "GET /api/v1/organizations": true, "GET /api/v1/organizations/{id}": true,
	"GET /api/v1/service_at_locations": true, "GET /api/v1/service_at_locations/{id}": true,
	"GET /staff/login": true, "POST /staff/login": true, "POST /staff/logout": true,
	"GET /suggest": true, "GET /suggest/thanks": true, "POST /suggestions": true,
	"GET /services/{id}/suggest": true, "POST /services/{id}/suggestions": true,
}

// providerRoutes are the staff routes a provider may use: their home page
// and the pages where they propose changes. Every other staff route must
// give a provider the 403 page and write nothing. All but the home page are
// a provider's alone.
var providerRoutes = map[string]bool{
	"GET /staff": true, "GET /staff/proposals": true, "GET /staff/proposals/new": true, "POST /staff/proposals": true,
}

// movedRoutes are the staff lists the review queue replaced: each
// redirects to it for good.
var movedRoutes = map[string]bool{"GET /staff/suggestions": true, "GET /staff/held": true}

// adminPrefixes are the staff routes only admins may use.
var adminPrefixes = []string{"/staff/users", "/staff/service-types", "/staff/areas", "/staff/feeds", "/staff/outbox", "/staff/jobs"}

type route struct{ method, pattern string }

func walkRoutes(t *testing.T, routes chi.Routes) []route {
	t.Helper()
	var out []route
	err := chi.Walk(routes, func(method, pattern string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		out = append(out, route{method, strings.TrimSuffix(pattern, "/")})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func isAdmin(pattern string) bool {
	for _, p := range adminPrefixes {
		if strings.HasPrefix(pattern, p) {
			return true
		}
	}
	return false
}

// concrete fills a route pattern's parameters with values that exist.
func concrete(pattern string) string {
	r := strings.NewReplacer(
		"{type}", "family-nurse-partnership", "{area}", "isle-of-wight", "{id}", "1",
		"{slug}", slugFor(pattern))
	return r.Replace(pattern)
}

func slugFor(pattern string) string {
	switch {
	case strings.HasPrefix(pattern, "/staff/service-types"):
		return "family-nurse-partnership"
	case strings.HasPrefix(pattern, "/staff/areas"), strings.HasPrefix(pattern, "/areas"):
		return "hampshire"
	case strings.HasPrefix(pattern, "/staff/queue/held"):
		return "testshire-baby-cafe"
	}
	return "roberts-centre"
}

func TestEveryRouteIsClassified(t *testing.T) {
	srv := server.New(seededStore(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	staff := 0
	for _, rt := range walkRoutes(t, srv.Routes()) {
		key := rt.method + " " + rt.pattern
		if rt.pattern == "" {
			key = rt.method + " /"
		}
		switch {
		case publicRoutes[key]:
		case strings.HasPrefix(rt.pattern, "/staff"):
			staff++
		default:
			t.Errorf("%s is neither a public route nor under /staff: classify it", key)
		}
	}
	if staff == 0 {
		t.Error("found no staff routes")
	}
}

func TestStaffRoutesNeedTheRightAccount(t *testing.T) {
	e := newStaffEnv(t)
	pat := e.addProvider(t)
	anon, editor, admin := e.client(t), e.login(t, "editor@example.org"), e.login(t, "admin@example.org")
	provider := e.login(t, providerEmail)
	// The forms an admin may send, so that a provider's refused request
	// would have written had it been let through.
	validForms := map[string]url.Values{}
	for _, req := range adminRequests(t, e) {
		if req.method == http.MethodPost && req.later == nil {
			validForms[req.path] = req.form
		}
	}
	// written is everything a refused request must leave as it was.
	written := func() string {
		v, err := e.db.ContentVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		users, _ := e.db.Users(context.Background())
		return fmt.Sprintf("content %d, %d audit records, %d proposals, %d accounts", v, e.changeCount(t), len(e.proposals(t)), len(users))
	}
	// An action for /staff/actions/{id} to find: the seeds record none.
	if a, err := e.db.CreateAction(context.Background(), directory.Actor{Name: "test"}, directory.GapAction{
		ServiceType: "family-nurse-partnership", Area: "isle-of-wight", What: "Scope a family nurse partnership for the island",
		Lead: "Isle of Wight Council", Status: directory.ActionProposed,
	}); err != nil || a.ID != 1 {
		t.Fatalf("create the action the walk visits: id %d, %v", a.ID, err)
	}
	// A suggestion and held imports for the review queue's pages to find.
	if g, err := e.db.CreateSuggestion(context.Background(), directory.Suggestion{ServiceID: 1, Topic: directory.TopicOutOfDate, Details: "New times."}); err != nil || g.ID != 1 {
		t.Fatalf("create the suggestion the walk visits: id %d, %v", g.ID, err)
	}
	holdTwo(t, e.db)
	if p, err := e.db.CreateProposal(context.Background(), directory.Actor{UserID: pat.ID, Name: pat.Name}, proposalOf(t, e, providerService)); err != nil || p.ID != 1 {
		t.Fatalf("create the proposal the walk visits: id %d, %v", p.ID, err)
	}
	checked := 0
	for _, rt := range walkRoutes(t, e.srv.Config.Handler.(*server.Server).Routes()) {
		key := rt.method + " " + rt.pattern
		if publicRoutes[key] || !strings.HasPrefix(rt.pattern, "/staff") {
			continue
		}
		checked++
		path := concrete(rt.pattern)
		if rt.pattern == "/staff/actions/new" {
			path += "?service_type=family-nurse-partnership&area=isle-of-wight"
		}
		send := func(c *http.Client) *response {
			if rt.method == http.MethodGet {
				return e.get(t, c, path)
			}
			return e.post(t, c, path, validForms[path])
		}
		t.Run(key, func(t *testing.T) {
			if r := send(anon); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/staff/login") {
				t.Errorf("anonymous: %d to %q, want a redirect to login", r.StatusCode, r.Header.Get("Location"))
			}
			if providerRoutes[key] {
				if r := send(provider); r.StatusCode == http.StatusForbidden || rt.method == http.MethodGet && r.StatusCode != http.StatusOK {
					t.Errorf("provider on a provider's route: %d", r.StatusCode)
				}
				if key != "GET /staff" {
					if r := send(editor); r.StatusCode != http.StatusForbidden {
						t.Errorf("editor on a provider's route: %d, want 403", r.StatusCode)
					}
				}
			} else {
				before := written()
				if r := send(provider); r.StatusCode != http.StatusForbidden {
					t.Errorf("provider: %d, want 403", r.StatusCode)
				}
				if after := written(); after != before {
					t.Errorf("a provider's refused request wrote: %s, then %s", before, after)
				}
			}
			if providerRoutes[key] && key != "GET /staff" {
				// A provider's own; checked above.
			} else if isAdmin(rt.pattern) {
				if r := send(editor); r.StatusCode != http.StatusForbidden {
					t.Errorf("editor on an admin route: %d, want 403", r.StatusCode)
				}
				if r := send(admin); r.StatusCode == http.StatusForbidden || r.StatusCode == http.StatusSeeOther && strings.HasPrefix(r.Header.Get("Location"), "/staff/login") {
					t.Errorf("admin refused: %d", r.StatusCode)
				}
			} else if movedRoutes[key] {
				if r := send(editor); r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != "/staff/queue" {
					t.Errorf("editor: %d to %q, want 301 to the review queue", r.StatusCode, r.Header.Get("Location"))
				}
			} else if rt.method == http.MethodGet {
				if r := send(editor); r.StatusCode != http.StatusOK {
					t.Errorf("editor: %d, want 200", r.StatusCode)
				}
			}
			if rt.method != http.MethodGet {
				req, _ := http.NewRequest(rt.method, e.srv.URL+path, strings.NewReader(""))
				req.Header.Set("Origin", "https://evil.example")
				req.Header.Set("Sec-Fetch-Site", "cross-site")
				if r := e.do(t, admin, req); r.StatusCode != http.StatusForbidden {
					t.Errorf("cross-site %s: %d, want 403", rt.method, r.StatusCode)
				}
			}
		})
	}
	if checked < 15 {
		t.Errorf("checked only %d staff routes", checked)
	}
}

package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/auth"
	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/server"
)

const testPassword = "a long test password"

// staffEnv is a seeded server with an admin and an editor account.
type staffEnv struct {
	srv *httptest.Server
	db  directory.Store
	app *server.Server
}

func newStaffEnv(t *testing.T, opts ...server.Option) *staffEnv {
	t.Helper()
	db := seededStore(t)
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []directory.User{
		{Email: "admin@example.org", Name: "Ada Admin", Role: directory.RoleAdmin},
		{Email: "editor@example.org", Name: "Ed Editor", Role: directory.RoleEditor},
		{Email: "editor2@example.org", Name: "Eve Editor", Role: directory.RoleEditor},
	} {
		if _, err := db.CreateUser(context.Background(), directory.Actor{Name: "test"}, u, hash); err != nil {
			t.Fatal(err)
		}
	}
	app := server.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), opts...)
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return &staffEnv{srv: srv, db: db, app: app}
}

// client returns a browser-like client with its own cookies that does not
// follow redirects, so tests can see them.
func (e *staffEnv) client(t *testing.T) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// login logs a client in and fails the test unless it succeeds.
func (e *staffEnv) login(t *testing.T, email string) *http.Client {
	t.Helper()
	c := e.client(t)
	resp := e.post(t, c, "/staff/login", url.Values{"email": {email}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login as %s: status %d", email, resp.StatusCode)
	}
	return c
}

// post submits a form from the same origin and returns the response, body read.
func (e *staffEnv) post(t *testing.T, c *http.Client, path string, form url.Values) *response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return e.do(t, c, req)
}

func (e *staffEnv) get(t *testing.T, c *http.Client, path string) *response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
	return e.do(t, c, req)
}

type response struct {
	*http.Response
	Body string
}

func (e *staffEnv) do(t *testing.T, c *http.Client, req *http.Request) *response {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return &response{Response: resp, Body: string(b)}
}

func TestLoginAndLogout(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)

	if r := e.get(t, c, "/staff"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/staff/login") {
		t.Fatalf("anonymous /staff: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if r := e.get(t, c, "/staff/login"); r.StatusCode != 200 || !strings.Contains(r.Body, `name="email"`) || !strings.Contains(r.Body, `name="password"`) {
		t.Fatalf("login page: %d", r.StatusCode)
	}

	var before string
	e.get(t, c, "/staff/login")
	u, _ := url.Parse(e.srv.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "directory_session" {
			before = ck.Value
		}
	}
	r := e.post(t, c, "/staff/login", url.Values{"email": {"editor@example.org"}, "password": {testPassword}, "next": {"/staff/review"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/staff/review" {
		t.Fatalf("login: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, ck := range r.Cookies() {
		if ck.Name == "directory_session" {
			cookie = ck
		}
	}
	if cookie == nil {
		t.Fatal("no session cookie")
	}
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Secure {
		t.Errorf("cookie HttpOnly=%v SameSite=%v Secure=%v; want HttpOnly, Lax, not Secure over plain HTTP", cookie.HttpOnly, cookie.SameSite, cookie.Secure)
	}
	if cookie.Value == before {
		t.Error("the session token was not renewed at login")
	}
	if r := e.get(t, c, "/staff"); r.StatusCode != 200 || !strings.Contains(r.Body, "Ed Editor") {
		t.Fatalf("staff home after login: %d", r.StatusCode)
	}

	r = e.post(t, c, "/staff/logout", nil)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", r.StatusCode)
	}
	// The old token must be dead on the server, not just forgotten by the browser.
	replay := e.client(t)
	replay.Jar.SetCookies(u, []*http.Cookie{{Name: "directory_session", Value: cookie.Value}})
	if r := e.get(t, replay, "/staff"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("a logged-out token still opens /staff: %d", r.StatusCode)
	}
}

func TestSecureCookieSetting(t *testing.T) {
	e := newStaffEnv(t, server.WithSecureCookies(true))
	r := e.post(t, e.client(t), "/staff/login", url.Values{"email": {"editor@example.org"}, "password": {testPassword}})
	for _, ck := range r.Cookies() {
		if ck.Name == "directory_session" && !ck.Secure {
			t.Error("session cookie is not Secure with the setting on")
		}
	}
}

func TestLoginFailuresAreGeneric(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	wrong := e.post(t, c, "/staff/login", url.Values{"email": {"editor@example.org"}, "password": {"not the password"}})
	unknown := e.post(t, c, "/staff/login", url.Values{"email": {"nobody@example.org"}, "password": {"not the password"}})
	for _, r := range []*response{wrong, unknown} {
		if r.StatusCode != http.StatusUnauthorized || !strings.Contains(r.Body, "Enter a correct email address and password") {
			t.Errorf("failed login: %d", r.StatusCode)
		}
	}
	if strip(wrong.Body) != strip(unknown.Body) {
		t.Error("a wrong password and an unknown email give different pages")
	}
	if !strings.Contains(wrong.Body, `value="editor@example.org"`) {
		t.Error("the email typed was not kept")
	}
	empty := e.post(t, c, "/staff/login", url.Values{"email": {""}, "password": {""}})
	if empty.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(empty.Body, "Enter your email address") {
		t.Errorf("empty login: %d", empty.StatusCode)
	}
}

// strip removes the per-response nonce so two pages can be compared.
func strip(body string) string {
	var b strings.Builder
	for _, line := range strings.Split(body, "\n") {
		if !strings.Contains(line, "nonce=") && !strings.Contains(line, `name="email"`) {
			b.WriteString(line)
		}
	}
	return b.String()
}

func TestDisabledAccountCannotLogIn(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	u, _, err := e.db.UserByEmail(context.Background(), "editor@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.DisableUser(context.Background(), directory.Actor{Name: "test"}, u.ID); err != nil {
		t.Fatal(err)
	}
	if r := e.get(t, c, "/staff"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("a disabled account's open session still works: %d", r.StatusCode)
	}
	r := e.post(t, e.client(t), "/staff/login", url.Values{"email": {"editor@example.org"}, "password": {testPassword}})
	if r.StatusCode != http.StatusUnauthorized {
		t.Errorf("a disabled account logged in: %d", r.StatusCode)
	}
}

func TestLoginIsThrottled(t *testing.T) {
	e := newStaffEnv(t, server.WithLoginLimit(3))
	c := e.client(t)
	var last int
	for range 4 {
		last = e.post(t, c, "/staff/login", url.Values{"email": {"editor@example.org"}, "password": {"guess"}}).StatusCode
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("fourth attempt in a minute: %d, want 429", last)
	}
}

func TestCrossOriginPostIsRefused(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/staff/logout", nil)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if r := e.do(t, c, req); r.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: %d, want 403", r.StatusCode)
	}
	if r := e.get(t, c, "/staff"); r.StatusCode != 200 {
		t.Errorf("the refused request still logged the user out: %d", r.StatusCode)
	}
}

func TestLoginNextStaysOnSite(t *testing.T) {
	e := newStaffEnv(t)
	for _, next := range []string{"https://evil.example/", "//evil.example/staff", "/\\evil.example"} {
		r := e.post(t, e.client(t), "/staff/login", url.Values{"email": {"editor@example.org"}, "password": {testPassword}, "next": {next}})
		if loc := r.Header.Get("Location"); loc != "/staff" {
			t.Errorf("next %q redirected to %q", next, loc)
		}
	}
}

// TestLoginDoesTheSameWorkWhateverTheEmail checks the timing class of a
// failed login: an unknown email, a disabled account and a wrong password
// each cost one full argon2id computation, so time does not tell them apart.
func TestLoginDoesTheSameWorkWhateverTheEmail(t *testing.T) {
	e := newStaffEnv(t)
	u, _, err := e.db.UserByEmail(context.Background(), "editor2@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.DisableUser(context.Background(), directory.Actor{Name: "test"}, u.ID); err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"nobody@example.org", "editor2@example.org", "editor@example.org"} {
		before := auth.Checks()
		r := e.post(t, e.client(t), "/staff/login", url.Values{"email": {email}, "password": {"wrong password"}})
		if r.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: %d", email, r.StatusCode)
		}
		if n := auth.Checks() - before; n != 1 {
			t.Errorf("a failed login as %s computed %d password checks, want 1", email, n)
		}
	}
}

package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/auth"
	"github.com/wessex-network/directory/internal/directory"
)

// adminRequest is one request to an admin route that succeeds for an admin.
type adminRequest struct {
	method, path string
	form         url.Values
	wantAdmin    int
	// later, when set, makes the form as the request is sent, for a form
	// that depends on what earlier requests did.
	later func() url.Values
}

// values is the form the request sends.
func (req adminRequest) values() url.Values {
	if req.later != nil {
		return req.later()
	}
	return req.form
}

// undoLatest makes the form that restores the version before a record's
// latest change, as its history page offers it, starting from version.
func (e *staffEnv) undoLatest(t *testing.T, entity, key, version string) func() url.Values {
	return func() url.Values {
		t.Helper()
		history, err := e.db.History(context.Background(), entity, key)
		if err != nil {
			t.Fatal(err)
		}
		change := "0"
		if len(history) > 0 {
			change = strconv.FormatInt(history[0].ID, 10)
		}
		return url.Values{"version": {version}, "change": {change}, "side": {"before"}}
	}
}

// adminRequests lists every admin route, with forms that an admin may submit
// in this order on a freshly seeded directory.
func adminRequests(t *testing.T, e *staffEnv) []adminRequest {
	t.Helper()
	editor2 := e.userID(t, "editor2@example.org")
	return []adminRequest{
		{"GET", "/staff/users", nil, 200, nil},
		{"GET", "/staff/users/new", nil, 200, nil},
		{"POST", "/staff/users", url.Values{"email": {"new@example.org"}, "name": {"Nia New"}, "role": {"editor"}, "password": {testPassword}}, 303, nil},
		{"POST", "/staff/users/" + strconv.FormatInt(editor2, 10) + "/disable", nil, 303, nil},
		{"POST", "/staff/users/" + strconv.FormatInt(editor2, 10) + "/enable", nil, 303, nil},
		{"GET", "/staff/service-types", nil, 200, nil},
		{"GET", "/staff/service-types/new", nil, 200, nil},
		{"POST", "/staff/service-types", url.Values{"slug": {"doula-support"}, "name": {"Doula support"}}, 303, nil},
		{"GET", "/staff/service-types/home-start/edit", nil, 200, nil},
		{"POST", "/staff/service-types/home-start", url.Values{"version": {"1"}, "name": {"Home-Start UK"}, "description": {"Volunteers."}}, 303, nil},
		{"GET", "/staff/service-types/home-start/history", nil, 200, nil},
		{"POST", "/staff/service-types/home-start/restore", nil, 303, e.undoLatest(t, directory.EntityServiceType, "home-start", "2")},
		{"GET", "/staff/areas", nil, 200, nil},
		{"GET", "/staff/areas/new", nil, 200, nil},
		{"POST", "/staff/areas", url.Values{"slug": {"test-district"}, "name": {"Test District"}, "kind": {"district"}, "parent": {"hampshire"}}, 303, nil},
		{"GET", "/staff/areas/hampshire/edit", nil, 200, nil},
		{"POST", "/staff/areas/hampshire", url.Values{"version": {"1"}, "name": {"Hampshire County"}, "kind": {"county"}, "parent": {"wessex"}, "ons_code": {"E10000014"}}, 303, nil},
		{"GET", "/staff/areas/hampshire/history", nil, 200, nil},
		{"POST", "/staff/areas/hampshire/restore", nil, 303, e.undoLatest(t, directory.EntityArea, "hampshire", "2")},
		{"GET", "/staff/outbox", nil, 200, nil},
	}
}

func (e *staffEnv) userID(t *testing.T, email string) int64 {
	t.Helper()
	u, _, err := e.db.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// changeCount is how many audit records there are.
func (e *staffEnv) changeCount(t *testing.T) int {
	t.Helper()
	all, err := e.db.RecentChanges(context.Background(), 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	return len(all)
}

func (e *staffEnv) send(t *testing.T, c *http.Client, req adminRequest) *response {
	t.Helper()
	if req.method == http.MethodGet {
		return e.get(t, c, req.path)
	}
	return e.post(t, c, req.path, req.values())
}

func TestAdminRoutesNeedAnAdmin(t *testing.T) {
	e := newStaffEnv(t)
	anonymous, editor, admin := e.client(t), e.login(t, "editor@example.org"), e.login(t, "admin@example.org")
	before := e.changeCount(t)
	for _, req := range adminRequests(t, e) {
		t.Run(req.method+" "+req.path, func(t *testing.T) {
			r := e.send(t, anonymous, req)
			if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/staff/login") {
				t.Errorf("anonymous: %d to %q, want a redirect to the login page", r.StatusCode, r.Header.Get("Location"))
			}
			if r := e.send(t, editor, req); r.StatusCode != http.StatusForbidden || !strings.Contains(r.Body, "Only an admin can do this.") {
				t.Errorf("editor: %d, want 403", r.StatusCode)
			}
		})
	}
	if n := e.changeCount(t); n != before {
		t.Fatalf("refused requests wrote %d audit records", n-before)
	}
	for _, req := range adminRequests(t, e) {
		if r := e.send(t, admin, req); r.StatusCode != req.wantAdmin {
			t.Errorf("admin %s %s: %d, want %d", req.method, req.path, r.StatusCode, req.wantAdmin)
		}
	}
	if n := e.changeCount(t); n != before+9 {
		t.Errorf("the admin's nine changes wrote %d audit records", n-before)
	}
}

func TestAdminCrossOriginPostIsRefused(t *testing.T) {
	e := newStaffEnv(t)
	admin := e.login(t, "admin@example.org")
	before := e.changeCount(t)
	for _, req := range adminRequests(t, e) {
		if req.method != http.MethodPost {
			continue
		}
		r, _ := http.NewRequest(http.MethodPost, e.srv.URL+req.path, strings.NewReader(req.values().Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Origin", "https://evil.example")
		r.Header.Set("Sec-Fetch-Site", "cross-site")
		if resp := e.do(t, admin, r); resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST %s: %d, want 403", req.path, resp.StatusCode)
		}
	}
	if n := e.changeCount(t); n != before {
		t.Errorf("refused cross-site requests wrote %d audit records", n-before)
	}
}

// parse reads a response body as HTML.
func parse(t *testing.T, r *response) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// fieldValue returns the value of a form field as the page shows it.
func fieldValue(doc *goquery.Document, name string) string {
	if ta := doc.Find(`textarea[name="` + name + `"]`); ta.Length() > 0 {
		return ta.Text()
	}
	if sel := doc.Find(`select[name="` + name + `"]`); sel.Length() > 0 {
		return sel.Find("option[selected]").AttrOr("value", "")
	}
	if radio := doc.Find(`input[type="radio"][name="` + name + `"][checked]`); radio.Length() > 0 {
		return radio.AttrOr("value", "")
	}
	return doc.Find(`input[name="`+name+`"]`).AttrOr("value", "")
}

// wantFormAgain checks a refused form: status 422, an error summary that
// names the field, and each typed value kept.
func wantFormAgain(t *testing.T, r *response, field string, kept url.Values) {
	t.Helper()
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", r.StatusCode)
	}
	doc := parse(t, r)
	summary := doc.Find(`[data-testid="error-summary"]`)
	if summary.Find(`a[href="#`+field+`"]`).Length() != 1 {
		t.Errorf("the error summary does not link to #%s: %q", field, strings.TrimSpace(summary.Text()))
	}
	if doc.Find("#"+field+"-error").Length() != 1 {
		t.Errorf("no error message beside %s", field)
	}
	for name := range kept {
		if name == "password" || name == "version" {
			continue
		}
		if got := fieldValue(doc, name); got != strings.TrimSpace(kept.Get(name)) {
			t.Errorf("field %s shows %q, want what was typed, %q", name, got, kept.Get(name))
		}
	}
}

func TestAddStaffAccount(t *testing.T) {
	e := newStaffEnv(t)
	admin := e.login(t, "admin@example.org")
	ctx := context.Background()
	users, _ := e.db.Users(ctx)

	tests := []struct {
		name  string
		form  url.Values
		field string
	}{
		{"bad email", url.Values{"email": {"not an email"}, "name": {"Sam Staff"}, "role": {"editor"}, "password": {testPassword}}, "email"},
		{"no name", url.Values{"email": {"sam@example.org"}, "name": {"  "}, "role": {"admin"}, "password": {testPassword}}, "name"},
		{"no role", url.Values{"email": {"sam@example.org"}, "name": {"Sam Staff"}, "password": {testPassword}}, "role"},
		{"unknown role", url.Values{"email": {"sam@example.org"}, "name": {"Sam Staff"}, "role": {"owner"}, "password": {testPassword}}, "role"},
		{"short password", url.Values{"email": {"sam@example.org"}, "name": {"Sam Staff"}, "role": {"editor"}, "password": {strings.Repeat("x", auth.MinPasswordLength-1)}}, "password"},
		{"email taken", url.Values{"email": {"Editor@Example.org"}, "name": {"Sam Staff"}, "role": {"editor"}, "password": {"another long password"}}, "email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.post(t, admin, "/staff/users", tt.form)
			kept := url.Values{}
			for k, v := range tt.form {
				if k != "role" || tt.field != "role" {
					kept[k] = v
				}
			}
			wantFormAgain(t, r, tt.field, kept)
			if pw := tt.form.Get("password"); pw != "" && strings.Contains(r.Body, pw) {
				t.Error("the password was sent back to the browser")
			}
			if doc := parse(t, r); doc.Find(`input[name="password"]`).AttrOr("autocomplete", "") != "new-password" {
				t.Error("the password field is not autocomplete=new-password")
			}
		})
	}
	if now, _ := e.db.Users(ctx); len(now) != len(users) {
		t.Fatalf("refused forms wrote %d accounts", len(now)-len(users))
	}

	r := e.post(t, admin, "/staff/users", url.Values{"email": {"sam@example.org"}, "name": {"Sam Staff"}, "role": {"admin"}, "password": {"sams long password"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/staff/users" {
		t.Fatalf("add account: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	sam, _, err := e.db.UserByEmail(ctx, "sam@example.org")
	if err != nil || sam.Role != directory.RoleAdmin || sam.Name != "Sam Staff" {
		t.Fatalf("stored %+v, %v", sam, err)
	}
	c := e.client(t)
	if r := e.post(t, c, "/staff/login", url.Values{"email": {"sam@example.org"}, "password": {"sams long password"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the new account cannot log in: %d", r.StatusCode)
	}
	history, _ := e.db.History(ctx, directory.EntityUser, "sam@example.org")
	if len(history) != 1 || history[0].Action != "create" || history[0].UserName != "Ada Admin" || !strings.Contains(history[0].After, "Sam Staff") {
		t.Errorf("audit %+v", history)
	}
	if strings.Contains(history[0].After, "sams long password") || strings.Contains(history[0].After, "argon2") {
		t.Error("the audit record holds the password or its hash")
	}
	list := parse(t, e.get(t, admin, "/staff/users"))
	if row := list.Find(`#user-` + strconv.FormatInt(sam.ID, 10)); !strings.Contains(row.Text(), "sam@example.org") || !strings.Contains(row.Text(), "Admin") {
		t.Errorf("the list's row for the new account: %q", row.Text())
	}
}

func TestDisableStaffAccount(t *testing.T) {
	e := newStaffEnv(t)
	admin := e.login(t, "admin@example.org")
	ctx := context.Background()
	editorID, adminID := e.userID(t, "editor@example.org"), e.userID(t, "admin@example.org")
	editor := e.login(t, "editor@example.org")

	list := parse(t, e.get(t, admin, "/staff/users"))
	if list.Find(`#user-`+strconv.FormatInt(editorID, 10)+` form[action$="/disable"] button`).Length() != 1 {
		t.Fatal("no disable button for an active account")
	}
	r := e.post(t, admin, "/staff/users/"+strconv.FormatInt(editorID, 10)+"/disable", nil)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", r.StatusCode)
	}
	if u, _ := e.db.User(ctx, editorID); !u.Disabled {
		t.Error("the account was not disabled")
	}
	if r := e.get(t, editor, "/staff"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the disabled account's session still works: %d", r.StatusCode)
	}
	row := parse(t, e.get(t, admin, "/staff/users")).Find(`#user-` + strconv.FormatInt(editorID, 10))
	if !strings.Contains(row.Text(), "Disabled") || row.Find(`form[action$="/disable"]`).Length() != 0 {
		t.Errorf("the disabled account's row: %q", strings.TrimSpace(row.Text()))
	}
	history, _ := e.db.History(ctx, directory.EntityUser, "editor@example.org")
	if len(history) == 0 || history[0].Action != "disable" || !strings.Contains(history[0].Before, `"disabled":false`) || !strings.Contains(history[0].After, `"disabled":true`) {
		t.Errorf("audit %+v", history)
	}

	// Ada is the only admin: disabling her would leave nobody to manage accounts.
	before := e.changeCount(t)
	r = e.post(t, admin, "/staff/users/"+strconv.FormatInt(adminID, 10)+"/disable", nil)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "only active admin") {
		t.Errorf("disable the last admin: %d", r.StatusCode)
	}
	if parse(t, r).Find(`[data-testid="error-summary"] a[href="#user-`+strconv.FormatInt(adminID, 10)+`"]`).Length() != 1 {
		t.Error("the error summary does not link to the admin's row")
	}
	if u, _ := e.db.User(ctx, adminID); u.Disabled {
		t.Error("the last admin was disabled")
	}
	if n := e.changeCount(t); n != before {
		t.Errorf("the refused disable wrote %d audit records", n-before)
	}
	if r := e.post(t, admin, "/staff/users/999999/disable", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("disable an unknown account: %d, want 404", r.StatusCode)
	}

	// Enabling the account lets its owner log in again, with the same role.
	enable := row.Find(`form[action$="/enable"] button`)
	if enable.Length() != 1 || !strings.Contains(enable.Text(), "Enable the account of") {
		t.Fatalf("the disabled account's row has no enable button: %q", strings.TrimSpace(row.Text()))
	}
	if r := e.post(t, admin, "/staff/users/"+strconv.FormatInt(editorID, 10)+"/enable", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("enable: %d", r.StatusCode)
	}
	if u, _ := e.db.User(ctx, editorID); u.Disabled || u.Role != directory.RoleEditor {
		t.Errorf("after enabling: disabled %v, role %s", u.Disabled, u.Role)
	}
	editor = e.login(t, "editor@example.org")
	if r := e.get(t, editor, "/staff"); r.StatusCode != http.StatusOK {
		t.Errorf("the enabled account cannot use the staff pages: %d", r.StatusCode)
	}
	history, _ = e.db.History(ctx, directory.EntityUser, "editor@example.org")
	if len(history) == 0 || history[0].Action != "enable" || !strings.Contains(history[0].After, `"disabled":false`) {
		t.Errorf("audit after enabling %+v", history)
	}
	if r := e.post(t, admin, "/staff/users/999999/enable", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("enable an unknown account: %d, want 404", r.StatusCode)
	}
}

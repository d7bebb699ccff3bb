package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/auth"
	"github.com/wessex-network/directory/internal/directory"
)

// versionOf opens an edit form and returns the version it carries.
func (e *staffEnv) versionOf(t *testing.T, c *http.Client, path string) string {
	t.Helper()
	r := e.get(t, c, path)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, r.StatusCode)
	}
	v := parse(t, r).Find(`form input[type="hidden"][name="version"]`).AttrOr("value", "")
	if v == "" {
		t.Fatalf("%s carries no version", path)
	}
	return v
}

// secondAdmin adds another admin and logs in as them.
func (e *staffEnv) secondAdmin(t *testing.T) *http.Client {
	t.Helper()
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.CreateUser(context.Background(), directory.Actor{Name: "test"},
		directory.User{Email: "admin2@example.org", Name: "Bo Admin", Role: directory.RoleAdmin}, hash); err != nil {
		t.Fatal(err)
	}
	return e.login(t, "admin2@example.org")
}

// conflictRows reads the conflict page's table: label to stored, submitted
// and the difference in words.
func conflictRows(doc *goquery.Document) map[string][3]string {
	rows := map[string][3]string{}
	table := doc.Find(`table[data-testid="conflict"]`)
	table.Find(".nhsuk-table-responsive__heading").Remove()
	table.Find("tbody tr").Each(func(_ int, s *goquery.Selection) {
		cells := s.Find("td")
		rows[strings.TrimSpace(s.Find("th").Text())] = [3]string{
			strings.TrimSpace(cells.Eq(0).Text()),
			strings.TrimSpace(cells.Eq(1).Text()),
			strings.TrimSpace(cells.Eq(2).Text()),
		}
	})
	return rows
}

func TestTwoAdminsEditTheSameServiceType(t *testing.T) {
	e := newStaffEnv(t)
	ada, bo := e.login(t, "admin@example.org"), e.secondAdmin(t)
	ctx := context.Background()
	original, err := e.db.ServiceType(ctx, "home-start")
	if err != nil {
		t.Fatal(err)
	}
	const edit = "/staff/service-types/home-start/edit"
	adaVersion, boVersion := e.versionOf(t, ada, edit), e.versionOf(t, bo, edit)
	if adaVersion != boVersion {
		t.Fatalf("both began from different versions: %s and %s", adaVersion, boVersion)
	}

	first := e.post(t, ada, "/staff/service-types/home-start", url.Values{
		"version": {adaVersion}, "name": {"Home-Start volunteers"}, "description": {original.Description}})
	if first.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", first.StatusCode)
	}
	second := e.post(t, bo, "/staff/service-types/home-start", url.Values{
		"version": {boVersion}, "name": {"Home-Start family support"}, "description": {original.Description}})
	if second.StatusCode != http.StatusConflict {
		t.Fatalf("second save from the same version: %d, want 409", second.StatusCode)
	}
	doc := parse(t, second)
	rows := conflictRows(doc)
	if got := rows["Name"]; got != [3]string{"Home-Start volunteers", "Home-Start family support", "Different"} {
		t.Errorf("name row %q", got)
	}
	if got := rows["Description"]; got != [3]string{original.Description, original.Description, "Same"} {
		t.Errorf("description row %q", got)
	}
	if href := doc.Find(`a.nhsuk-button`).AttrOr("href", ""); href != edit {
		t.Errorf("the link to start again goes to %q", href)
	}
	again := e.versionOf(t, bo, edit)
	if again == boVersion {
		t.Error("starting again does not start from the stored version")
	}

	stored, _ := e.db.ServiceType(ctx, "home-start")
	if stored.Name != "Home-Start volunteers" {
		t.Errorf("stored name %q, want the first save's", stored.Name)
	}
	history, _ := e.db.History(ctx, directory.EntityServiceType, "home-start")
	if len(history) != 1 {
		t.Fatalf("%d audit records, want 1: the refused save writes none", len(history))
	}
	var before, after directory.ServiceType
	if err := json.Unmarshal([]byte(history[0].Before), &before); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(history[0].After), &after); err != nil {
		t.Fatal(err)
	}
	if history[0].UserName != "Ada Admin" || history[0].Action != "update" || before.Name != original.Name || after.Name != "Home-Start volunteers" {
		t.Errorf("audit %s by %s: %q to %q", history[0].Action, history[0].UserName, before.Name, after.Name)
	}
}

func TestTwoAdminsSaveAtTheSameMoment(t *testing.T) {
	e := newStaffEnv(t)
	clients := []*http.Client{e.login(t, "admin@example.org"), e.secondAdmin(t)}
	const edit = "/staff/service-types/health-visiting/edit"
	versions := []string{e.versionOf(t, clients[0], edit), e.versionOf(t, clients[1], edit)}
	names := []string{"Health visiting (Ada)", "Health visiting (Bo)"}
	statuses := make([]int, 2)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() {
			form := url.Values{"version": {versions[i]}, "name": {names[i]}, "description": {"Changed at once."}}
			req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/staff/service-types/health-visiting", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", e.srv.URL)
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			resp, err := clients[i].Do(req)
			if err != nil {
				return // the status stays 0 and fails the check below
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		})
	}
	wg.Wait()
	winner := -1
	switch {
	case statuses[0] == http.StatusSeeOther && statuses[1] == http.StatusConflict:
		winner = 0
	case statuses[1] == http.StatusSeeOther && statuses[0] == http.StatusConflict:
		winner = 1
	default:
		t.Fatalf("statuses %v, want one 303 and one 409", statuses)
	}
	stored, _ := e.db.ServiceType(context.Background(), "health-visiting")
	if stored.Name != names[winner] {
		t.Errorf("stored %q, want the saved one, %q", stored.Name, names[winner])
	}
	if h, _ := e.db.History(context.Background(), directory.EntityServiceType, "health-visiting"); len(h) != 1 {
		t.Errorf("%d audit records, want 1", len(h))
	}
}

func TestTwoAdminsEditTheSameArea(t *testing.T) {
	e := newStaffEnv(t)
	ada, bo := e.login(t, "admin@example.org"), e.secondAdmin(t)
	const edit = "/staff/areas/portsmouth/edit"
	v := e.versionOf(t, ada, edit)
	form := func(name string) url.Values {
		return url.Values{"version": {v}, "name": {name}, "kind": {"unitary_authority"}, "parent": {"wessex"}, "ons_code": {"E06000044"}}
	}
	if r := e.post(t, ada, "/staff/areas/portsmouth", form("City of Portsmouth")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", r.StatusCode)
	}
	r := e.post(t, bo, "/staff/areas/portsmouth", form("Portsmouth City Council"))
	if r.StatusCode != http.StatusConflict {
		t.Fatalf("second save: %d, want 409", r.StatusCode)
	}
	rows := conflictRows(parse(t, r))
	if got := rows["Name"]; got != [3]string{"City of Portsmouth", "Portsmouth City Council", "Different"} {
		t.Errorf("name row %q", got)
	}
	if got := rows["Inside which area"]; got != [3]string{"Wessex", "Wessex", "Same"} {
		t.Errorf("parent row %q", got)
	}
	if a, _ := e.db.Area(context.Background(), "portsmouth"); a.Name != "City of Portsmouth" {
		t.Errorf("stored %q, want the first save's", a.Name)
	}
}

func TestServiceTypeForms(t *testing.T) {
	e := newStaffEnv(t)
	admin := e.login(t, "admin@example.org")
	ctx := context.Background()
	types, _ := e.db.ServiceTypes(ctx)

	bad := []struct {
		name  string
		form  url.Values
		field string
	}{
		{"bad slug", url.Values{"slug": {"Doula Support"}, "name": {"Doula support"}, "description": {"Birth companions."}}, "slug"},
		{"slug taken", url.Values{"slug": {"home-start"}, "name": {"Doula support"}, "description": {"Birth companions."}}, "slug"},
		{"no name", url.Values{"slug": {"doula-support"}, "name": {""}, "description": {"Birth companions."}}, "name"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			wantFormAgain(t, e.post(t, admin, "/staff/service-types", tt.form), tt.field, tt.form)
		})
	}
	if now, _ := e.db.ServiceTypes(ctx); len(now) != len(types) {
		t.Fatalf("refused forms wrote %d service types", len(now)-len(types))
	}

	r := e.post(t, admin, "/staff/service-types", url.Values{"slug": {"doula-support"}, "name": {"Doula support"}, "description": {"Birth companions."}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", r.StatusCode)
	}
	now, _ := e.db.ServiceTypes(ctx)
	if len(now) != len(types)+1 || now[len(now)-1].Slug != "doula-support" {
		t.Fatalf("the new type is not last: %+v", now[len(now)-1])
	}
	list := parse(t, e.get(t, admin, "/staff/service-types"))
	inMatrix := map[string]string{}
	list.Find(`[data-testid="service-type"]`).Each(func(_ int, s *goquery.Selection) {
		inMatrix[strings.TrimSpace(s.Find("td").Eq(0).Text())] = strings.TrimSpace(s.Find("td").Eq(1).Text())
	})
	if inMatrix["doula-support"] != "No" || inMatrix["family-nurse-partnership"] != "Yes" || inMatrix["family-support"] != "No" {
		t.Errorf("in the matrix: %v", inMatrix)
	}

	// An edit with errors keeps what was typed and writes nothing.
	v := e.versionOf(t, admin, "/staff/service-types/doula-support/edit")
	form := url.Values{"version": {v}, "name": {" "}, "description": {"Changed words."}}
	wantFormAgain(t, e.post(t, admin, "/staff/service-types/doula-support", form), "name", form)
	if st, _ := e.db.ServiceType(ctx, "doula-support"); st.Description != "Birth companions." || st.Version != 1 {
		t.Errorf("a refused edit changed the type: %+v", st)
	}
	// A slug in the form is ignored: the address names the record.
	r = e.post(t, admin, "/staff/service-types/doula-support", url.Values{"version": {v}, "slug": {"doulas"}, "name": {"Doulas"}, "description": {""}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", r.StatusCode)
	}
	if st, err := e.db.ServiceType(ctx, "doula-support"); err != nil || st.Name != "Doulas" {
		t.Errorf("after the edit: %+v, %v", st, err)
	}
	if _, err := e.db.ServiceType(ctx, "doulas"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("the slug changed: %v", err)
	}
	if r := e.get(t, admin, "/staff/service-types/nothing-here/edit"); r.StatusCode != http.StatusNotFound {
		t.Errorf("edit an unknown type: %d, want 404", r.StatusCode)
	}
}

func TestAreaForms(t *testing.T) {
	e := newStaffEnv(t)
	admin := e.login(t, "admin@example.org")
	ctx := context.Background()
	areas, _ := e.db.Areas(ctx)
	good := url.Values{"slug": {"test-district"}, "name": {"Test District"}, "short_name": {""}, "kind": {"district"}, "parent": {"hampshire"},
		"ons_code": {"E07000088"}, "valid_from": {"1974-04-01"}, "valid_to": {""}, "note": {"A district of Hampshire."}}
	with := func(field, value string) url.Values {
		f := url.Values{}
		for k, v := range good {
			f[k] = v
		}
		f.Set(field, value)
		return f
	}
	bad := []struct {
		name  string
		form  url.Values
		field string
	}{
		{"slug taken", with("slug", "southampton"), "slug"},
		{"bad slug", with("slug", "Gosport!"), "slug"},
		{"no name", with("name", ""), "name"},
		{"unknown kind", with("kind", "galaxy"), "kind"},
		{"unknown parent", with("parent", "atlantis"), "parent"},
		{"bad ONS code", with("ons_code", "E0700008"), "ons_code"},
		{"not a date", with("valid_from", "1 April 1974"), "valid_from"},
		{"not a real date", with("valid_to", "2023-02-29"), "valid_to"},
		{"ends before it began", with("valid_to", "1970-01-01"), "valid_to"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			kept := tt.form
			if tt.field == "kind" || tt.field == "parent" {
				// A drop-down cannot show a value that is not in its list.
				kept = except(tt.form, tt.field)
			}
			wantFormAgain(t, e.post(t, admin, "/staff/areas", tt.form), tt.field, kept)
		})
	}
	if now, _ := e.db.Areas(ctx); len(now) != len(areas) {
		t.Fatalf("refused forms wrote %d areas", len(now)-len(areas))
	}
	// The store finds an unknown parent after the other problems; the summary
	// still lists them in the order of the form.
	r := e.post(t, admin, "/staff/areas", url.Values{"slug": {"x!"}, "kind": {"district"}, "parent": {"atlantis"}, "ons_code": {"12"}})
	var order []string
	parse(t, r).Find(`[data-testid="error-summary"] a`).Each(func(_ int, s *goquery.Selection) { order = append(order, s.AttrOr("href", "")) })
	if got := strings.Join(order, " "); got != "#slug #name #parent #ons_code" {
		t.Errorf("error summary order %q", got)
	}

	if r := e.post(t, admin, "/staff/areas", good); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", r.StatusCode)
	}
	gosport, err := e.db.Area(ctx, "test-district")
	if err != nil || gosport.ParentSlug != "hampshire" || gosport.Code != "E07000088" || gosport.Kind != directory.KindDistrict {
		t.Fatalf("stored %+v, %v", gosport, err)
	}
	if now, _ := e.db.Areas(ctx); now[len(now)-1].Slug != "test-district" {
		t.Error("the new area is not last")
	}

	// Hampshire cannot sit inside Gosport, which sits inside Hampshire; the
	// form does not offer it, and the store refuses it.
	edit := parse(t, e.get(t, admin, "/staff/areas/hampshire/edit"))
	if edit.Find(`select[name="parent"] option[value="test-district"]`).Length() != 0 || edit.Find(`select[name="parent"] option[value="hampshire"]`).Length() != 0 {
		t.Error("the parent list offers the area itself or an area inside it")
	}
	v := e.versionOf(t, admin, "/staff/areas/hampshire/edit")
	loop := url.Values{"version": {v}, "name": {"Hampshire"}, "kind": {"county"}, "parent": {"test-district"}, "ons_code": {"E10000014"}}
	wantFormAgain(t, e.post(t, admin, "/staff/areas/hampshire", loop), "parent", except(loop, "parent"))
	if h, _ := e.db.Area(ctx, "hampshire"); h.ParentSlug != "wessex" {
		t.Errorf("Hampshire's parent is now %q", h.ParentSlug)
	}
	history, _ := e.db.History(ctx, directory.EntityArea, "test-district")
	if len(history) != 1 || history[0].Action != "create" || !strings.Contains(history[0].After, "E07000088") {
		t.Errorf("audit %+v", history)
	}
	if r := e.get(t, admin, "/staff/areas/atlantis/edit"); r.StatusCode != http.StatusNotFound {
		t.Errorf("edit an unknown area: %d, want 404", r.StatusCode)
	}
}

func TestAdminEditsShowOnPublicPagesAtOnce(t *testing.T) {
	e := newStaffEnv(t)
	admin := e.login(t, "admin@example.org")
	public := e.client(t)
	fnp, err := e.db.ServiceType(context.Background(), "family-nurse-partnership")
	if err != nil {
		t.Fatal(err)
	}
	if r := e.get(t, public, "/coverage"); !strings.Contains(r.Body, fnp.Name) {
		t.Fatalf("/coverage does not show %q to begin with", fnp.Name)
	}
	v := e.versionOf(t, admin, "/staff/service-types/family-nurse-partnership/edit")
	if r := e.post(t, admin, "/staff/service-types/family-nurse-partnership", url.Values{
		"version": {v}, "name": {"Family Nurse Partnership programme"}, "description": {fnp.Description}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d", r.StatusCode)
	}
	matrix := parse(t, e.get(t, public, "/coverage")).Find(`[data-testid="coverage-matrix"]`)
	if !strings.Contains(matrix.Text(), "Family Nurse Partnership programme") {
		t.Error("/coverage does not show the new name")
	}

	v = e.versionOf(t, admin, "/staff/areas/isle-of-wight/edit")
	if r := e.post(t, admin, "/staff/areas/isle-of-wight", url.Values{"version": {v}, "name": {"The Isle of Wight"}, "kind": {"unitary_authority"},
		"parent": {"wessex"}, "ons_code": {"E06000046"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename area: %d", r.StatusCode)
	}
	if r := e.get(t, public, "/areas/isle-of-wight"); r.StatusCode != http.StatusOK || !strings.Contains(parse(t, r).Find("h1").Text(), "The Isle of Wight") {
		t.Errorf("/areas/isle-of-wight does not show the new name: %d", r.StatusCode)
	}
	if r := e.get(t, public, "/api/v1/coverage"); !strings.Contains(r.Body, `"name": "The Isle of Wight"`) {
		t.Error("/api/v1/coverage does not show the new area name")
	}
}

// except copies a form without some of its fields.
func except(form url.Values, names ...string) url.Values {
	out := url.Values{}
	for k, v := range form {
		out[k] = v
	}
	for _, n := range names {
		out.Del(n)
	}
	return out
}

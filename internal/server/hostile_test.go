package server_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

const xss = `<script>alert("x")</script><img src=x onerror=alert(1)>`

// TestScriptInEveryFieldIsInert stores markup in every editable text field
// of a service and a cell, and checks every page that shows them.
func TestScriptInEveryFieldIsInert(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	form := e.editForm(t, c, "roberts-centre")
	for _, field := range []string{"name", "summary", "description", "interventions", "eligibility", "how_to_access",
		"address", "opening_hours", "source", "reason", "area_note_portsmouth"} {
		form.Set(field, xss+" "+field)
	}
	form.Set("phone", "023 9200 0000")
	if r := e.post(t, c, "/staff/services/roberts-centre", form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.StatusCode, r.Body)
	}
	cell := "/staff/coverage/home-start/portsmouth"
	cf := formValues(t, e.get(t, c, cell).Body, cell)
	cf.Set("rating", "not_stated")
	cf.Set("note", "=HYPERLINK(\"http://evil.example\") "+xss)
	cf.Set("reason", xss+" reason")
	cf.Set("effective_from", "2026-01-01")
	if r := e.post(t, c, cell, cf); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("rate: %d\n%s", r.StatusCode, r.Body)
	}
	pages := []string{"/services/roberts-centre", "/areas/portsmouth", "/areas/hampshire", "/coverage", "/",
		"/staff/services", "/staff/services/roberts-centre/edit", "/staff/services/roberts-centre/history",
		"/staff/coverage", cell, cell + "/history", "/staff/changes", "/staff"}
	for _, p := range pages {
		r := e.get(t, c, p)
		if r.StatusCode != 200 {
			t.Errorf("%s: %d", p, r.StatusCode)
		}
		if strings.Contains(r.Body, "<script>alert") || strings.Contains(r.Body, "<img src=x") {
			t.Errorf("%s renders the stored markup live", p)
		}
	}
	resp, body := get(t, e.srv, "/coverage.csv")
	if resp.StatusCode != 200 {
		t.Fatal(resp.StatusCode)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, field := range row {
			if field != "" && strings.ContainsRune("=+-@", rune(field[0])) {
				t.Errorf("CSV field %q would run as a formula", field)
			}
		}
	}
	if !strings.Contains(body, "'=HYPERLINK") {
		t.Error("the formula in the note was not neutralised in the CSV")
	}
}

func TestOversizedAndInvalidFormsWriteNothing(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	form := e.editForm(t, c, "home-start")
	form.Set("description", strings.Repeat("x", 2<<20))
	if r := e.post(t, c, "/staff/services/home-start", form); r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 2 MiB form: %d, want 413", r.StatusCode)
	}
	form = e.editForm(t, c, "home-start")
	form.Set("name", "Home\xff\xfeStart")
	if r := e.post(t, c, "/staff/services/home-start", form); r.StatusCode != http.StatusBadRequest {
		t.Errorf("invalid UTF-8: %d, want 400", r.StatusCode)
	}
	svc, _ := e.db.Service(context.Background(), "home-start")
	if svc.Version != 1 {
		t.Errorf("a refused form wrote: version %d", svc.Version)
	}
	for _, path := range []string{"/services/%ff%fe", "/areas/%00", "/areas/%27%3B%20DROP%20TABLE%20areas%3B--", "/coverage?as_of=%ff"} {
		if resp, _ := get(t, e.srv, path); resp.StatusCode >= 500 {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
	if resp, _ := get(t, e.srv, "/areas/hampshire"); resp.StatusCode != 200 {
		t.Error("the areas table did not survive")
	}
}

// TestManyEditorsOneVersion sends many edits of one service from the same
// starting version at once: exactly one may win, and none may fail.
func TestManyEditorsOneVersion(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	base := e.editForm(t, c, "antenatal-peep")
	const n = 20
	codes := make([]int, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		form := url.Values{}
		for k, v := range base {
			form[k] = append([]string(nil), v...)
		}
		form.Set("opening_hours", "Version "+string(rune('A'+i)))
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			codes[i] = e.post(t, c, "/staff/services/antenatal-peep", form).StatusCode
		}()
	}
	close(start)
	wg.Wait()
	won := 0
	for _, code := range codes {
		switch code {
		case http.StatusSeeOther:
			won++
		case http.StatusConflict:
		default:
			t.Errorf("an edit got %d", code)
		}
	}
	if won != 1 {
		t.Errorf("%d edits won from one version, want exactly 1", won)
	}
	t.Logf("%d edits from one version at once: %d saved, %d refused with the conflict page", n, won, n-won)
	h, _ := e.db.History(context.Background(), directory.EntityService, "antenatal-peep")
	if len(h) != 1 {
		t.Errorf("%d audit records, want 1", len(h))
	}
}

// TestMixedLoad runs a few thousand reads and writes together: none may fail.
func TestMixedLoad(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	paths := []string{"/", "/coverage", "/areas/poole", "/services/dorpip", "/api/v1/coverage", "/indicators"}
	var wg sync.WaitGroup
	var mu sync.Mutex
	failures := map[int]int{}
	note := func(code int) {
		if code >= 500 {
			mu.Lock()
			failures[code]++
			mu.Unlock()
		}
	}
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 250 {
				resp, err := e.srv.Client().Get(e.srv.URL + paths[(w+i)%len(paths)])
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				note(resp.StatusCode)
			}
		}()
	}
	for w, area := range []string{"poole", "dorset", "hampshire", "southampton"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := "/staff/coverage/home-start/" + area
			for i := range 50 {
				f := formValues(t, e.get(t, c, path).Body, path)
				f.Set("reason", "load "+string(rune('a'+w))+" "+strings.Repeat("x", i%5))
				f.Set("effective_from", "2026-01-01")
				if f.Get("rating") == "not_stated" {
					f.Set("note", "load")
				}
				r := e.post(t, c, path, f)
				if r.StatusCode != http.StatusSeeOther {
					t.Errorf("write %s: %d %s", area, r.StatusCode, firstLine(r.Body))
					return
				}
			}
		}()
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Errorf("server errors under load: %v", failures)
	}
	t.Logf("mixed load: 8 readers x 250 GETs and 4 editors x 50 rating changes (each a GET of the form and a POST): %d requests, %d server errors",
		8*250+4*50*2, len(failures))
}

func firstLine(s string) string {
	if i := strings.Index(s, "\n"); i >= 0 {
		return s[:i]
	}
	return s
}

// TestScriptInAdminFieldsIsInert does the same for what admins edit: service
// type and area names and notes, and staff names.
func TestScriptInAdminFieldsIsInert(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "admin@example.org")
	edits := []struct{ form, action string }{
		{"/staff/service-types/home-start/edit", "/staff/service-types/home-start"},
		{"/staff/areas/poole/edit", "/staff/areas/poole"},
	}
	for _, ed := range edits {
		f := formValues(t, e.get(t, c, ed.form).Body, ed.action)
		for _, field := range []string{"name", "description", "note"} {
			if _, ok := f[field]; ok {
				f.Set(field, xss+" "+field)
			}
		}
		if r := e.post(t, c, ed.action, f); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d\n%s", ed.action, r.StatusCode, firstLine(r.Body))
		}
	}
	user := url.Values{"email": {"x@example.org"}, "name": {xss + " user"}, "role": {"editor"}, "password": {"a long enough password"}}
	if r := e.post(t, c, "/staff/users", user); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add user: %d", r.StatusCode)
	}
	for _, p := range []string{"/", "/coverage", "/coverage.csv", "/areas", "/areas/poole", "/areas/wessex", "/indicators", "/find?q=BH15",
		"/api/v1/coverage", "/staff/service-types", "/staff/areas", "/staff/users", "/staff/changes", "/staff/coverage"} {
		r := e.get(t, c, p)
		if r.StatusCode != 200 {
			t.Errorf("%s: %d", p, r.StatusCode)
		}
		if strings.HasSuffix(p, ".csv") {
			// CSV is data: the text stays as typed, and the browser is told
			// not to read it as anything but CSV.
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") || r.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("%s: Content-Type %q, X-Content-Type-Options %q", p, r.Header.Get("Content-Type"), r.Header.Get("X-Content-Type-Options"))
			}
			continue
		}
		if strings.Contains(r.Body, "<script>alert") || strings.Contains(r.Body, "<img src=x") {
			t.Errorf("%s renders the stored markup live", p)
		}
	}
}

// TestTextThatNoStoreKeepsIsRefused sends a NUL byte and bytes that are not
// UTF-8 in addresses and forms: each is refused with a 400 before any query,
// the same on both engines (PostgreSQL cannot store a NUL at all).
func TestTextThatNoStoreKeepsIsRefused(t *testing.T) {
	e := newStaffEnv(t)
	for _, path := range []string{"/areas/%00", "/services/%ff%fe", "/find?q=Gos%00port", "/find?q=Gosport&words=%00", "/find?q=%ff"} {
		if resp, _ := get(t, e.srv, path); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", path, resp.StatusCode)
		}
	}
	c := e.login(t, "editor@example.org")
	form := e.editForm(t, c, "home-start")
	form.Set("name", "Home\x00Start")
	if r := e.post(t, c, "/staff/services/home-start", form); r.StatusCode != http.StatusBadRequest {
		t.Errorf("a NUL in a form: %d, want 400", r.StatusCode)
	}
	if svc, _ := e.db.Service(context.Background(), "home-start"); svc.Version != 1 {
		t.Errorf("a refused form wrote: version %d", svc.Version)
	}
	if resp, _ := get(t, e.srv, "/find?q=Gosport&words=bonding"); resp.StatusCode != http.StatusOK {
		t.Errorf("an ordinary search: %d", resp.StatusCode)
	}
}

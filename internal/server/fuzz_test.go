package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzServiceFromForm decodes arbitrary form bodies into a service and
// validates it: neither step may panic, and a form accepted by validation
// must hold only valid text.
func FuzzServiceFromForm(f *testing.F) {
	f.Add("name=Home-Start&slug=home-start&summary=s&description=d&source=x&areas=poole&area_note_poole=Poole+only")
	f.Add("stages=pregnancy&stages=teenager&access=self-referral&audiences=&interventions=a%0Ab%0A%0A")
	f.Add("version=-1&version=99999999999999999999&organisation=%00&service_type=%ff")
	f.Add("website=javascript:alert(1)&email=a@b&phone=%2B44+(0)+23")
	f.Add("%=%&&&=&a=%zz")
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest(http.MethodPost, "/staff/services", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		svc := serviceFromForm(r)
		errs := svc.Validate()
		if len(errs) == 0 {
			for _, s := range []string{svc.Name, svc.Summary, svc.Description, svc.Source} {
				if strings.TrimSpace(s) == "" {
					t.Errorf("a service with an empty required field passed validation: %+v", svc)
				}
			}
			if svc.Contact.Website != "" && !strings.HasPrefix(svc.Contact.Website, "http") {
				t.Errorf("website %q passed validation", svc.Contact.Website)
			}
		}
		_ = utf8.ValidString(svc.Name)
	})
}

// FuzzSafeNext checks that no "next" value can send a person off the site
// after logging in.
func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/staff/review", "//evil.example", "/\\evil.example", "https://evil.example", "/staff/../x", "/staff%2f%2fevil"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := safeNext(next)
		if !strings.HasPrefix(got, "/staff") || strings.HasPrefix(got, "//") || strings.Contains(got, "\\") {
			t.Errorf("safeNext(%q) = %q", next, got)
		}
		req := httptest.NewRequest(http.MethodGet, "http://directory.example/", nil)
		rec := httptest.NewRecorder()
		http.Redirect(rec, req, got, http.StatusSeeOther)
		if loc := rec.Header().Get("Location"); strings.HasPrefix(loc, "//") || strings.Contains(loc, "://") {
			t.Errorf("redirect to %q leaves the site", loc)
		}
	})
}

package server_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/directory"
)

// formValues reads every named field of the first form on a page that posts
// to action, as a browser would submit it untouched.
func formValues(t *testing.T, body, action string) url.Values {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	form := doc.Find(`form[action="` + action + `"]`).First()
	if form.Length() == 0 {
		t.Fatalf("no form posting to %s", action)
	}
	v := url.Values{}
	form.Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		if !ok {
			return
		}
		switch {
		case s.Is("textarea"):
			v.Add(name, s.Text())
		case s.Is("select"):
			v.Add(name, s.Find("option[selected]").AttrOr("value", ""))
		case s.AttrOr("type", "") == "checkbox" || s.AttrOr("type", "") == "radio":
			if _, checked := s.Attr("checked"); checked {
				v.Add(name, s.AttrOr("value", ""))
			}
		default:
			v.Add(name, s.AttrOr("value", ""))
		}
	})
	return v
}

func (e *staffEnv) editForm(t *testing.T, c *http.Client, slug string) url.Values {
	t.Helper()
	r := e.get(t, c, "/staff/services/"+slug+"/edit")
	if r.StatusCode != 200 {
		t.Fatalf("edit form for %s: %d", slug, r.StatusCode)
	}
	return formValues(t, r.Body, "/staff/services/"+slug)
}

func TestEditServiceShowsOnThePublicPage(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	form := e.editForm(t, c, "roberts-centre")
	if form.Get("name") != "The Roberts Centre" || form.Get("version") != "1" || len(form["areas"]) != 2 {
		t.Fatalf("edit form does not start from the stored service: %v", form)
	}
	form.Set("phone", "023 9200 0000")
	form.Set("reason", "Phone number confirmed by the centre")
	r := e.post(t, c, "/staff/services/roberts-centre", form)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/services/roberts-centre" {
		t.Fatalf("save: %d to %q\n%s", r.StatusCode, r.Header.Get("Location"), r.Body)
	}
	_, body := get(t, e.srv, "/services/roberts-centre")
	if !strings.Contains(body, "023 9200 0000") {
		t.Error("the public page does not show the new phone number at once")
	}
	if !strings.Contains(body, "Havant and Gosport only") {
		t.Error("an untouched field (the area note) was lost in the edit")
	}
	history, err := e.db.History(context.Background(), directory.EntityService, "roberts-centre")
	if err != nil || len(history) != 1 {
		t.Fatalf("history %v, %v", history, err)
	}
	h := history[0]
	if h.UserName != "Ed Editor" || h.Action != "update" || h.Reason != "Phone number confirmed by the centre" ||
		!strings.Contains(h.After, "023 9200 0000") || strings.Contains(h.Before, "023 9200 0000") {
		t.Errorf("audit record %+v", h)
	}
}

func TestServiceValidationKeepsWhatWasTypedAndWritesNothing(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	form := e.editForm(t, c, "home-start")
	form.Set("name", "")
	form.Set("email", "not an email")
	form.Set("summary", "A summary <b>typed</b> by staff")
	form.Del("areas")
	r := e.post(t, c, "/staff/services/home-start", form)
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", r.StatusCode)
	}
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
	summary := doc.Find(`[data-testid="error-summary"]`).Text()
	for _, want := range []string{"Enter the service's name", "Enter an email address", "Choose at least one area"} {
		if !strings.Contains(summary, want) {
			t.Errorf("error summary lacks %q", want)
		}
	}
	if doc.Find(`#summary`).AttrOr("value", "") != "A summary <b>typed</b> by staff" {
		t.Error("the typed summary was not kept")
	}
	if doc.Find(`a[href="#name"]`).Length() != 1 || doc.Find("#name").Length() != 1 {
		t.Error("the error summary does not link to the name field")
	}
	svc, _ := e.db.Service(context.Background(), "home-start")
	if svc.Name != "Home-Start" || svc.Version != 1 {
		t.Errorf("a refused edit wrote: %+v", svc.Name)
	}
	if h, _ := e.db.History(context.Background(), directory.EntityService, "home-start"); len(h) != 0 {
		t.Error("a refused edit was audited as a change")
	}
}

func TestTwoEditorsEditTheSameService(t *testing.T) {
	e := newStaffEnv(t)
	ed, eve := e.login(t, "editor@example.org"), e.login(t, "editor2@example.org")
	first, second := e.editForm(t, ed, "dorpip"), e.editForm(t, eve, "dorpip")

	first.Set("phone", "01202 111111")
	second.Set("phone", "01202 222222")
	if r := e.post(t, ed, "/staff/services/dorpip", first); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", r.StatusCode)
	}
	r := e.post(t, eve, "/staff/services/dorpip", second)
	if r.StatusCode != http.StatusConflict {
		t.Fatalf("stale save: %d, want 409", r.StatusCode)
	}
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
	row := doc.Find(`[data-testid="conflict"] tr`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.TrimSpace(s.Find("th").Text()) == "Phone"
	})
	if !strings.Contains(row.Text(), "01202 111111") || !strings.Contains(row.Text(), "01202 222222") || !strings.Contains(row.Text(), "Different") {
		t.Errorf("the conflict page does not show both phone numbers: %q", row.Text())
	}
	svc, _ := e.db.Service(context.Background(), "dorpip")
	if svc.Contact.Phone != "01202 111111" || svc.Version != 2 {
		t.Errorf("stored phone %q version %d, want the first editor's", svc.Contact.Phone, svc.Version)
	}
}

func TestTwoEditorsSaveAtOnce(t *testing.T) {
	e := newStaffEnv(t)
	clients := []*http.Client{e.login(t, "editor@example.org"), e.login(t, "editor2@example.org")}
	forms := []url.Values{e.editForm(t, clients[0], "mums-matter"), e.editForm(t, clients[1], "mums-matter")}
	codes := make([]int, 2)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range 2 {
		forms[i].Set("opening_hours", []string{"Mondays", "Tuesdays"}[i])
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			codes[i] = e.post(t, clients[i], "/staff/services/mums-matter", forms[i]).StatusCode
		}()
	}
	close(start)
	wg.Wait()
	saved, refused := 0, 0
	for _, code := range codes {
		switch code {
		case http.StatusSeeOther:
			saved++
		case http.StatusConflict:
			refused++
		}
	}
	if saved != 1 || refused != 1 {
		t.Errorf("codes %v: want one save and one conflict", codes)
	}
}

func TestHistoryAndRestore(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	for _, hours := range []string{"Weekdays 9 to 5", "Weekdays 10 to 4"} {
		form := e.editForm(t, c, "safe-families")
		form.Set("opening_hours", hours)
		form.Set("reason", "Hours changed to "+hours)
		if r := e.post(t, c, "/staff/services/safe-families", form); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", r.StatusCode)
		}
	}
	r := e.get(t, c, "/staff/services/safe-families/history")
	if r.StatusCode != 200 {
		t.Fatalf("history: %d", r.StatusCode)
	}
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
	entries := doc.Find(`[data-testid="history-entry"]`)
	if entries.Length() != 2 {
		t.Fatalf("%d history entries, want 2", entries.Length())
	}
	newest := entries.First().Text()
	if !strings.Contains(newest, "Weekdays 9 to 5") || !strings.Contains(newest, "Weekdays 10 to 4") || !strings.Contains(newest, "Hours changed to Weekdays 10 to 4") {
		t.Errorf("the newest entry does not show the difference and reason: %q", newest)
	}

	// Restore the version the first edit saved.
	var restoreForm url.Values
	entries.Last().Find(`form[action="/staff/services/safe-families/restore"]`).Each(func(_ int, f *goquery.Selection) {
		if f.Find(`input[name="side"]`).Length() == 0 {
			restoreForm = url.Values{}
			f.Find("input").Each(func(_ int, in *goquery.Selection) { restoreForm.Set(in.AttrOr("name", ""), in.AttrOr("value", "")) })
		}
	})
	if restoreForm == nil {
		t.Fatal("the older entry offers no restore")
	}
	if r := e.post(t, c, "/staff/services/safe-families/restore", restoreForm); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d\n%s", r.StatusCode, r.Body)
	}
	svc, _ := e.db.Service(context.Background(), "safe-families")
	if svc.Contact.OpeningHours != "Weekdays 9 to 5" {
		t.Errorf("after restore the hours are %q", svc.Contact.OpeningHours)
	}
	history, _ := e.db.History(context.Background(), directory.EntityService, "safe-families")
	if len(history) != 3 || history[0].Action != "restore" || history[0].UserName != "Ed Editor" {
		t.Errorf("the restore was not audited: %+v", history[0])
	}

	// And back to the version first loaded from the report.
	r = e.get(t, c, "/staff/services/safe-families/history")
	doc, _ = goquery.NewDocumentFromReader(strings.NewReader(r.Body))
	original := url.Values{}
	doc.Find(`input[name="side"][value="before"]`).Closest("form").Find("input").Each(func(_ int, in *goquery.Selection) {
		original.Set(in.AttrOr("name", ""), in.AttrOr("value", ""))
	})
	if original.Get("side") != "before" {
		t.Fatal("no way back to the first version")
	}
	if r := e.post(t, c, "/staff/services/safe-families/restore", original); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore original: %d", r.StatusCode)
	}
	svc, _ = e.db.Service(context.Background(), "safe-families")
	if svc.Contact.OpeningHours != "" {
		t.Errorf("the first version had no hours, now %q", svc.Contact.OpeningHours)
	}
}

func TestArchiveAndReturn(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	r := e.post(t, c, "/staff/services/communicare-family-help/status", url.Values{"version": {"1"}, "status": {"archived"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("archive: %d", r.StatusCode)
	}
	if _, body := get(t, e.srv, "/areas/southampton"); strings.Contains(body, "Communicare Family Help") {
		t.Error("an archived service is still listed for its area")
	}
	if resp, body := get(t, e.srv, "/services/communicare-family-help"); resp.StatusCode != 200 || !strings.Contains(body, "This service has been archived") {
		t.Error("the archived service's page does not say it is archived")
	}
	if r := e.post(t, c, "/staff/services/communicare-family-help/status", url.Values{"version": {"1"}, "status": {"active"}}); r.StatusCode != http.StatusConflict {
		t.Errorf("a stale status change: %d, want 409", r.StatusCode)
	}
	if r := e.post(t, c, "/staff/services/communicare-family-help/status", url.Values{"version": {"2"}, "status": {"active"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("return to active: %d", r.StatusCode)
	}
	if _, body := get(t, e.srv, "/areas/southampton"); !strings.Contains(body, "Communicare Family Help") {
		t.Error("a service returned to active is not listed again")
	}
}

func TestReviewedStillCorrect(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	r := e.get(t, c, "/staff/review")
	if !strings.Contains(r.Body, `data-testid="due-roberts-centre"`) {
		t.Fatal("a service never reviewed since the report is not due for review")
	}
	if r := e.post(t, c, "/staff/services/roberts-centre/reviewed", url.Values{"version": {"1"}, "back": {"/staff/review"}}); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/staff/review" {
		t.Fatalf("reviewed: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	svc, _ := e.db.Service(context.Background(), "roberts-centre")
	today := e.db.Today()
	if svc.LastReviewed != today || svc.ReviewDue != directory.DefaultReviewDue(today) {
		t.Errorf("last reviewed %q due %q", svc.LastReviewed, svc.ReviewDue)
	}
	if r := e.get(t, c, "/staff/review"); strings.Contains(r.Body, `data-testid="due-roberts-centre"`) {
		t.Error("a service just reviewed is still due")
	}
	if _, body := get(t, e.srv, "/services/roberts-centre"); !strings.Contains(body, "Last reviewed") || strings.Contains(body, "Not reviewed since the 2019 report") {
		t.Error("the public page does not show the new review date")
	}
}

func TestAddAService(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	form := url.Values{
		"slug": {"dadpad-portsmouth"}, "name": {"Dads' group"}, "service_type": {"family-support"},
		"summary": {"A group for dads"}, "description": {"Meets weekly."}, "audiences": {"dads-partners"},
		"access": {"self-referral"}, "areas": {"portsmouth"}, "area_note_portsmouth": {"Fratton only"},
		"source": {"Staff visit, 2026"}, "reason": {"New group"},
	}
	r := e.post(t, c, "/staff/services", form)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d\n%s", r.StatusCode, r.Body)
	}
	if _, body := get(t, e.srv, "/areas/portsmouth"); !strings.Contains(body, "Dads&#39; group") || !strings.Contains(body, "Fratton only") {
		t.Error("the new service is not listed for Portsmouth")
	}
	if r := e.post(t, c, "/staff/services", form); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "already uses this web address") {
		t.Errorf("a duplicate slug: %d", r.StatusCode)
	}
	form.Set("slug", "Bad Slug")
	if r := e.post(t, c, "/staff/services", form); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a bad slug: %d", r.StatusCode)
	}
}

var matrixCell = regexp.MustCompile(`data-testid="cell-family-nurse-partnership-isle-of-wight"[^>]*>\s*<a[^>]*>\s*<strong[^>]*>([A-Za-z ]+)<`)

func TestRateACellWithAReason(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	path := "/staff/coverage/family-nurse-partnership/isle-of-wight"
	r := e.get(t, c, path)
	if r.StatusCode != 200 {
		t.Fatalf("cell form: %d", r.StatusCode)
	}
	form := formValues(t, r.Body, path)
	if form.Get("rating") != "red" || form.Get("based_on") == "0" {
		t.Fatalf("the form does not start from the stored cell: %v", form)
	}
	form.Set("rating", "amber")
	form.Set("reason", "")
	if r := e.post(t, c, path, form); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Give the reason for the change") {
		t.Fatalf("no reason: %d", r.StatusCode)
	}
	form.Set("reason", "Service started on the island in 2025")
	form.Set("effective_from", "2025-09-01")
	if r := e.post(t, c, path, form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.StatusCode, r.Body)
	}

	_, body := get(t, e.srv, "/coverage")
	if m := matrixCell.FindStringSubmatch(body); m == nil || strings.TrimSpace(m[1]) != "Amber" {
		t.Errorf("/coverage does not show the new rating at once: %v", m)
	}
	_, body = get(t, e.srv, "/coverage?as_of=2019-07-01")
	if m := matrixCell.FindStringSubmatch(body); m == nil || strings.TrimSpace(m[1]) != "Red" {
		t.Errorf("the 2019 matrix changed: %v", m)
	}
	r = e.get(t, c, path+"/history")
	if !strings.Contains(r.Body, "Service started on the island in 2025") || !strings.Contains(r.Body, "Ed Editor") || strings.Count(r.Body, `data-testid="cell-history-entry"`) != 2 {
		t.Error("the cell's history does not show the change with its reason and author")
	}

	// A stale form is refused.
	if r := e.post(t, c, path, form); r.StatusCode != http.StatusConflict {
		t.Errorf("a stale rating: %d, want 409", r.StatusCode)
	}

	// Restore the report's rating.
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(e.get(t, c, path+"/history").Body))
	restore := url.Values{}
	doc.Find(`form[action="` + path + `/restore"]`).First().Find("input").Each(func(_ int, in *goquery.Selection) {
		restore.Set(in.AttrOr("name", ""), in.AttrOr("value", ""))
	})
	if r := e.post(t, c, path+"/restore", restore); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d", r.StatusCode)
	}
	_, body = get(t, e.srv, "/coverage")
	if m := matrixCell.FindStringSubmatch(body); m == nil || strings.TrimSpace(m[1]) != "Red" {
		t.Errorf("after restore /coverage shows %v", m)
	}
	audit, _ := e.db.History(context.Background(), directory.EntityCoverageCell, "family-nurse-partnership/isle-of-wight")
	if len(audit) != 2 || audit[0].Action != "restore" || audit[1].Action != "rate" {
		t.Errorf("cell audit: %+v", audit)
	}
}

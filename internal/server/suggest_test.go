package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/server"
	"github.com/wessex-network/directory/web"
)

const suggestService = "roberts-centre"

// suggestions returns every suggestion the store holds, failing the test
// if it cannot.
func (e *staffEnv) suggestions(t *testing.T) []directory.Suggestion {
	t.Helper()
	all, err := e.db.Suggestions(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func goodChange() url.Values {
	return url.Values{"topic": {"out_of_date"}, "details": {"The group now meets on Thursdays."}, "email": {"parent@example.com"}}
}

func TestSuggestChangeIsStoredAndThanked(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	page := e.get(t, c, "/services/"+suggestService)
	if link := parse(t, page).Find(`[data-testid="suggest-change"] a`); link.AttrOr("href", "") != "/services/"+suggestService+"/suggest" ||
		strings.TrimSpace(link.Text()) != "Suggest a change to this service" {
		t.Fatalf("the service page's link to suggest a change: %q", link.AttrOr("href", ""))
	}
	form := e.get(t, c, "/services/"+suggestService+"/suggest")
	if form.StatusCode != http.StatusOK {
		t.Fatalf("the form: %d", form.StatusCode)
	}
	doc := parse(t, form)
	if doc.Find(`form[action="/services/`+suggestService+`/suggestions"][method="post"]`).Length() != 1 {
		t.Error("the form does not post to the service's suggestions")
	}
	for _, id := range []string{"topic", "details", "email", web.HoneypotField} {
		if doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("field %s has no label", id)
		}
	}
	if got := doc.Find(`input[name="topic"]`).Length(); got != 4 {
		t.Errorf("%d topics, want 4", got)
	}
	if !strings.Contains(doc.Find(`[data-testid="email-privacy"]`).Text(), "delete it 90 days after we close") {
		t.Error("the form does not say who sees the email and when it is deleted")
	}
	if !strings.Contains(doc.Find("#details-info").Text(), "4,000 characters") {
		t.Error("the details have no character count hint")
	}

	r := e.post(t, c, "/services/"+suggestService+"/suggestions", goodChange())
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/suggest/thanks?reply=1" {
		t.Fatalf("a good suggestion: %d to %q, want 303 to the thank-you page", r.StatusCode, r.Header.Get("Location"))
	}
	all := e.suggestions(t)
	if len(all) != 1 || all[0].ServiceSlug != suggestService || all[0].Topic != directory.TopicOutOfDate ||
		all[0].Details != "The group now meets on Thursdays." || all[0].Email != "parent@example.com" || all[0].Status != directory.SuggestionOpen {
		t.Fatalf("stored %+v", all)
	}
	thanks := e.get(t, c, r.Header.Get("Location"))
	if thanks.StatusCode != http.StatusOK || !strings.Contains(thanks.Body, "Nothing on the directory") || !strings.Contains(thanks.Body, "reply to the email address") {
		t.Errorf("thank-you page: %d %s", thanks.StatusCode, thanks.Body)
	}
	noEmail := goodChange()
	noEmail.Del("email")
	if r := e.post(t, c, "/services/"+suggestService+"/suggestions", noEmail); r.Header.Get("Location") != "/suggest/thanks" {
		t.Errorf("without an email: to %q", r.Header.Get("Location"))
	}
	if thanks := e.get(t, c, "/suggest/thanks"); !strings.Contains(thanks.Body, "we will not reply") {
		t.Error("the thank-you page without an email promises a reply")
	}
}

func TestSuggestChangeErrorsKeepWhatWasTyped(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	r := e.post(t, c, "/services/"+suggestService+"/suggestions",
		url.Values{"details": {"   "}, "email": {"not-an-email <typed>"}})
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", r.StatusCode)
	}
	doc := parse(t, r)
	var links []string
	doc.Find(`[data-testid="error-summary"] a`).Each(func(_ int, a *goquery.Selection) { links = append(links, a.AttrOr("href", "")) })
	if strings.Join(links, " ") != "#topic #details #email" {
		t.Errorf("the error summary links to %v, want the topic, details and email", links)
	}
	for _, id := range []string{"topic", "details", "email"} {
		if doc.Find("#"+id).Length() != 1 {
			t.Errorf("the summary links to #%s, which is not on the page", id)
		}
	}
	if v := doc.Find("#email").AttrOr("value", ""); v != "not-an-email <typed>" {
		t.Errorf("the email typed was not kept: %q", v)
	}
	if !strings.HasPrefix(doc.Find("title").Text(), "Error: ") {
		t.Error("the title does not start with Error:")
	}
	r = e.post(t, c, "/services/"+suggestService+"/suggestions", url.Values{"topic": {"closed"}, "details": {"Kept\nas typed"}, "email": {"bad"}})
	doc = parse(t, r)
	if doc.Find(`input[name="topic"][value="closed"]`).AttrOr("checked", "none") == "none" {
		t.Error("the topic chosen was not kept")
	}
	if got := doc.Find("#details").Text(); got != "Kept\nas typed" {
		t.Errorf("the details typed were not kept: %q", got)
	}
	if n := len(e.suggestions(t)); n != 0 {
		t.Errorf("%d suggestions stored from refused forms", n)
	}
}

func TestSuggestChangeRefusesOverLongDetails(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	form := goodChange()
	form.Set("details", strings.Repeat("a", 4001))
	r := e.post(t, c, "/services/"+suggestService+"/suggestions", form)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "4,000 characters or fewer") {
		t.Errorf("4,001 characters: %d", r.StatusCode)
	}
	form.Set("details", strings.Repeat("a", 2<<20))
	if r := e.post(t, c, "/services/"+suggestService+"/suggestions", form); r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a body over the limit: %d, want 413", r.StatusCode)
	}
	form.Set("details", strings.Repeat("é", 4000))
	if r := e.post(t, c, "/services/"+suggestService+"/suggestions", form); r.StatusCode != http.StatusSeeOther {
		t.Errorf("4,000 characters: %d, want 303", r.StatusCode)
	}
	if n := len(e.suggestions(t)); n != 1 {
		t.Errorf("%d suggestions stored, want only the one of 4,000 characters", n)
	}
}

func TestSuggestChangeRefusesAnUnknownTopic(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	for _, topic := range []string{"new_service", "spam", ""} {
		form := goodChange()
		form.Set("topic", topic)
		r := e.post(t, c, "/services/"+suggestService+"/suggestions", form)
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Choose what your suggestion is about") {
			t.Errorf("topic %q: %d, want 422 asking for a topic", topic, r.StatusCode)
		}
	}
	if n := len(e.suggestions(t)); n != 0 {
		t.Errorf("%d suggestions stored with a bad topic", n)
	}
}

func TestSuggestHoneypotStoresNothing(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	form := goodChange()
	form.Set(web.HoneypotField, "https://spam.example")
	if r := e.post(t, c, "/services/"+suggestService+"/suggestions", form); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/suggest/thanks") {
		t.Errorf("a filled honeypot: %d to %q, want the same thanks as a person gets", r.StatusCode, r.Header.Get("Location"))
	}
	if r := e.post(t, c, "/suggestions", url.Values{"service_name": {"x"}, "where_it_runs": {"y"}, "details": {"z"}, web.HoneypotField: {"filled"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("a filled honeypot on the new-service form: %d", r.StatusCode)
	}
	if n := len(e.suggestions(t)); n != 0 {
		t.Errorf("a filled honeypot stored %d suggestions", n)
	}
	doc := parse(t, e.get(t, c, "/services/"+suggestService+"/suggest"))
	hp := doc.Find("#" + web.HoneypotField)
	if hp.AttrOr("tabindex", "") != "-1" || hp.AttrOr("autocomplete", "") != "off" || !hp.Parent().HasClass("nhsuk-u-visually-hidden") ||
		!strings.Contains(doc.Find(`label[for="`+web.HoneypotField+`"]`).Text(), "Leave this field empty") {
		t.Error("the honeypot is not hidden, out of the tab order, off for autocomplete and labelled to be left empty")
	}
}

func TestSuggestTheEleventhInTenMinutesIsRefused(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	for i := range 10 {
		path := "/services/" + suggestService + "/suggestions"
		form := goodChange()
		if i%2 == 1 {
			path, form = "/suggestions", url.Values{"service_name": {"Group " + strconv.Itoa(i)}, "where_it_runs": {"Romsey"}, "details": {"Weekly."}}
		}
		if r := e.post(t, c, path, form); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("suggestion %d: %d", i+1, r.StatusCode)
		}
	}
	r := e.post(t, c, "/services/"+suggestService+"/suggestions", goodChange())
	if r.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("the 11th suggestion: %d, want 429", r.StatusCode)
	}
	if r.Header.Get("Retry-After") == "" || !strings.Contains(r.Body, "Try again after") || !strings.Contains(r.Body, " UTC, in 10 minutes") {
		t.Errorf("the 429 page does not say when to try again: Retry-After %q", r.Header.Get("Retry-After"))
	}
	if n := len(e.suggestions(t)); n != 10 {
		t.Errorf("%d suggestions stored, want 10", n)
	}
	if r := e.get(t, c, "/suggest"); r.StatusCode != http.StatusOK {
		t.Errorf("the throttle stops reading the form too: %d", r.StatusCode)
	}
}

func TestSuggestMarkupIsInertOnTheStaffPages(t *testing.T) {
	e := newStaffEnv(t)
	public := e.client(t)
	const markup = `<script>alert("x")</script><img src=x onerror=alert(1)><b>bold</b>`
	form := goodChange()
	form.Set("details", markup)
	if r := e.post(t, public, "/services/"+suggestService+"/suggestions", form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("post: %d", r.StatusCode)
	}
	if r := e.post(t, public, "/suggestions", url.Values{"service_name": {markup}, "where_it_runs": {markup}, "details": {markup}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("post a new service: %d", r.StatusCode)
	}
	editor := e.login(t, "editor@example.org")
	all := e.suggestions(t)
	for _, path := range []string{"/staff/queue",
		"/staff/queue/suggestions/" + strconv.FormatInt(all[0].ID, 10),
		"/staff/queue/suggestions/" + strconv.FormatInt(all[1].ID, 10)} {
		page := e.get(t, editor, path)
		if page.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, page.StatusCode)
		}
		if strings.Contains(page.Body, "<script>alert") || strings.Contains(page.Body, "<img src=x") || strings.Contains(page.Body, "<b>bold") {
			t.Errorf("markup sent by the public reached %s as markup", path)
		}
		doc := parse(t, page)
		if doc.Find(`main script, main img, main b`).Length() != 0 {
			t.Errorf("the suggestion made elements on %s", path)
		}
		if path != "/staff/queue" {
			if got := doc.Find(`[data-testid="details"]`).Text(); got != markup {
				t.Errorf("%s shows the details as %q, want the markup as plain text", path, got)
			}
		}
	}
	// A form sent back with errors shows it inert too.
	form.Set("email", "bad")
	r := e.post(t, public, "/services/"+suggestService+"/suggestions", form)
	if r.StatusCode != http.StatusUnprocessableEntity || strings.Contains(r.Body, "<script>alert") {
		t.Errorf("the form shown again: %d, or it carried live markup", r.StatusCode)
	}
}

func TestSuggestChangesNoPublicPage(t *testing.T) {
	e := newStaffEnv(t)
	public := e.client(t)
	const page = "/services/" + suggestService
	before := e.fetch(t, public, page, nil)
	e.fetch(t, public, page, nil)
	hits, misses := e.cacheCounts()
	if r := e.post(t, public, page+"/suggestions", goodChange()); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("post: %d", r.StatusCode)
	}
	if r := e.post(t, public, "/suggestions", url.Values{"service_name": {"A"}, "where_it_runs": {"B"}, "details": {"C"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("post a new service: %d", r.StatusCode)
	}
	after := e.fetch(t, public, page, nil)
	if after.Body != before.Body {
		t.Error("the service page changed after a suggestion")
	}
	if h, m := e.cacheCounts(); h != hits+1 || m != misses {
		t.Errorf("after a suggestion the page came from the cache %d times and was rendered %d times, want 1 and 0: the cache was emptied",
			h-hits, m-misses)
	}
}

func TestSuggestAboutAnUnknownServiceIsNotFound(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	if r := e.get(t, c, "/services/no-such-service/suggest"); r.StatusCode != http.StatusNotFound {
		t.Errorf("the form: %d, want 404", r.StatusCode)
	}
	if r := e.post(t, c, "/services/no-such-service/suggestions", goodChange()); r.StatusCode != http.StatusNotFound {
		t.Errorf("the post: %d, want 404", r.StatusCode)
	}
	if n := len(e.suggestions(t)); n != 0 {
		t.Errorf("%d suggestions stored about no service", n)
	}
}

func TestSuggestAServiceWeDoNotList(t *testing.T) {
	e := newStaffEnv(t)
	c := e.client(t)
	home := parse(t, e.get(t, c, "/"))
	if home.Find(`footer a[href="/suggest"]`).Length() != 1 {
		t.Error("the footer does not link to the form")
	}
	form := e.get(t, c, "/suggest")
	doc := parse(t, form)
	if form.StatusCode != http.StatusOK || doc.Find(`form[action="/suggestions"][method="post"]`).Length() != 1 {
		t.Fatalf("the form: %d", form.StatusCode)
	}
	for _, id := range []string{"service_name", "where_it_runs", "details", "email"} {
		if doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("field %s has no label", id)
		}
	}
	r := e.post(t, c, "/suggestions", url.Values{"where_it_runs": {"Andover library"}, "details": {""}})
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("missing fields: %d, want 422", r.StatusCode)
	}
	doc = parse(t, r)
	var links []string
	doc.Find(`[data-testid="error-summary"] a`).Each(func(_ int, a *goquery.Selection) { links = append(links, a.AttrOr("href", "")) })
	if strings.Join(links, " ") != "#service_name #details" {
		t.Errorf("the error summary links to %v", links)
	}
	if v := doc.Find("#where_it_runs").AttrOr("value", ""); v != "Andover library" {
		t.Errorf("where it runs was not kept: %q", v)
	}
	r = e.post(t, c, "/suggestions", url.Values{"service_name": {"Bumps and Babies"}, "where_it_runs": {"Andover library"},
		"details": {"Tuesdays at ten."}, "topic": {"out_of_date"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/suggest/thanks" {
		t.Fatalf("a good suggestion: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	all := e.suggestions(t)
	if len(all) != 1 || all[0].ServiceID != 0 || all[0].Topic != directory.TopicNewService || all[0].ServiceName != "Bumps and Babies" ||
		all[0].WhereItRuns != "Andover library" {
		t.Errorf("stored %+v", all)
	}
}

func TestQueueShowsAndClosesSuggestions(t *testing.T) {
	mail := &queueMailSpy{}
	e := newStaffEnv(t, server.WithMailer(mail))
	public := e.client(t)
	e.post(t, public, "/services/"+suggestService+"/suggestions", goodChange())
	e.post(t, public, "/suggestions", url.Values{"service_name": {"Bumps and Babies"}, "where_it_runs": {"Andover"}, "details": {"Tuesdays."}})
	editor := e.login(t, "editor@example.org")
	if r := e.get(t, editor, "/staff/suggestions"); r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != "/staff/queue" {
		t.Errorf("the old suggestions list: %d to %q, want 301 to the queue", r.StatusCode, r.Header.Get("Location"))
	}
	rows := parse(t, e.get(t, editor, "/staff/queue")).Find(`[data-testid="queue-item"]`)
	if rows.Length() != 2 {
		t.Fatalf("%d items in the queue, want 2", rows.Length())
	}
	all := e.suggestions(t)
	first := rows.First()
	if first.Find(`[data-testid="queue-kind"]`).Text() != "Suggestion from the public" || first.Find(`[data-testid="queue-from"]`).Text() != "A member of the public" ||
		first.Find(`a`).AttrOr("href", "") != "/staff/queue/suggestions/"+strconv.FormatInt(all[0].ID, 10) || first.Find(`a`).Text() != "The Roberts Centre" {
		t.Errorf("the oldest suggestion's row: %s, links to %q", first.Text(), first.Find(`a`).AttrOr("href", ""))
	}

	id := all[0].ID
	item := "/staff/queue/suggestions/" + strconv.FormatInt(id, 10)
	doc := parse(t, e.get(t, editor, item))
	if doc.Find(`[data-testid="topic"]`).Text() != directory.TopicOutOfDate.Label() || doc.Find(`[data-testid="email"]`).Text() != "parent@example.com" ||
		doc.Find(`[data-testid="edit-service"]`).AttrOr("href", "") != "/staff/services/"+suggestService+"/edit" ||
		!strings.Contains(doc.Find(`[data-testid="live"]`).Text(), "Havant and Gosport only") {
		t.Errorf("the suggestion's page lacks its topic in words, email, the live service or the link to edit it: %s", doc.Find("main").Text())
	}
	for _, id := range []string{"outcome", "note"} {
		if doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("field %s has no label", id)
		}
	}
	newOne := parse(t, e.get(t, editor, "/staff/queue/suggestions/"+strconv.FormatInt(all[1].ID, 10)))
	if !strings.Contains(newOne.Find("h1").Text(), "Not listed") || newOne.Find(`[data-testid="live"]`).Length() != 0 {
		t.Error("the suggestion of a new service is not shown as one")
	}
	if pub := e.get(t, public, "/services/"+suggestService); strings.Contains(pub.Body, "parent@example.com") {
		t.Error("the email reached a public page")
	}
	if r := e.get(t, editor, "/staff/queue/suggestions/999"); r.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown suggestion: %d, want 404", r.StatusCode)
	}

	path := item + "/close"
	r := e.post(t, editor, path, url.Values{"note": {" "}})
	if r.StatusCode != http.StatusUnprocessableEntity || parse(t, r).Find(`[data-testid="error-summary"] a[href="#note"]`).Length() != 1 {
		t.Errorf("closing without a note or a choice: %d, want 422 linking to the note", r.StatusCode)
	}
	if r := e.post(t, public, path, url.Values{"outcome": {web.OutcomeFixed}}); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/staff/login") {
		t.Errorf("the public closing a suggestion: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if n := len(mail.sent()); n != 0 {
		t.Errorf("%d messages queued before the suggestion was closed", n)
	}
	if r := e.post(t, editor, path, url.Values{"outcome": {web.OutcomeFixed}, "note": {"Changed the meeting day."}}); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/staff/queue" {
		t.Fatalf("close: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	queue := parse(t, e.get(t, editor, "/staff/queue"))
	if n := queue.Find(`[data-testid="queue-item"]`).Length(); n != 1 {
		t.Errorf("%d items in the queue after closing one, want 1", n)
	}
	if !strings.Contains(queue.Find(`[data-testid="queue-done"]`).Text(), "The suggestion about The Roberts Centre is closed.") {
		t.Errorf("no confirmation after closing: %q", queue.Find(`[data-testid="queue-done"]`).Text())
	}
	if parse(t, e.get(t, editor, "/staff/queue")).Find(`[data-testid="queue-done"]`).Length() != 0 {
		t.Error("the confirmation is shown again on the next visit")
	}
	history, err := e.db.History(context.Background(), directory.EntitySuggestion, strconv.FormatInt(id, 10))
	if err != nil || len(history) != 1 || history[0].UserName != "Ed Editor" || history[0].Reason != "Fixed: Changed the meeting day." {
		t.Errorf("the close was not audited: %+v, %v", history, err)
	}
	sent := mail.sent()
	if len(sent) != 1 || strings.Join(sent[0].To, ",") != "parent@example.com" || sent[0].Kind != "suggestion_closed" ||
		!strings.Contains(sent[0].Body, "Fixed: Changed the meeting day.") || !strings.Contains(sent[0].Subject, "The Roberts Centre") {
		t.Errorf("the message to the person who suggested it: %+v", sent)
	}
	if r := e.post(t, editor, path, url.Values{"note": {"Again."}}); r.StatusCode == http.StatusSeeOther || r.StatusCode >= 500 {
		t.Errorf("closing twice: %d", r.StatusCode)
	}

	// The suggestion of a new service left no email: closing it sends nothing.
	other := "/staff/queue/suggestions/" + strconv.FormatInt(all[1].ID, 10) + "/close"
	if r := e.post(t, editor, other, url.Values{"outcome": {web.OutcomeNotAChange}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("close the second: %d", r.StatusCode)
	}
	if n := len(mail.sent()); n != 1 {
		t.Errorf("%d messages after closing a suggestion with no email, want still 1", n)
	}
	if got := e.suggestions(t)[1].ClosedNote; got != "Not a change" {
		t.Errorf("the quick pick alone closed it with the note %q", got)
	}
}

func TestSuggestCrossSitePostIsRefused(t *testing.T) {
	e := newStaffEnv(t)
	for _, path := range []string{"/suggestions", "/services/" + suggestService + "/suggestions"} {
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(goodChange().Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://evil.example")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		if r := e.do(t, e.client(t), req); r.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST %s: %d, want 403", path, r.StatusCode)
		}
	}
	if n := len(e.suggestions(t)); n != 0 {
		t.Errorf("cross-site posts stored %d suggestions", n)
	}
}

package server_test

import (
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/PuerkitoBio/goquery"
)

// TestActionsNameTheirThingWithSpaces checks links and buttons that add
// words only for screen readers ("Edit<hidden> Gosport</hidden>"): the hidden
// words must be set apart by a space, or a screen reader reads one run-on
// word such as "EditGosport".
func TestActionsNameTheirThingWithSpaces(t *testing.T) {
	e := newStaffEnv(t)
	admin := e.login(t, "admin@example.org")
	editor := e.login(t, "editor@example.org")
	e.post(t, admin, "/staff/users/"+strconv.FormatInt(e.userID(t, "editor2@example.org"), 10)+"/disable", nil)
	pages := map[string]func() *goquery.Document{
		"/find?q=Southampton": func() *goquery.Document { return parse(t, e.get(t, e.client(t), "/find?q=Southampton")) },
		"/find with a shortlist": func() *goquery.Document {
			return parse(t, e.get(t, e.client(t), "/find?q=Southampton&s=family-nurse-partnership"))
		},
		"/shortlist": func() *goquery.Document {
			return parse(t, e.get(t, e.client(t), "/shortlist?s=family-nurse-partnership"))
		},
		"/staff/services":      func() *goquery.Document { return parse(t, e.get(t, editor, "/staff/services")) },
		"/staff/coverage":      func() *goquery.Document { return parse(t, e.get(t, editor, "/staff/coverage")) },
		"/staff/users":         func() *goquery.Document { return parse(t, e.get(t, admin, "/staff/users")) },
		"/staff/areas":         func() *goquery.Document { return parse(t, e.get(t, admin, "/staff/areas")) },
		"/staff/service-types": func() *goquery.Document { return parse(t, e.get(t, admin, "/staff/service-types")) },
	}
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			hidden := page().Find("a .nhsuk-u-visually-hidden, button .nhsuk-u-visually-hidden")
			if hidden.Length() == 0 {
				t.Fatal("no action with hidden words: the page changed, or the test looks in the wrong place")
			}
			hidden.Each(func(_ int, span *goquery.Selection) {
				action := span.Parent().Text()
				words := span.Text()
				at := strings.Index(action, words)
				if at > 0 && !unicode.IsSpace(rune(action[at-1])) && !strings.HasPrefix(words, " ") {
					t.Errorf("%q runs into the words before it: %q", words, strings.TrimSpace(action))
				}
			})
		})
	}
}

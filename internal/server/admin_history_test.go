package server_test

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/directory"
)

// adminHistoryCase is a kind of record whose history the admin pages show:
// two edits made through its form, and how to read it back.
type adminHistoryCase struct {
	name   string
	entity string
	key    string
	base   string // the record's staff address; the form posts here
	list   string // the admin list that links to each history
	// edits are two saves through the edit form, each as form field to
	// value, beside the label the history shows for that field.
	edits [2]map[string]string
	label map[string]string
	// fields reads the stored record as the history shows it.
	fields func(t *testing.T) []directory.FieldValue
}

func adminHistoryCases(e *staffEnv) []adminHistoryCase {
	ctx := context.Background()
	return []adminHistoryCase{
		{
			name: "service type", entity: directory.EntityServiceType, key: "home-start",
			base: "/staff/service-types/home-start", list: "/staff/service-types",
			edits: [2]map[string]string{
				{"name": "Home-Start volunteers", "description": "Volunteers who visit families at home."},
				{"name": "Home-Start family support"},
			},
			label: map[string]string{"name": "Name", "description": "Description"},
			fields: func(t *testing.T) []directory.FieldValue {
				st, err := e.db.ServiceType(ctx, "home-start")
				if err != nil {
					t.Fatal(err)
				}
				return st.Fields()
			},
		},
		{
			name: "area", entity: directory.EntityArea, key: "hampshire",
			base: "/staff/areas/hampshire", list: "/staff/areas",
			edits: [2]map[string]string{
				{"name": "Hampshire County", "note": "The county council's area.", "valid_from": "1974-04-01"},
				{"name": "County of Hampshire", "parent": ""},
			},
			label: map[string]string{"name": "Name", "note": "Note", "valid_from": "Date the area began", "parent": "Inside which area"},
			fields: func(t *testing.T) []directory.FieldValue {
				a, err := e.db.Area(ctx, "hampshire")
				if err != nil {
					t.Fatal(err)
				}
				return a.Fields()
			},
		},
	}
}

// changesShown reads a history entry's differences: label to before and after.
func changesShown(entry *goquery.Selection) map[string][2]string {
	out := map[string][2]string{}
	entry.Find(".nhsuk-summary-list__row").Each(func(_ int, row *goquery.Selection) {
		dd := row.Find("dd")
		out[strings.TrimSpace(row.Find("dt").Text())] = [2]string{
			strings.TrimSpace(dd.Find(".app-diff-before").Text()),
			strings.TrimSpace(dd.Find("strong").Text()),
		}
	})
	return out
}

// restoreOffered reads the restore form an entry offers: the version after
// its change, or with before set, the one before it.
func restoreOffered(t *testing.T, entry *goquery.Selection, action string, before bool) map[string][]string {
	t.Helper()
	var form map[string][]string
	entry.Find(`form[action="` + action + `"]`).Each(func(_ int, f *goquery.Selection) {
		if f.Find(`input[name="side"][value="before"]`).Length() > 0 != before {
			return
		}
		form = map[string][]string{}
		f.Find("input").Each(func(_ int, in *goquery.Selection) {
			form[in.AttrOr("name", "")] = []string{in.AttrOr("value", "")}
		})
	})
	if form == nil {
		t.Fatalf("the entry offers no restore (before %v): %q", before, strings.TrimSpace(entry.Text()))
	}
	return form
}

func byLabel(fields []directory.FieldValue) map[string]string {
	out := map[string]string{}
	for _, f := range fields {
		out[f.Label] = f.Value
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func TestAdminHistoryAndRestore(t *testing.T) {
	e := newStaffEnv(t)
	admin, editor := e.login(t, "admin@example.org"), e.login(t, "editor@example.org")
	ctx := context.Background()
	for _, tc := range adminHistoryCases(e) {
		t.Run(tc.name, func(t *testing.T) {
			history, restore := tc.base+"/history", tc.base+"/restore"
			original := tc.fields(t)
			var saved [2][]directory.FieldValue
			for i, edit := range tc.edits {
				form := formValues(t, e.get(t, admin, tc.base+"/edit").Body, tc.base)
				for k, v := range edit {
					form.Set(k, v)
				}
				if r := e.post(t, admin, tc.base, form); r.StatusCode != http.StatusSeeOther {
					t.Fatalf("edit %d: %d\n%s", i+1, r.StatusCode, r.Body)
				}
				saved[i] = tc.fields(t)
			}

			// The list and the edit form link to the history, the list with
			// the record's name for screen readers, set apart by a space.
			name := byLabel(saved[1])["Name"]
			link := parse(t, e.get(t, admin, tc.list)).Find(`a[href="` + history + `"]`)
			if link.Length() != 1 || link.Text() != "History of "+name {
				t.Errorf("the list's history links: %d, %q", link.Length(), link.Text())
			}
			if parse(t, e.get(t, admin, tc.base+"/edit")).Find(`a[href="`+history+`"]`).Length() != 1 {
				t.Error("the edit form does not link to the history")
			}

			// Newest first: who, what, and each field's before and after.
			r := e.get(t, admin, history)
			if r.StatusCode != http.StatusOK {
				t.Fatalf("history: %d", r.StatusCode)
			}
			entries := parse(t, r).Find(`[data-testid="history-entry"]`)
			if entries.Length() != 2 {
				t.Fatalf("%d history entries, want 2", entries.Length())
			}
			was := byLabel(original)
			for i := range tc.edits {
				want := map[string][2]string{}
				for field, value := range tc.edits[i] {
					before := was[tc.label[field]]
					if i == 1 {
						before = byLabel(saved[0])[tc.label[field]]
					}
					want[tc.label[field]] = [2]string{orNone(before), orNone(value)}
				}
				entry := entries.Eq(1 - i)
				if got := changesShown(entry); !maps.Equal(got, want) {
					t.Errorf("edit %d shows %v, want %v", i+1, got, want)
				}
				if h := entry.Find("h2").Text(); !strings.HasPrefix(h, "Changed by Ada Admin, ") {
					t.Errorf("edit %d is headed %q", i+1, h)
				}
			}

			// An editor may neither see nor restore it; nor may anyone an
			// unknown record's.
			offered := restoreOffered(t, entries.Last(), restore, false)
			before := e.changeCount(t)
			if r := e.get(t, editor, history); r.StatusCode != http.StatusForbidden {
				t.Errorf("editor sees the history: %d, want 403", r.StatusCode)
			}
			if r := e.post(t, editor, restore, offered); r.StatusCode != http.StatusForbidden {
				t.Errorf("editor restores: %d, want 403", r.StatusCode)
			}
			if r := e.get(t, admin, tc.list+"/no-such-record/history"); r.StatusCode != http.StatusNotFound {
				t.Errorf("history of an unknown record: %d, want 404", r.StatusCode)
			}
			if n := e.changeCount(t); n != before {
				t.Fatalf("refused requests wrote %d audit records", n-before)
			}

			// Restore the version the first edit saved.
			r = e.post(t, admin, restore, offered)
			if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != history {
				t.Fatalf("restore: %d to %q\n%s", r.StatusCode, r.Header.Get("Location"), r.Body)
			}
			if now := tc.fields(t); !slices.Equal(now, saved[0]) {
				t.Errorf("after the restore %v, want %v", now, saved[0])
			}
			audit, _ := e.db.History(ctx, tc.entity, tc.key)
			if len(audit) != 3 || audit[0].Action != "restore" || audit[0].UserName != "Ada Admin" ||
				!strings.HasPrefix(audit[0].Reason, "Restored the version from after the change made on ") {
				t.Errorf("the restore was not audited: %+v", audit[0])
			}

			// The same form again starts from a version that is gone.
			before = e.changeCount(t)
			r = e.post(t, admin, restore, offered)
			if r.StatusCode != http.StatusConflict || !strings.Contains(r.Body, "Your change was not saved") {
				t.Errorf("a stale restore: %d, want the 409 page", r.StatusCode)
			}
			if n := e.changeCount(t); n != before {
				t.Errorf("the stale restore wrote %d audit records", n-before)
			}

			// And back to the version first loaded, before any edit.
			entries = parse(t, e.get(t, admin, history)).Find(`[data-testid="history-entry"]`)
			if entries.Length() != 3 || !strings.HasPrefix(entries.First().Find("h2").Text(), "Restored") {
				t.Fatalf("the history after the restore: %d entries, the newest %q", entries.Length(), entries.First().Find("h2").Text())
			}
			if r := e.post(t, admin, restore, restoreOffered(t, entries.Last(), restore, true)); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("restore the first version: %d\n%s", r.StatusCode, r.Body)
			}
			if now := tc.fields(t); !slices.Equal(now, original) {
				t.Errorf("after restoring the first version %v, want %v", now, original)
			}
		})
	}
}

func TestRecentChangesLinkAdminsToHistories(t *testing.T) {
	e := newStaffEnv(t)
	admin, editor := e.login(t, "admin@example.org"), e.login(t, "editor@example.org")
	for _, tc := range adminHistoryCases(e) {
		form := formValues(t, e.get(t, admin, tc.base+"/edit").Body, tc.base)
		form.Set("name", form.Get("name")+" (renamed)")
		if r := e.post(t, admin, tc.base, form); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("edit %s: %d", tc.key, r.StatusCode)
		}
	}
	for _, page := range []string{"/staff", "/staff/changes"} {
		adminPage := parse(t, e.get(t, admin, page)).Find(`[data-testid="changes"]`)
		editorPage := parse(t, e.get(t, editor, page)).Find(`[data-testid="changes"]`)
		for _, tc := range adminHistoryCases(e) {
			history := `a[href="` + tc.base + `/history"]`
			if adminPage.Find(history).Length() != 1 {
				t.Errorf("%s does not link an admin to the history of %s", page, tc.key)
			}
			if editorPage.Find(history).Length() != 0 || !strings.Contains(editorPage.Text(), tc.key) {
				t.Errorf("%s links an editor to an admin page, or leaves out the change to %s", page, tc.key)
			}
		}
	}
}

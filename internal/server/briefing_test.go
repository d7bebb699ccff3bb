package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// hampshireRatings are Hampshire's ratings in the seeded report.
var hampshireRatings = map[string]directory.Rating{
	"camhs-under-5s":                     directory.Red,
	"health-visiting":                    directory.NotStated,
	"parent-infant-partnership":          directory.Red,
	"specialist-perinatal-mental-health": directory.Green,
	"childrens-centres":                  directory.NotStated,
	"home-start":                         directory.Green,
	"family-nurse-partnership":           directory.Green,
}

// briefing fetches an area's briefing as the public would, and fails unless
// it answers 200.
func (e *staffEnv) briefing(t *testing.T, slug string) *goquery.Document {
	t.Helper()
	r := e.fetch(t, e.client(t), "/areas/"+slug+"/briefing", nil)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("the briefing on %s: %d", slug, r.StatusCode)
	}
	return parse(t, r)
}

func TestBriefingShowsEveryRatingInWords(t *testing.T) {
	e := newStaffEnv(t)
	doc := e.briefing(t, "hampshire")
	rows := doc.Find(`[data-testid="briefing-coverage"] tbody tr`)
	if rows.Length() != len(hampshireRatings) {
		t.Errorf("the coverage table has %d rows, want one for each of the %d service types", rows.Length(), len(hampshireRatings))
	}
	for slug, want := range hampshireRatings {
		row := doc.Find(`[data-testid="briefing-rating-` + slug + `"]`)
		if got := text(row); !strings.Contains(got, want.Label()) {
			t.Errorf("%s's row reads %q, want the rating in words, %q", slug, got, want.Label())
		}
		// The cell is filled with the rating's colour and pattern, the matrix's.
		if swatch := row.Find(".app-briefing__swatch"); !swatch.HasClass("app-matrix__cell--" + string(want)) {
			t.Errorf("%s's rating is not filled as %s: class %q", slug, want, swatch.AttrOr("class", ""))
		}
	}
	if got := text(doc.Find(`[data-testid="briefing-as-at"]`)); !strings.HasPrefix(got, "As at "+web.FormatDate(e.db.Today())) {
		t.Errorf("the briefing opens %q, want the date it is as at", got)
	}
	sources := text(doc.Find(`[data-testid="briefing-sources"]`))
	for _, want := range []string{`the 2019 report "Mapping parent-infant services in Wessex"`, "none has been changed since", "network staff", "Fingertips"} {
		if !strings.Contains(sources, want) {
			t.Errorf("where the data comes from reads %q, want %q", sources, want)
		}
	}
	if doc.Find(`[data-testid="briefing"] .nhsuk-card`).Length() > 0 {
		t.Error("the briefing lists services; it should hold only the area's coverage, gaps, need and searches")
	}
}

func TestBriefingGapsShowTheirActionsOrSayNone(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	staff := directory.Actor{Name: "test"}
	for _, a := range []directory.GapAction{
		{ServiceType: "camhs-under-5s", Area: "hampshire", What: "Agree an under-5s offer with the county's CAMHS",
			Lead: "Hampshire County Council", Due: "2020-03-31", Status: directory.ActionAgreed, Recommendation: "infant-mental-health-pathway"},
		{ServiceType: "camhs-under-5s", Area: "hampshire", What: "Train CAMHS staff in infant mental health",
			Lead: "Wessex Clinical Network", Due: "2099-03-31", Status: directory.ActionInProgress},
	} {
		if _, err := e.db.CreateAction(ctx, staff, a); err != nil {
			t.Fatal(err)
		}
	}
	doc := e.briefing(t, "hampshire")

	gap := doc.Find(`[data-testid="briefing-gap-camhs-under-5s"]`)
	got := text(gap)
	for _, want := range []string{"Red: no coverage", "Agree an under-5s offer with the county's CAMHS", "Hampshire County Council",
		"31 March 2020", "Agreed", "A whole-system infant mental health pathway", "Train CAMHS staff in infant mental health", "Wessex Clinical Network"} {
		if !strings.Contains(got, want) {
			t.Errorf("the CAMHS gap reads %q, want %q", got, want)
		}
	}
	if n := gap.Find(`[data-testid="overdue"]`).Length(); n != 1 || !strings.Contains(got, "Overdue") {
		t.Errorf("%d actions are marked overdue, want the one due in 2020 alone", n)
	}
	if got := text(doc.Find(`[data-testid="briefing-gap-parent-infant-partnership"]`)); !strings.Contains(got, "No action recorded") {
		t.Errorf("the gap with no action reads %q, want it to say none is recorded", got)
	}
	// Gaps are the profile's: red and amber, nothing else.
	if n := doc.Find(`[data-testid^="briefing-gap-"]`).Length(); n != 2 {
		t.Errorf("the briefing shows %d gaps, want Hampshire's two red cells", n)
	}
}

func TestBriefingIndicatorsBesideWessexAndEngland(t *testing.T) {
	e := newStaffEnv(t)
	doc := e.briefing(t, "hampshire")
	table := doc.Find(`[data-testid="briefing-indicators"]`)
	var headings []string
	table.Find("thead th").Each(func(_ int, th *goquery.Selection) { headings = append(headings, text(th)) })
	if got := strings.Join(headings, " | "); got != "Indicator | Period | Hampshire | Wessex | England" {
		t.Errorf("the indicator table's columns are %q", got)
	}
	row := table.Find("tbody tr").FilterFunction(func(_ int, tr *goquery.Selection) bool { return text(tr.Find("th")) == "Stillbirth rate" })
	var values []string
	row.Find("td.nhsuk-table__cell--numeric").Each(func(_ int, td *goquery.Selection) {
		values = append(values, strings.Fields(text(td))[0])
	})
	if got := strings.Join(values, " "); got != "3.6 3.6 4.3" {
		t.Errorf("the stillbirth rate reads %q, want Hampshire's, Wessex's and England's: 3.6 3.6 4.3", got)
	}
	// A note is given once, and each value it qualifies points to it.
	if got := text(row); !strings.Contains(got, "note 1") {
		t.Errorf("Wessex's starred stillbirth rate does not point to its note: %q", got)
	}
	if notes := doc.Find(`[data-testid="briefing-indicator-notes"] li`); notes.Length() == 0 || !strings.Contains(text(notes.First()), "Marked * in the report") {
		t.Errorf("the notes under the table read %q", text(notes))
	}
}

func TestBriefingDemandSuppressesSmallNumbers(t *testing.T) {
	e := newStaffEnv(t)
	yesterday := dayBefore(t, e.db.Today())
	if err := e.db.RecordDemand(context.Background(), map[directory.DemandKey]directory.DemandCount{
		{Day: yesterday, Area: "hampshire"}:                         {Searches: 20, NoResults: 3, Results: 200},
		{Day: yesterday, Area: "hampshire", Stages: "pregnancy"}:    {Searches: 6, NoResults: 4},
		{Day: yesterday, Area: "portsmouth", Stages: "pregnancy"}:   {Searches: 40, NoResults: 30},
		{Day: dayBefore(t, yesterday), Area: "isle-of-wight"}:       {Searches: 2},
		{Day: yesterday, Area: "southampton", Audiences: "fathers"}: {Searches: 1},
	}); err != nil {
		t.Fatal(err)
	}
	doc := e.briefing(t, "hampshire")
	demand := doc.Find(`[data-testid="briefing-demand"]`)
	if got := text(demand.Find(`[data-testid="briefing-searches"]`)); got != "26" {
		t.Errorf("Hampshire's searches read %q, want 26 (its own, not Portsmouth's)", got)
	}
	if got := text(demand.Find(`[data-testid="briefing-no-results"]`)); got != "fewer than 10" {
		t.Errorf("Hampshire's 7 searches that found nothing read %q, want fewer than 10", got)
	}
	if got := text(demand); !strings.Contains(got, "the last 90 full days") {
		t.Errorf("the searches do not say their period: %q", got)
	}
	if got := text(e.briefing(t, "isle-of-wight").Find(`[data-testid="briefing-searches"]`)); got != "fewer than 10" {
		t.Errorf("the Isle of Wight's 2 searches read %q, want fewer than 10", got)
	}
}

func TestBriefingOfUnknownAreaIsNotFound(t *testing.T) {
	e := newStaffEnv(t)
	r := e.fetch(t, e.client(t), "/areas/atlantis/briefing", nil)
	if r.StatusCode != http.StatusNotFound || !strings.Contains(r.Body, "Page not found") {
		t.Errorf("the briefing on an unknown area: %d, want the 404 page", r.StatusCode)
	}
}

func TestBriefingOfUnratedAreaSaysSo(t *testing.T) {
	e := newStaffEnv(t)
	for _, tc := range []struct {
		slug, name string
		link       string // a briefing it points to
	}{
		{"wessex", "Wessex", "/areas/hampshire/briefing"},
		{"england", "England", "/areas/wessex/briefing"},
		{"gosport", "Gosport", "/areas/hampshire/briefing"},
		{"bournemouth-christchurch-and-poole", "BCP Council", ""},
	} {
		doc := e.briefing(t, tc.slug)
		if got := text(doc.Find(`[data-testid="briefing-no-ratings"]`)); !strings.Contains(got, "No coverage ratings are recorded") {
			t.Errorf("the briefing on %s reads %q, want it to say it has no ratings", tc.slug, got)
		}
		if n := doc.Find(`[data-testid="briefing-coverage"], [data-testid^="briefing-gap-"], .app-briefing__swatch`).Length(); n > 0 {
			t.Errorf("the briefing on %s shows %d ratings or gaps it does not have", tc.slug, n)
		}
		if tc.link != "" && doc.Find(`main a[href="`+tc.link+`"]`).Length() == 0 {
			t.Errorf("the briefing on %s does not link to %s", tc.slug, tc.link)
		}
	}
}

func TestBriefingIsLinkedFromTheProfileAndCached(t *testing.T) {
	e := newStaffEnv(t)
	public := e.client(t)
	profile := parse(t, e.fetch(t, public, "/areas/hampshire", nil))
	if link := profile.Find(`[data-testid="briefing-link"] a`); link.AttrOr("href", "") != "/areas/hampshire/briefing" || !strings.Contains(text(link), "Print a briefing") {
		t.Errorf("the profile's briefing link is %q to %q", text(link), link.AttrOr("href", ""))
	}
	e.fetch(t, public, "/areas/hampshire/briefing", nil)
	hits, _ := e.cacheCounts()
	if r := e.fetch(t, public, "/areas/hampshire/briefing", nil); r.StatusCode != http.StatusOK {
		t.Fatalf("the second briefing: %d", r.StatusCode)
	}
	if after, _ := e.cacheCounts(); after != hits+1 {
		t.Errorf("the second request for the briefing was not answered from the page cache (%d hits, then %d)", hits, after)
	}
}

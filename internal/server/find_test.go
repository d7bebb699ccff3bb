package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/internal/server"
	"github.com/wessex-network/directory/internal/sqlite"
	"github.com/wessex-network/directory/seeds"
)

// result returns the card of a service in the results, failing if it is absent.
func result(t *testing.T, doc *goquery.Document, slug string) *goquery.Selection {
	t.Helper()
	card := doc.Find(`[data-testid="result-` + slug + `"]`)
	if card.Length() != 1 {
		t.Fatalf("results lack %s", slug)
	}
	return card
}

func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

func TestFindSeededPlaces(t *testing.T) {
	srv := newTestServer(t)

	t.Run("Gosport shows the Roberts Centre and Hampshire's services", func(t *testing.T) {
		doc := getDoc(t, srv, "/find?q=Gosport", 200)
		if got := text(result(t, doc, "roberts-centre").Find(`[data-testid="why"]`)); got != "Serves Havant and Gosport" {
			t.Errorf("the Roberts Centre is listed because %q", got)
		}
		for _, slug := range []string{"knowing-me-knowing-you", "family-nurse-partnership", "home-start", "barnardos-childrens-centres"} {
			if got := text(result(t, doc, slug).Find(`[data-testid="why"]`)); got != "Serves Hampshire" {
				t.Errorf("%s is listed because %q, want Serves Hampshire", slug, got)
			}
		}
		if got := text(result(t, doc, "health-visiting").Find(`[data-testid="why"]`)); got != "Serves all of Wessex" {
			t.Errorf("health visiting is listed because %q", got)
		}
		if doc.Find(`[data-testid="result-dorpip"]`).Length() != 0 {
			t.Error("Gosport shows DorPIP, which serves Bournemouth and Poole")
		}
		if where := text(doc.Find(`[data-testid="where"]`)); !strings.Contains(where, "Hampshire") {
			t.Errorf("the page does not say Gosport is in Hampshire: %q", where)
		}
	})

	t.Run("a full postcode in Gosport, oddly typed", func(t *testing.T) {
		doc := getDoc(t, srv, "/find?q="+url.QueryEscape(" po12  1aA "), 200)
		if h1 := text(doc.Find("h1")); h1 != "Help for families in PO12 1AA" {
			t.Errorf("heading %q", h1)
		}
		result(t, doc, "roberts-centre")
	})

	t.Run("Winchester, in another district of Hampshire, does not show the Roberts Centre", func(t *testing.T) {
		doc := getDoc(t, srv, "/find?q=Winchester", 200)
		if doc.Find(`[data-testid="result-roberts-centre"]`).Length() != 0 {
			t.Error("Winchester shows the Roberts Centre, which serves only Havant and Gosport in Hampshire")
		}
		result(t, doc, "family-nurse-partnership")
	})

	t.Run("BH15 resolves to Poole and shows DorPIP", func(t *testing.T) {
		doc := getDoc(t, srv, "/find?q=BH15", 200)
		if got := text(result(t, doc, "dorpip").Find(`[data-testid="why"]`)); got != "Serves Poole" {
			t.Errorf("DorPIP is listed because %q", got)
		}
		where := text(doc.Find(`[data-testid="where"]`))
		for _, want := range []string{"BH15 is in Poole.", "BCP", "2019"} {
			if !strings.Contains(where, want) {
				t.Errorf("the page's account of where BH15 is lacks %q: %q", want, where)
			}
		}
		result(t, doc, "community-perinatal-mental-health-teams") // region-wide
		if doc.Find(`[data-testid="result-roberts-centre"]`).Length() != 0 {
			t.Error("BH15 shows the Roberts Centre")
		}
	})

	t.Run("Southampton shows Communicare, Safe Families, ECHO and Mums Matter", func(t *testing.T) {
		doc := getDoc(t, srv, "/find?q=Southampton", 200)
		for _, slug := range []string{"communicare-family-help", "safe-families", "enhanced-health-visiting-offer", "mums-matter"} {
			result(t, doc, slug)
		}
		if how := text(result(t, doc, "safe-families").Find(`[data-testid="how"]`)); !strings.Contains(how, "Comes through children's services") {
			t.Errorf("Safe Families: how to get it reads %q", how)
		}
		if how := text(result(t, doc, "enhanced-health-visiting-offer").Find(`[data-testid="how"]`)); !strings.Contains(how, "A professional refers you") {
			t.Errorf("ECHO: how to get it reads %q", how)
		}
		tags := text(result(t, doc, "enhanced-health-visiting-offer").Find(".app-tags"))
		for _, want := range []string{"Pregnancy", "Baby under 1", "Child aged 1 to 2"} {
			if !strings.Contains(tags, want) {
				t.Errorf("ECHO's tags %q lack %q", tags, want)
			}
		}
	})
}

func TestFindFilters(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		name    string
		query   string
		want    []string
		notWant []string
	}{
		{"young parents keep the Family Nurse Partnership in Southampton", "q=Southampton&audience=young-parents",
			[]string{"family-nurse-partnership"}, []string{"mums-matter", "health-visiting", "safe-families"}},
		{"young parents keep the Family Nurse Partnership in Poole", "q=Poole&audience=young-parents",
			[]string{"family-nurse-partnership"}, []string{"dorpip"}},
		{"young parents on the Isle of Wight, where it is not offered", "q=Ryde&audience=young-parents",
			nil, []string{"family-nurse-partnership"}},
		{"pregnancy", "q=Southampton&stage=pregnancy",
			[]string{"enhanced-health-visiting-offer", "family-nurse-partnership"}, []string{"southampton-camhs-under-5s", "mums-matter"}},
		{"a child over 2", "q=Southampton&stage=older",
			[]string{"southampton-camhs-under-5s"}, []string{"family-nurse-partnership"}},
		{"mums", "q=Southampton&audience=mums",
			[]string{"mums-matter", "community-perinatal-mental-health-teams"}, []string{"family-nurse-partnership"}},
		{"first-time parents", "q=Gosport&audience=first-time-parents",
			[]string{"family-nurse-partnership"}, []string{"roberts-centre"}},
		{"dads and partners: the report names none", "q=Gosport&audience=dads-partners",
			nil, []string{"family-nurse-partnership", "health-visiting"}},
		{"only services a family can ask for themselves", "q=Southampton&access=self-referral",
			[]string{"health-visiting"}, []string{"safe-families", "enhanced-health-visiting-offer"}},
		{"words: psychotherapy", "q=Poole&words=psychotherapy",
			[]string{"dorpip"}, []string{"health-visiting"}},
		{"words: massage, through synonyms too", "q=Gosport&words=infant+massage",
			[]string{"community-perinatal-mental-health-teams"}, []string{"roberts-centre"}},
		{"words that try to be FTS or SQL syntax", "q=Gosport&words=" + url.QueryEscape(`") OR * --'; DROP TABLE services`),
			nil, []string{"roberts-centre"}},
		{"an unknown filter value is ignored", "q=Gosport&stage=teenager&audience=grandparents",
			[]string{"roberts-centre", "health-visiting"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := getDoc(t, srv, "/find?"+tt.query, 200)
			for _, slug := range tt.want {
				result(t, doc, slug)
			}
			for _, slug := range tt.notWant {
				if doc.Find(`[data-testid="result-`+slug+`"]`).Length() != 0 {
					t.Errorf("results include %s", slug)
				}
			}
		})
	}

	doc := getDoc(t, srv, "/find?q=Southampton&stage=pregnancy&audience=mums&access=self-referral&words=sleep", 200)
	form := doc.Find(`[data-testid="filters"]`)
	for _, id := range []string{"stage-pregnancy", "audience-mums", "access-self-referral"} {
		if _, checked := form.Find("#" + id).Attr("checked"); !checked {
			t.Errorf("the %s box is not ticked", id)
		}
	}
	if _, checked := form.Find("#stage-older").Attr("checked"); checked {
		t.Error("a filter not chosen is ticked")
	}
	if v, _ := form.Find("#words").Attr("value"); v != "sleep" {
		t.Errorf("words field holds %q", v)
	}
	if form.Find("fieldset legend").Length() != 3 {
		t.Error("each group of checkboxes needs a fieldset and legend")
	}
	form.Find("input:not([type=hidden])").Each(func(_ int, in *goquery.Selection) {
		id, _ := in.Attr("id")
		if id == "" || form.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("input %q has no label", id)
		}
	})
	if doc.Find("details[open]").Find(`[data-testid="filters"]`).Length() != 1 {
		t.Error("the filters are folded away while some are chosen")
	}
	if getDoc(t, srv, "/find?q=Gosport", 200).Find("details[open]").Length() != 0 {
		t.Error("the filters are unfolded before any is chosen")
	}
	if text(doc.Find(`[data-testid="result-count"]`)) != "0 services" || !strings.Contains(doc.Find("main").Text(), "Clear the filters") {
		t.Error("no results does not say so or offer to clear the filters")
	}
}

func TestFindRanksByWords(t *testing.T) {
	srv := newTestServer(t)
	// In Southampton "health" is in the names of health visiting and the
	// perinatal teams, but only in the description of the CAMHS service, so
	// that service's need comes last and a named one first.
	doc := getDoc(t, srv, "/find?q=Southampton&words=health", 200)
	cards := doc.Find(`.app-result`)
	if cards.Length() < 4 {
		t.Fatalf("%d results for health in Southampton, want several", cards.Length())
	}
	if name := text(cards.First().Find("h4")); !strings.Contains(name, "Health") {
		t.Errorf("first result %q does not have the word in its name", name)
	}
	if last := cards.Last().AttrOr("data-testid", ""); last != "result-southampton-camhs-under-5s" {
		t.Errorf("last result %s, want the CAMHS service, which has the word only in its description", last)
	}
	if unfiltered := getDoc(t, srv, "/find?q=Southampton", 200).Find("h3[id^=need-]").First().AttrOr("id", ""); unfiltered != "need-camhs-under-5s" {
		t.Errorf("without words the needs follow the matrix, but the first is %s", unfiltered)
	}
}

func TestFindGapMessage(t *testing.T) {
	srv := newTestServer(t)
	gaps := text(getDoc(t, srv, "/find?q=Ryde", 200).Find(`[data-testid="gaps"]`))
	for _, want := range []string{"Gaps in Isle of Wight", "Family Nurse Partnership: Red: no coverage",
		"Parent Infant Partnership: Red: no coverage", "CAMHS commissioned for 0 to 5s: Red: no coverage", "health visitor", "GP"} {
		if !strings.Contains(gaps, want) {
			t.Errorf("Isle of Wight gap message lacks %q: %q", want, gaps)
		}
	}
	if strings.Contains(gaps, "Home-Start") {
		t.Error("Home-Start is green on the Isle of Wight, but the gap message lists it")
	}
	poole := getDoc(t, srv, "/find?q=Poole", 200)
	if note := text(poole.Find(`[data-testid="gap-parent-infant-partnership"]`)); !strings.Contains(note, "Amber: partial coverage") {
		t.Errorf("Poole's parent infant partnership group says %q", note)
	}
	if getDoc(t, srv, "/find?q=Wessex", 200).Find(`[data-testid="gaps"]`).Length() != 0 {
		t.Error("the whole region shows one area's gaps")
	}
}

func TestFindPlaceOutcomes(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		name     string
		query    string
		wantCode int
		wantBody []string
	}{
		{"no search yet", "/find", 200, []string{"Find help where you live", `name="q"`}},
		{"a blank search", "/find?q=+", 422, []string{"There is a problem", `href="#q"`, "Enter a town, postcode or area"}},
		{"unknown place", "/find?q=Gosprt", 404, []string{"We could not find Gosprt", "Did you mean", `href="/find?q=Gosport"`, `href="/find?q=Poole"`}},
		{"unknown postcode district in a Wessex postcode area", "/find?q=po99", 404, []string{"We do not know the postcode district PO99", "BA, BH, DT, EX, GU, PO, RG, SO, SP, TA"}},
		{"London postcode", "/find?q=SW1A+1AA", 200, []string{"SW1A 1AA is outside Wessex", "health visitor"}},
		{"town outside", "/find?q=salisbury", 200, []string{"is outside Wessex", "Wiltshire"}},
		{"Bristol postcode district", "/find?q=BS1", 200, []string{"BS1 is outside Wessex"}},
		{"Surrey postcode district beside Hampshire", "/find?q=GU1+1AA", 200, []string{"GU1 1AA is outside Wessex", "GU1 lies in Guildford, outside Wessex."}},
		{"a place with markup in it", "/find?q=" + url.QueryEscape("<script>alert(1)</script>"), 404, []string{"&lt;script&gt;"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, srv, tt.query)
			if resp.StatusCode != tt.wantCode {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantCode)
			}
			for _, want := range tt.wantBody {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %q", want)
				}
			}
			if strings.Contains(body, "<script>alert") {
				t.Error("typed markup reached the page unescaped")
			}
		})
	}
}

func TestFindAsksWhichArea(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/find?q=BH24&stage=pregnancy", 200)
	links := doc.Find(`[data-testid="place-choices"] a`)
	if links.Length() != 2 {
		t.Fatalf("%d choices for BH24, want New Forest and East Dorset", links.Length())
	}
	var dorset string
	links.Each(func(_ int, a *goquery.Selection) {
		if strings.Contains(a.Text(), "East Dorset") {
			dorset = a.AttrOr("href", "")
		}
	})
	if !strings.Contains(dorset, "area=east-dorset") || !strings.Contains(dorset, "stage=pregnancy") {
		t.Fatalf("the East Dorset choice links to %q; it should keep the filter", dorset)
	}
	chosen := getDoc(t, srv, dorset, 200)
	if h1 := text(chosen.Find("h1")); h1 != "Help for families in BH24" {
		t.Errorf("heading %q", h1)
	}
	if where := text(chosen.Find(`[data-testid="where"]`)); !strings.Contains(where, "East Dorset") {
		t.Errorf("the chosen area is not named: %q", where)
	}
	result(t, chosen, "family-nurse-partnership") // Dorset's, with the pregnancy filter kept
	if chosen.Find(`[data-testid="result-knowing-me-knowing-you"]`).Length() != 0 {
		t.Error("East Dorset shows a Hampshire service")
	}
	// An area that is not one of the choices leaves the question open.
	if getDoc(t, srv, "/find?q=BH24&area=portsmouth", 200).Find(`[data-testid="place-choices"]`).Length() != 1 {
		t.Error("an area that is not one of BH24's was accepted")
	}
}

// TestFindOffersThePartOutside checks a postcode district that reaches
// outside Wessex: the family may choose its part in the region or the part
// outside, and the part outside says where it lies.
func TestFindOffersThePartOutside(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/find?q=DT7+3AA", 200)
	var names, outside []string
	doc.Find(`[data-testid="place-choices"] li`).Each(func(_ int, li *goquery.Selection) {
		names = append(names, text(li.Find("a")))
		if strings.Contains(li.Text(), "outside Wessex") {
			outside = append(outside, li.Find("a").AttrOr("href", ""))
		}
	})
	if len(names) != 2 || names[0] != "West Dorset" || len(outside) != 1 {
		t.Fatalf("choices for DT7 3AA: %q, outside links %q; want West Dorset and somewhere outside", names, outside)
	}
	if !strings.Contains(doc.Text(), "East Devon") {
		t.Error("the choice outside does not say where that part lies")
	}
	chosen := getDoc(t, srv, outside[0], 200)
	if h1 := text(chosen.Find("h1")); h1 != "DT7 3AA is outside Wessex" {
		t.Errorf("after choosing the part outside, heading %q", h1)
	}
	if !strings.Contains(chosen.Text(), "Part of DT7 lies in East Devon, outside Wessex.") {
		t.Error("the page for the part outside does not say where it lies")
	}
	found := getDoc(t, srv, "/find?q=DT7+3AA&area=west-dorset", 200)
	if h1 := text(found.Find("h1")); h1 != "Help for families in DT7 3AA" {
		t.Errorf("after choosing West Dorset, heading %q", h1)
	}
}

// TestJourneyFromHomeToPrintedShortlist follows links and GET forms only, as
// a browser without JavaScript would, from the home page to a shortlist.
func TestJourneyFromHomeToPrintedShortlist(t *testing.T) {
	srv := newTestServer(t)
	home := getDoc(t, srv, "/", 200)
	form := home.Find(`form[action="/find"]`).First()
	if form.AttrOr("method", "") != "get" || form.Find(`input[name="q"]`).Length() != 1 || form.Find(`label[for="q"]`).Length() != 1 {
		t.Fatal("the home page has no labelled place search")
	}
	if strings.Index(home.Find("main").Text(), "Town, postcode or area") > strings.Index(home.Find("main").Text(), "Or choose your area") {
		t.Error("the home page does not lead with the place search")
	}

	results := getDoc(t, srv, "/find?q=Gosport", 200)
	add := result(t, results, "roberts-centre").Find(`a[href*="s=roberts-centre"]`).AttrOr("href", "")
	if add == "" {
		t.Fatal("no link adds the Roberts Centre to the shortlist")
	}
	afterOne := getDoc(t, srv, add, 200)
	add2 := result(t, afterOne, "home-start").Find(`a[href*="s=home-start"]`).AttrOr("href", "")
	afterTwo := getDoc(t, srv, add2, 200)
	if !strings.Contains(text(result(t, afterTwo, "roberts-centre")), "On your shortlist") {
		t.Error("a shortlisted service does not say so")
	}
	view := afterTwo.Find(`[data-testid="shortlist-link"] a`).AttrOr("href", "")
	if !strings.HasPrefix(view, "/shortlist?") {
		t.Fatalf("the link to the shortlist is %q", view)
	}

	resp, body := get(t, srv, view)
	if resp.StatusCode != 200 {
		t.Fatalf("shortlist status %d", resp.StatusCode)
	}
	page, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	items := page.Find(`[data-testid="shortlist"] > li`)
	if items.Length() != 2 || items.First().AttrOr("data-testid", "") != "shortlisted-roberts-centre" {
		t.Fatalf("shortlist holds %d items, first %q", items.Length(), items.First().AttrOr("data-testid", ""))
	}
	items.Each(func(_ int, li *goquery.Selection) {
		if got := text(li.Find(`[data-testid="last-reviewed"]`)); got != "Not reviewed since the 2019 report" {
			t.Errorf("%s: last reviewed %q", li.AttrOr("data-testid", ""), got)
		}
	})
	share := page.Find(`[data-testid="share-link"] a`).AttrOr("href", "")
	if share != "/shortlist?s=roberts-centre&s=home-start" {
		t.Errorf("share link %q carries more than the shortlist", share)
	}
	// Written out in full from the configured base address (by default the
	// listening address), never from the request's Host.
	if !strings.Contains(text(page.Find(`[data-testid="share-link"]`)), "http://127.0.0.1:8080/shortlist?s=roberts-centre") {
		t.Error("the share link is not written out in full to copy")
	}
	if strings.Contains(body, "style=") {
		t.Error("the page has an inline style, which the Content-Security-Policy blocks")
	}
	if !strings.Contains(body, `src="/assets/print.js"`) || page.Find("button[data-print][hidden]").Length() != 1 {
		t.Error("the print button should come from print.js and stay hidden without JavaScript")
	}
	if page.Find(`a[href^="/find?"]`).Length() == 0 {
		t.Error("the shortlist does not lead back to the results")
	}
	remove := items.First().Find(`a[href^="/shortlist"]`).AttrOr("href", "")
	if strings.Contains(remove, "roberts-centre") || !strings.Contains(remove, "home-start") {
		t.Errorf("remove link %q", remove)
	}
	if js, _ := get(t, srv, "/assets/print.js"); js.StatusCode != 200 {
		t.Errorf("print.js: status %d", js.StatusCode)
	}
}

func TestShortlistFromALink(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/shortlist?s=dorpip&s=no-such-service&s=Bad%20Slug&s=dorpip", 200)
	if n := doc.Find(`[data-testid="shortlist"] > li`).Length(); n != 1 {
		t.Errorf("%d services listed, want DorPIP once", n)
	}
	if !strings.Contains(text(doc.Find(`[data-testid="missing"]`)), "1 service in this link is no longer in the directory") {
		t.Error("a service that no longer exists is not mentioned")
	}
	empty := getDoc(t, srv, "/shortlist", 200)
	if !strings.Contains(empty.Find("main").Text(), "Your shortlist is empty") {
		t.Error("an empty shortlist does not say so")
	}
}

// BenchmarkFindPage measures the whole find page for a town, through the
// router, against a seeded database.
func BenchmarkFindPage(b *testing.B) {
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Load(context.Background(), ds); err != nil {
		b.Fatal(err)
	}
	h := server.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	for _, path := range []string{"/find?q=Gosport", "/find?q=Southampton&stage=pregnancy&words=baby", "/shortlist?s=dorpip&s=roberts-centre"} {
		b.Run(path, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
				if rec.Code != 200 {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}

func TestDistrictProfilesFollowServiceNotes(t *testing.T) {
	srv := newTestServer(t)
	if !strings.Contains(getDoc(t, srv, "/areas/gosport", 200).Find("main").Text(), "The Roberts Centre") {
		t.Error("Gosport's profile lacks the Roberts Centre")
	}
	winchester := getDoc(t, srv, "/areas/winchester", 200).Find("main").Text()
	if strings.Contains(winchester, "The Roberts Centre") {
		t.Error("Winchester's profile lists the Roberts Centre, which serves only Havant and Gosport in Hampshire")
	}
	if !strings.Contains(winchester, "Family Nurse Partnership") {
		t.Error("Winchester's profile lacks Hampshire's services")
	}
	if !strings.Contains(getDoc(t, srv, "/areas/hampshire", 200).Find("main").Text(), "Havant and Gosport only") {
		t.Error("Hampshire's profile lacks the Roberts Centre with its note")
	}
}

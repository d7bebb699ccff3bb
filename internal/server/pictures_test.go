package server_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// The test of done: a commissioner chooses Family Nurse Partnership
// and sees at once, without a table or colour, that the Isle of Wight and
// Bournemouth are red.
func TestCoverageMapShowsFamilyNursePartnershipGaps(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/coverage?type=family-nurse-partnership", 200)

	if got := doc.Find(`select#type option[selected]`).AttrOr("value", ""); got != "family-nurse-partnership" {
		t.Errorf("the chosen service type is %q", got)
	}
	if doc.Find(`label[for="type"]`).Length() != 1 {
		t.Error("the service type list has no label")
	}
	svg := doc.Find(`svg[data-testid="coverage-map-svg"]`)
	tiles := svg.Find(`a[data-testid^="tile-"]`)
	if tiles.Length() != 7 {
		t.Fatalf("%d tiles, want one for each of the seven rated areas", tiles.Length())
	}
	var red []string
	tiles.Each(func(_ int, a *goquery.Selection) {
		slug := strings.TrimPrefix(a.AttrOr("data-testid", ""), "tile-")
		if href := a.AttrOr("href", ""); href != "/areas/"+slug {
			t.Errorf("tile %s links to %q", slug, href)
		}
		word := a.Find("text.app-tile__rating").Text()
		if a.AttrOr("data-rating", "") == "red" {
			red = append(red, slug)
			if word != "Red" || !strings.Contains(a.AttrOr("aria-label", ""), "Red: no coverage") {
				t.Errorf("red tile %s says %q, labelled %q", slug, word, a.AttrOr("aria-label", ""))
			}
			if fill := a.Find("rect.app-tile__square").AttrOr("fill", ""); fill != "url(#coverage-map-red)" {
				t.Errorf("red tile %s is painted %q, want the striped pattern", slug, fill)
			}
		} else if word != "Green" {
			t.Errorf("tile %s says %q; the report rates Family Nurse Partnership green outside the Isle of Wight and Bournemouth", slug, word)
		}
	})
	sort.Strings(red)
	if strings.Join(red, ",") != "bournemouth,isle-of-wight" {
		t.Errorf("red tiles %v, want Bournemouth and the Isle of Wight", red)
	}
	if got := svg.Find(`a[data-testid="tile-isle-of-wight"] text.app-tile__name`).Text(); got != "Isle of Wight" {
		t.Errorf("the Isle of Wight's tile is named %q", got)
	}
	if got := svg.Find("title").First().Text(); !strings.Contains(got, "Family Nurse Partnership") {
		t.Errorf("map title %q", got)
	}
}

func TestCoverageMapChoice(t *testing.T) {
	srv := newTestServer(t)
	t.Run("with a date", func(t *testing.T) {
		doc := getDoc(t, srv, "/coverage?type=health-visiting&as_of=2019-07-01", 200)
		if got := doc.Find(`svg[data-testid="coverage-map-svg"] title`).First().Text(); !strings.Contains(got, "Health visiting") || !strings.Contains(got, "1 July 2019") {
			t.Errorf("map title %q", got)
		}
		if got := doc.Find(`input#as_of`).AttrOr("value", ""); got != "2019-07-01" {
			t.Errorf("the date field holds %q", got)
		}
		portsmouth := doc.Find(`a[data-testid="tile-portsmouth"]`)
		if portsmouth.AttrOr("data-rating", "") != "not_stated" || !strings.Contains(portsmouth.AttrOr("aria-label", ""), "ECHO model") {
			t.Errorf("Portsmouth's health visiting tile: rating %q, label %q", portsmouth.AttrOr("data-rating", ""), portsmouth.AttrOr("aria-label", ""))
		}
	})
	t.Run("first service type by default", func(t *testing.T) {
		doc := getDoc(t, srv, "/coverage", 200)
		if got := doc.Find(`select#type option[selected]`).AttrOr("value", ""); got != "camhs-under-5s" {
			t.Errorf("default service type %q, want the matrix's first row", got)
		}
	})
	t.Run("before any rating", func(t *testing.T) {
		doc := getDoc(t, srv, "/coverage?type=family-nurse-partnership&as_of=2018-01-01", 200)
		if doc.Find(`[data-testid="coverage-map-svg"]`).Length() != 0 {
			t.Error("a map is drawn for a date with no ratings")
		}
	})
	t.Run("unknown service type", func(t *testing.T) {
		resp, body := get(t, srv, "/coverage?type=astrology")
		if resp.StatusCode != 400 || !strings.Contains(body, "There is no rated service type called &#34;astrology&#34;") {
			t.Errorf("status %d; body lacks the message", resp.StatusCode)
		}
	})
	t.Run("a service type that is not a row of the matrix", func(t *testing.T) {
		if resp, _ := get(t, srv, "/coverage?type=family-support"); resp.StatusCode != 400 {
			t.Errorf("status %d, want 400", resp.StatusCode)
		}
	})
}

func TestHomePageShowsTheMap(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/", 200)
	if n := doc.Find(`svg[data-testid="coverage-map-svg"] a[data-testid^="tile-"]`).Length(); n != 7 {
		t.Errorf("home map has %d tiles, want 7", n)
	}
	if doc.Find(`a[href="/coverage?type=camhs-under-5s#map"]`).Length() != 1 {
		t.Error("the home page does not link to choosing another service type")
	}
	assertPicturesAreDescribed(t, doc)
}

func TestIndicatorCharts(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/indicators", 200)
	charts := doc.Find(`svg.app-chart`)
	if charts.Length() != 9 {
		t.Errorf("%d charts, want one for each of the 9 indicators", charts.Length())
	}
	stillbirth := doc.Find(`[data-testid="chart-stillbirth-rate"]`)
	var areas []string
	stillbirth.Find(`g[data-testid^="bar-"]`).Each(func(_ int, g *goquery.Selection) {
		areas = append(areas, strings.TrimPrefix(g.AttrOr("data-testid", ""), "bar-"))
	})
	if strings.Join(areas, " ") != "england wessex hampshire dorset isle-of-wight portsmouth southampton bournemouth poole" {
		t.Errorf("stillbirth chart bars %v, want England, Wessex and the seven areas", areas)
	}
	if got := stillbirth.Find(`g[data-testid="bar-southampton"] text.app-chart__value`).Text(); got != "4.7" {
		t.Errorf("Southampton's stillbirth rate prints %q, want 4.7", got)
	}
	// The report gives no number for alcohol treatment in Hampshire, Portsmouth
	// and the Isle of Wight, nor family homelessness in Wessex and Bournemouth.
	missing := map[string][]string{
		"parents-in-alcohol-treatment": {"hampshire", "portsmouth", "isle-of-wight"},
		"family-homelessness":          {"wessex", "bournemouth"},
	}
	total := 0
	doc.Find(`g[data-testid^="bar-"][data-value="no value"]`).Each(func(_ int, g *goquery.Selection) { total++ })
	if total != 5 {
		t.Errorf("%d bars read \"no value\", want the report's 5", total)
	}
	for slug, areas := range missing {
		for _, area := range areas {
			bar := doc.Find(`[data-testid="chart-` + slug + `"] g[data-testid="bar-` + area + `"]`)
			if bar.Find("rect").Length() != 0 || bar.Find("text.app-chart__missing").Text() != "no value" {
				t.Errorf("%s in %s: %d bars, text %q; want no bar and \"no value\"", slug, area, bar.Find("rect").Length(), bar.Text())
			}
		}
	}
	assertPicturesAreDescribed(t, doc)
}

func TestAreaProfileCharts(t *testing.T) {
	srv := newTestServer(t)
	doc := getDoc(t, srv, "/areas/hampshire", 200)
	charts := doc.Find(`#indicators ~ .app-chart-grid svg.app-chart`)
	if charts.Length() != 9 {
		t.Errorf("%d charts in the need indicators section, want 9", charts.Length())
	}
	charts.Each(func(_ int, svg *goquery.Selection) {
		var areas []string
		svg.Find(`g[data-testid^="bar-"]`).Each(func(_ int, g *goquery.Selection) {
			areas = append(areas, strings.TrimPrefix(g.AttrOr("data-testid", ""), "bar-"))
		})
		if strings.Join(areas, " ") != "hampshire wessex england" {
			t.Errorf("chart %q has bars %v, want Hampshire beside Wessex and England", svg.Find("title").Text(), areas)
		}
	})
	alcohol := doc.Find(`[data-testid="chart-parents-in-alcohol-treatment"] g[data-testid="bar-hampshire"]`)
	if alcohol.Find("rect").Length() != 0 || alcohol.Find("text").Last().Text() != "no value" {
		t.Errorf("Hampshire's suppressed alcohol treatment value reads %q", alcohol.Text())
	}
	assertPicturesAreDescribed(t, doc)
}

// assertPicturesAreDescribed checks every picture on a page: an accessible
// name from its <title>, a <desc>, a link to a table on the same page, and no
// inline style for the Content-Security-Policy to block.
func assertPicturesAreDescribed(t *testing.T, doc *goquery.Document) {
	t.Helper()
	pictures := doc.Find("main svg.app-chart, main svg.app-tile-map")
	if pictures.Length() == 0 {
		t.Fatal("no pictures on the page")
	}
	pictures.Each(func(_ int, svg *goquery.Selection) {
		title := svg.Find("title#" + svg.AttrOr("aria-labelledby", "none"))
		name := strings.TrimSpace(title.Text())
		if name == "" {
			t.Errorf("a picture has no accessible name")
			return
		}
		if strings.TrimSpace(svg.Find("desc#"+svg.AttrOr("aria-describedby", "none")).Text()) == "" {
			t.Errorf("picture %q has no description", name)
		}
		if role := svg.AttrOr("role", ""); role != "img" && role != "group" {
			t.Errorf("picture %q has role %q", name, role)
		}
		href := svg.Closest("figure").Find(`figcaption a[href^="#"]`).AttrOr("href", "")
		if href == "" || doc.Find("table"+href).Length() != 1 {
			t.Errorf("picture %q links to %q, which is not a table on the page", name, href)
		}
		if svg.Find("[style]").Length() > 0 || svg.Is("[style]") {
			t.Errorf("picture %q has an inline style, which the Content-Security-Policy blocks", name)
		}
	})
}

func TestPictureOfChange(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	path := "/staff/coverage/family-nurse-partnership/isle-of-wight"
	f := formValues(t, e.get(t, c, path).Body, path)
	f.Set("rating", "green")
	f.Set("reason", "Service started")
	f.Set("effective_from", "2025-01-01")
	if r := e.post(t, c, path, f); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("rate: %d", r.StatusCode)
	}
	doc := getDoc(t, e.srv, "/coverage/changes?from=report-2019&to=2026-01-01", 200)
	chart := doc.Find(`[data-testid="chart-rating-counts"]`)
	if chart.Find("svg title").Text() == "" || chart.Find("svg desc").Text() == "" {
		t.Error("the picture of change has no accessible name or description")
	}
	bar := func(id string) string { return chart.Find(`g[data-testid="bar-`+id+`"]`).AttrOr("data-value", "") }
	// The report has 12 red cells and 20 green (5 + 4 + 1 + 2 red; 3 + 7 + 5 + 5
	// green, counting its table by hand); one red became green.
	if bar("red-from") != "12" || bar("red-to") != "11" || bar("green-from") != "20" || bar("green-to") != "21" {
		t.Errorf("red %s to %s, green %s to %s", bar("red-from"), bar("red-to"), bar("green-from"), bar("green-to"))
	}
	if href := chart.Find("figcaption a").AttrOr("href", ""); href != "#rating-counts" || doc.Find("#rating-counts").Length() != 1 {
		t.Errorf("the picture does not link to its table: %q", href)
	}
	if got := strings.TrimSpace(doc.Find(`#rating-counts tbody tr`).First().Find("th").Text()); got != "Green: full coverage" {
		t.Errorf("the table's first row is %q", got)
	}
}

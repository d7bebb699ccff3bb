package web

import (
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wessex-network/directory/internal/directory"
)

func float(v float64) *float64 { return &v }

func testIndicator() directory.Indicator {
	return directory.Indicator{
		Slug: "alcohol", Name: "Parents in alcohol treatment", Period: "2011/12",
		Values: []directory.IndicatorValue{
			{Area: "england", AreaName: "England", Value: float(147.2)},
			{Area: "region", AreaName: "Region", Value: float(122.4), Note: "Marked *"},
			{Area: "suppressed", AreaName: "Suppressed", Note: "No value: the report shows only *"},
			{Area: "half", AreaName: "Half", Value: float(73.6)},
			{Area: "nought", AreaName: "Nought", Value: float(0)},
		},
	}
}

func TestBarChartShowsMissingValuesAsNoValue(t *testing.T) {
	ind := testIndicator()
	c := IndicatorChart("chart-alcohol", "table-alcohol", ind, ind.Values, map[string]bool{"england": true, "region": true})
	doc := renderDoc(t, BarChartFigure(c))

	missing := doc.Find(`g[data-testid="bar-suppressed"]`)
	if missing.Find("rect").Length() != 0 {
		t.Error("a missing value has a bar")
	}
	if got := missing.Find("text.app-chart__missing").Text(); got != "no value" {
		t.Errorf("a missing value reads %q, want \"no value\"", got)
	}
	if strings.Contains(missing.Text(), "0") {
		t.Errorf("a missing value reads as a number: %q", missing.Text())
	}

	lengths := map[string]int{}
	doc.Find(`g[data-testid^="bar-"]`).Each(func(_ int, g *goquery.Selection) {
		area := strings.TrimPrefix(g.AttrOr("data-testid", ""), "bar-")
		if w, ok := g.Find("rect.app-chart__bar").Attr("width"); ok {
			n, err := strconv.Atoi(w)
			if err != nil {
				t.Fatalf("bar %s width %q", area, w)
			}
			lengths[area] = n
		}
	})
	if lengths["england"] != chartBarSpan || lengths["half"] != chartBarSpan/2 {
		t.Errorf("bar lengths %v: want England, the largest, at %d and Half at %d", lengths, chartBarSpan, chartBarSpan/2)
	}
	if _, ok := lengths["nought"]; ok {
		t.Error("a value of zero has a bar")
	}
	if got := doc.Find(`g[data-testid="bar-nought"] text.app-chart__value`).Text(); got != "0.0" {
		t.Errorf("a value of zero reads %q, want 0.0", got)
	}
	for area, want := range map[string]string{"england": "147.2", "region": "122.4", "half": "73.6"} {
		if got := doc.Find(`g[data-testid="bar-` + area + `"] text.app-chart__value`).Text(); got != want {
			t.Errorf("bar %s prints %q, want %q", area, got, want)
		}
	}
	if fill := doc.Find(`g[data-testid="bar-england"] rect`).AttrOr("fill", ""); fill != chartComparator {
		t.Errorf("England's bar is %s, want the comparison grey", fill)
	}
	if fill := doc.Find(`g[data-testid="bar-half"] rect`).AttrOr("fill", ""); fill != chartArea {
		t.Errorf("an area's bar is %s, want blue", fill)
	}
}

func TestBarChartHasANameADescriptionAndATable(t *testing.T) {
	ind := testIndicator()
	doc := renderDoc(t, BarChartFigure(IndicatorChart("chart-alcohol", "table-alcohol", ind, ind.Values, nil)))
	svg := doc.Find("svg")
	if svg.AttrOr("role", "") != "img" {
		t.Errorf("chart role %q, want img", svg.AttrOr("role", ""))
	}
	title := svg.Find("#" + svg.AttrOr("aria-labelledby", "none"))
	if !title.Is("title") || title.Text() != "Parents in alcohol treatment, 2011/12" {
		t.Errorf("chart's accessible name is %q", title.Text())
	}
	desc := svg.Find("#" + svg.AttrOr("aria-describedby", "none"))
	for _, want := range []string{"England: 147.2", "Suppressed: no value", "Nought: 0", "Bars start at zero"} {
		if !desc.Is("desc") || !strings.Contains(desc.Text(), want) {
			t.Errorf("chart's description %q lacks %q", desc.Text(), want)
		}
	}
	for _, banned := range []string{"better than", "worse than", "higher than", "lower than"} {
		if strings.Contains(strings.ToLower(doc.Text()), banned) {
			t.Errorf("the chart says %q, but significance was not assessed", banned)
		}
	}
	if got := doc.Find(`figcaption a`).AttrOr("href", ""); got != "#table-alcohol" {
		t.Errorf("chart links to %q, want its table", got)
	}
}

func TestProfileChartSetsTheAreaBesideItsRegionAndEngland(t *testing.T) {
	ind := testIndicator()
	row := IndicatorRow{Indicator: ind, Values: []directory.IndicatorValue{ind.Values[3], ind.Values[1], ind.Values[0]}}
	c := ProfileChart(row, "indicator-table")
	var got []string
	for _, b := range c.Bars {
		got = append(got, b.Area+":"+strconv.FormatBool(b.Comparator))
	}
	if strings.Join(got, " ") != "half:false region:true england:true" {
		t.Errorf("bars %v, want the area first and its region and England as comparisons", got)
	}
	if c.ID != "chart-alcohol" || c.TableID != "indicator-table" {
		t.Errorf("chart id %q table %q", c.ID, c.TableID)
	}
}

package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

// The bar chart's geometry, in the SVG's own units: a column of area names,
// then bars that start at zero, with each value printed past its bar's end.
const (
	chartWidth    = 480
	chartLabelEnd = 142 // right edge of the area names
	chartBarStart = 150 // where every bar starts: zero
	chartBarSpan  = 250 // the length of the longest bar
	chartRow      = 36
	chartBar      = 24
	chartPad      = 6
)

// BarChart is a small horizontal bar chart of one indicator: a bar for each
// area, with its value printed on it. A missing value is written "no value"
// and has no bar, so that it never reads as zero.
type BarChart struct {
	ID      string // prefix for the chart's element ids, unique on its page
	Title   string // the indicator's name and period
	TableID string // the id of the table that holds the same numbers
	Bars    []Bar
	// Reading is the description's last sentence; by default it says that
	// bars start at zero and no value is called better or worse.
	Reading string
}

// Bar is one area's value in a chart.
type Bar struct {
	Area       string // slug
	Label      string // the area's name
	Value      *float64
	Comparator bool // England or the region, drawn in grey beside the areas
	Count      bool // a whole number, printed without a decimal place
	// Missing is printed in place of a value there is none of: "no value"
	// unless set, such as "fewer than 10" for a suppressed count.
	Missing string
}

// IndicatorChart makes the bar chart of an indicator's values. Comparators
// names the areas (such as England and the region) to draw as comparisons.
func IndicatorChart(id, tableID string, ind directory.Indicator, values []directory.IndicatorValue, comparators map[string]bool) BarChart {
	c := BarChart{ID: id, Title: ind.Name + ", " + ind.Period, TableID: tableID}
	for _, v := range values {
		c.Bars = append(c.Bars, Bar{Area: v.Area, Label: v.AreaName, Value: v.Value, Comparator: comparators[v.Area]})
	}
	return c
}

// ViewBox is the SVG viewBox that holds every bar.
func (c BarChart) ViewBox() string {
	return fmt.Sprintf("0 0 %d %d", chartWidth, len(c.Bars)*chartRow+2*chartPad)
}

// Description lists every value in words, for the chart's <desc>.
func (c BarChart) Description() string {
	parts := make([]string, len(c.Bars))
	for i, b := range c.Bars {
		parts[i] = b.Label + ": " + b.Text()
	}
	reading := c.Reading
	if reading == "" {
		reading = "Bars start at zero; no value is called better or worse."
	}
	return "Bar chart. " + strings.Join(parts, "; ") + ". " + reading
}

// scale is the largest value in the chart, which gets the longest bar.
func (c BarChart) scale() float64 {
	top := 0.0
	for _, b := range c.Bars {
		if b.Value != nil && *b.Value > top {
			top = *b.Value
		}
	}
	return top
}

// Length is the length of a bar in the SVG's units. A missing value, and any
// value not above zero, has no bar.
func (c BarChart) Length(b Bar) int {
	top := c.scale()
	if b.Value == nil || *b.Value <= 0 || top <= 0 {
		return 0
	}
	return max(1, int(*b.Value/top*chartBarSpan+0.5))
}

// Text is the bar's value as the chart prints it.
func (b Bar) Text() string {
	if b.Value == nil {
		if b.Missing != "" {
			return b.Missing
		}
		return "no value"
	}
	if b.Count {
		return strconv.Itoa(int(*b.Value))
	}
	return FormatValue(b.Value)
}

// Top is the y of the bar's row's top edge.
func (c BarChart) Top(i int) int { return chartPad + i*chartRow + (chartRow-chartBar)/2 }

// Baseline is the y of the bar's row's text baseline.
func (c BarChart) Baseline(i int) int { return c.Top(i) + chartBar/2 + 6 }

// TextX is where the bar's value is printed: just past the end of its bar.
func (c BarChart) TextX(b Bar) int { return chartBarStart + c.Length(b) + 6 }

// Height is the chart's height in the SVG's units.
func (c BarChart) Height() int { return len(c.Bars)*chartRow + 2*chartPad }

// ProfileChart makes the chart of an area profile's indicator row: the area's
// bar first, then the areas it is part of, drawn as comparisons.
func ProfileChart(row IndicatorRow, tableID string) BarChart {
	comparators := map[string]bool{}
	for _, v := range row.Values[min(1, len(row.Values)):] {
		comparators[v.Area] = true
	}
	return IndicatorChart("chart-"+row.Indicator.Slug, tableID, row.Indicator, row.Values, comparators)
}

package web

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/wessex-network/directory/internal/directory"
)

// FormatDate writes a YYYY-MM-DD date the way NHS.UK pages do: "1 July 2019".
// Anything else is returned as it is.
func FormatDate(date string) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return date
	}
	return t.Format("2 January 2006")
}

// FormatValue writes an indicator value, or "No value" where there is none.
func FormatValue(v *float64) string {
	if v == nil {
		return "No value"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// ratingTagClass returns the NHS.UK tag modifier for a rating. Colour is never
// the only cue: the tag always carries the rating's name.
func ratingTagClass(r directory.Rating) string {
	switch r {
	case directory.Green:
		return "nhsuk-tag nhsuk-tag--green"
	case directory.Amber:
		return "nhsuk-tag nhsuk-tag--orange"
	case directory.Red:
		return "nhsuk-tag nhsuk-tag--red"
	}
	return "nhsuk-tag nhsuk-tag--grey"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func areaHref(slug string) string      { return "/areas/" + slug }
func serviceHref(slug string) string   { return "/services/" + slug }
func cellHref(area, typ string) string { return "/areas/" + area + "#" + ratingID(typ) }

// ratingID is the id of a service type's row in an area's coverage table,
// where a matrix cell's link lands.
func ratingID(typ string) string { return "rating-" + typ }

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// validity says when an area existed, in words.
func validity(a directory.Area) string {
	switch {
	case a.ValidFrom != "" && a.ValidTo != "":
		return "From " + FormatDate(a.ValidFrom) + " until " + FormatDate(a.ValidTo)
	case a.ValidFrom != "":
		return "From " + FormatDate(a.ValidFrom)
	case a.ValidTo != "":
		return "Until " + FormatDate(a.ValidTo)
	}
	return "Current"
}

func referenceID(n int) string { return fmt.Sprintf("reference-%d", n) }

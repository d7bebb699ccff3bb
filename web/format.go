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
// A whole number keeps one decimal place, as the report prints it ("3.0").
func FormatValue(v *float64) string {
	if v == nil {
		return "No value"
	}
	s := strconv.FormatFloat(*v, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
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

// optionID is the id of the i-th radio or checkbox of a field; the first one
// takes the field's own name, so that the error summary can link to it.
func optionID(name string, i int) string {
	if i == 0 {
		return name
	}
	return fmt.Sprintf("%s-%d", name, i+1)
}

// FormatTimestamp writes an RFC 3339 time as "29 November 2026, 09:30 UTC".
func FormatTimestamp(ts string) string {
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		return ts
	}
	return t.UTC().Format("2 January 2006, 15:04 UTC")
}

// ActionLabel names an audited action in words.
func ActionLabel(action string) string {
	switch action {
	case "create":
		return "Added"
	case "update":
		return "Changed"
	case "archive":
		return "Archived"
	case "unarchive":
		return "Returned to active"
	case "restore":
		return "Restored an earlier version of"
	case "review":
		return "Reviewed"
	case "rate":
		return "Rated"
	case "disable":
		return "Disabled"
	case "enable":
		return "Enabled"
	case "import":
		return "Imported"
	}
	return action
}

// HistoryActionLabel names an audited action in words on the record's own
// history page, where the record is not named after the words.
func HistoryActionLabel(action string) string {
	if action == "restore" {
		return "Restored an earlier version"
	}
	return ActionLabel(action)
}

// EntityLabel names a kind of audited record in words.
func EntityLabel(entity string) string {
	switch entity {
	case directory.EntityService:
		return "service"
	case directory.EntityCoverageCell:
		return "coverage cell"
	case directory.EntityServiceType:
		return "service type"
	case directory.EntityArea:
		return "area"
	case directory.EntityUser:
		return "staff account"
	case directory.EntityOrganisation:
		return "organisation"
	case directory.EntityFeed:
		return "feed"
	}
	return entity
}

// historyHref links an audit record to its record's history page, where
// there is one that u may see: the histories of service types and areas are
// for admins.
func historyHref(u directory.User, e directory.AuditEntry) string {
	switch e.Entity {
	case directory.EntityService:
		return "/staff/services/" + e.EntityKey + "/history"
	case directory.EntityCoverageCell:
		return "/staff/coverage/" + e.EntityKey + "/history"
	case directory.EntityServiceType:
		if u.Role == directory.RoleAdmin {
			return "/staff/service-types/" + e.EntityKey + "/history"
		}
	case directory.EntityArea:
		if u.Role == directory.RoleAdmin {
			return "/staff/areas/" + e.EntityKey + "/history"
		}
	case directory.EntityFeed:
		if u.Role == directory.RoleAdmin {
			return "/staff/feeds/" + e.EntityKey
		}
	}
	return ""
}

// orNone writes an empty value as "(none)", so that a removal reads as one.
func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// ratingCount writes how many areas carry a rating, in words: "3 red",
// "1 not stated".
func ratingCount(n int, r directory.Rating) string {
	return fmt.Sprintf("%d %s", n, strings.ToLower(r.Short()))
}

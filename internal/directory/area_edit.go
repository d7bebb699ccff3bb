package directory

import (
	"regexp"
	"strings"
	"time"
)

// Kinds lists every kind of area, from the largest to the smallest, then the
// health bodies that sit beside the hierarchy.
var Kinds = []string{KindNation, KindRegion, KindCounty, KindUnitary, KindDistrict, KindCCG, KindCareBoard}

// ValidKind reports whether kind is one of Kinds.
func ValidKind(kind string) bool {
	for _, k := range Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// onsCodePattern is the shape of an ONS geography code: a letter and eight
// digits, such as E06000045.
var onsCodePattern = regexp.MustCompile(`^[A-Z][0-9]{8}$`)

// Validate checks an area as an admin entered it and returns a message for
// each problem, named by form field. Whether the parent exists, and whether
// it would make the area its own ancestor, needs the store to check.
func (a Area) Validate() FieldErrors {
	var errs FieldErrors
	if !ValidSlug(a.Slug) {
		errs.Add("slug", "Enter a web address name of lower-case letters, numbers and hyphens, like isle-of-wight")
	} else if len(a.Slug) > 100 {
		errs.Add("slug", "The web address name must be 100 characters or fewer")
	}
	if strings.TrimSpace(a.Name) == "" {
		errs.Add("name", "Enter the area's name")
	} else if len(a.Name) > 200 {
		errs.Add("name", "The name must be 200 characters or fewer")
	}
	if len(a.ShortName) > 60 {
		errs.Add("short_name", "The short name must be 60 characters or fewer")
	}
	if !ValidKind(a.Kind) {
		errs.Add("kind", "Choose a kind of area from the list")
	}
	if a.ParentSlug != "" && a.ParentSlug == a.Slug {
		errs.Add("parent", "An area cannot be inside itself: choose another parent")
	}
	if a.Code != "" && !onsCodePattern.MatchString(a.Code) {
		errs.Add("ons_code", "Enter an ONS code as a capital letter and 8 digits, like E06000045, or leave it empty")
	}
	fromOK := a.ValidFrom == "" || realDate(a.ValidFrom)
	toOK := a.ValidTo == "" || realDate(a.ValidTo)
	if !fromOK {
		errs.Add("valid_from", "Enter the date the area began as a real date, YYYY-MM-DD, or leave it empty")
	}
	if !toOK {
		errs.Add("valid_to", "Enter the date the area ended as a real date, YYYY-MM-DD, or leave it empty")
	}
	if fromOK && toOK && a.ValidFrom != "" && a.ValidTo != "" && a.ValidFrom > a.ValidTo {
		errs.Add("valid_to", "The date the area ended must be the same as or after the date it began")
	}
	if len(a.Note) > 2000 {
		errs.Add("note", "The note must be 2,000 characters or fewer")
	}
	return errs
}

// realDate reports whether s is a date that exists, written YYYY-MM-DD.
func realDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return ValidDate(s) && err == nil
}

package directory

import "strings"

// Validate checks a service type as an admin entered it and returns a
// message for each problem, named by form field.
func (t ServiceType) Validate() FieldErrors {
	var errs FieldErrors
	if !ValidSlug(t.Slug) {
		errs.Add("slug", "Enter a web address name of lower-case letters, numbers and hyphens, like health-visiting")
	} else if len(t.Slug) > 100 {
		errs.Add("slug", "The web address name must be 100 characters or fewer")
	}
	if strings.TrimSpace(t.Name) == "" {
		errs.Add("name", "Enter the service type's name")
	} else if len(t.Name) > 200 {
		errs.Add("name", "The name must be 200 characters or fewer")
	}
	if len(t.Description) > 2000 {
		errs.Add("description", "The description must be 2,000 characters or fewer")
	}
	return errs
}

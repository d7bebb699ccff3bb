package directory

import (
	"net/url"
	"regexp"
	"strings"
	"time"
)

// ReviewInterval is how long after its last review a service falls due for
// another, unless staff set a date.
const ReviewInterval = 6

// DefaultReviewDue returns the date six months after lastReviewed, or "" when
// the service has never been reviewed.
func DefaultReviewDue(lastReviewed string) string {
	t, err := time.Parse("2006-01-02", lastReviewed)
	if err != nil {
		return ""
	}
	return t.AddDate(0, ReviewInterval, 0).Format("2006-01-02")
}

// DueForReview reports whether a service needs review on the given date: it
// has never been reviewed, or its review date has come.
func (s Service) DueForReview(today string) bool {
	return s.LastReviewed == "" || s.ReviewDue == "" || s.ReviewDue <= today
}

var phonePattern = regexp.MustCompile(`^[0-9 +()\-]{6,30}$`)

// Validate checks a service as staff entered it and returns a message for
// each problem, named by form field.
func (s Service) Validate() FieldErrors {
	var errs FieldErrors
	if !ValidSlug(s.Slug) {
		errs.Add("slug", "Enter a web address name of lower-case letters, numbers and hyphens, like family-nurse-partnership")
	}
	if strings.TrimSpace(s.Name) == "" {
		errs.Add("name", "Enter the service's name")
	} else if len(s.Name) > 200 {
		errs.Add("name", "The name must be 200 characters or fewer")
	}
	if strings.TrimSpace(s.Summary) == "" {
		errs.Add("summary", "Enter a one-line summary")
	} else if len(s.Summary) > 300 {
		errs.Add("summary", "The summary must be 300 characters or fewer")
	}
	if strings.TrimSpace(s.Description) == "" {
		errs.Add("description", "Enter what the service offers")
	}
	for _, st := range s.Stages {
		if !st.Valid() {
			errs.Add("stages", "Choose stages from the list")
			break
		}
	}
	for _, a := range s.Audiences {
		if !a.Valid() {
			errs.Add("audiences", "Choose who it is for from the list")
			break
		}
	}
	for _, a := range s.Access {
		if !a.Valid() {
			errs.Add("access", "Choose ways to get the service from the list")
			break
		}
	}
	if len(s.Areas) == 0 {
		errs.Add("areas", "Choose at least one area the service covers")
	}
	if s.Contact.Phone != "" && !phonePattern.MatchString(s.Contact.Phone) {
		errs.Add("phone", "Enter a phone number using digits, spaces, brackets, + and -")
	}
	if s.Contact.Email != "" && !validEmail(s.Contact.Email) {
		errs.Add("email", "Enter an email address in the correct format, like name@example.org")
	}
	if s.Contact.Website != "" {
		if u, err := url.Parse(s.Contact.Website); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs.Add("website", "Enter a website address starting with https://")
		}
	}
	if s.LastReviewed != "" && !ValidDate(s.LastReviewed) {
		errs.Add("last_reviewed", "Enter the last review date as a real date, YYYY-MM-DD")
	}
	if s.ReviewDue != "" && !ValidDate(s.ReviewDue) {
		errs.Add("review_due", "Enter the review due date as a real date, YYYY-MM-DD")
	}
	if strings.TrimSpace(s.Source) == "" {
		errs.Add("source", "Say where this information comes from")
	}
	return errs
}

var emailPattern = regexp.MustCompile(`^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$`)

func validEmail(s string) bool { return emailPattern.MatchString(s) }

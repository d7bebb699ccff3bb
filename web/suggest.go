package web

import (
	"strconv"

	"github.com/wessex-network/directory/internal/directory"
)

// HoneypotField is the name of the form field that people are asked to
// leave empty and never see: only a program filling in every field fills it.
const HoneypotField = "website"

// formatCount writes a whole number with thousands separated by commas, as
// in "4,000".
func formatCount(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + formatCount(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// topicOptions are the radios of the form to suggest a change, with the
// chosen one checked.
func topicOptions(chosen directory.SuggestionTopic) []Option {
	out := make([]Option, len(directory.SuggestionTopics))
	for i, t := range directory.SuggestionTopics {
		out[i] = Option{Value: string(t), Label: t.Label(), Checked: t == chosen}
	}
	return out
}

// suggestionServiceHref links a suggestion to the service it is about, or
// gives "" for a service the directory does not list.
func suggestionServiceHref(s directory.Suggestion) string {
	if s.ServiceSlug == "" {
		return ""
	}
	return serviceHref(s.ServiceSlug)
}

// errorTitle starts a page's title with "Error: " when its form has
// problems, so that a screen reader hears it first.
func errorTitle(errs directory.FieldErrors, title string) string {
	if len(errs) > 0 {
		return "Error: " + title
	}
	return title
}

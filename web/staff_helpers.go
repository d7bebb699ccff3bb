package web

import (
	"slices"
	"strconv"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

func itoa(n int) string     { return strconv.Itoa(n) }
func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func joinLines(lines []string) string { return strings.Join(lines, "\n") }

func statusLabel(status string) string { return directory.StatusLabel(status) }

// reviewState says when a service was reviewed and when it is due.
func reviewState(s directory.Service, today string) string {
	last := "Not reviewed since the source"
	if s.LastReviewed != "" {
		last = "Last reviewed " + FormatDate(s.LastReviewed)
	}
	switch {
	case s.ReviewDue == "":
		return last + "; due now."
	case s.ReviewDue <= today:
		return last + "; was due " + FormatDate(s.ReviewDue) + "."
	}
	return last + "; due " + FormatDate(s.ReviewDue) + "."
}

func serviceFormTitle(v ServiceFormView) string {
	if v.New {
		return "Add a service"
	}
	return "Edit " + v.Service.Name
}

func serviceFormAction(v ServiceFormView) string {
	if v.Action != "" {
		return v.Action
	}
	if v.New {
		return "/staff/services"
	}
	return "/staff/services/" + v.Service.Slug
}

func serviceFormSubmit(v ServiceFormView) string {
	if v.Submit != "" {
		return v.Submit
	}
	return "Save"
}

func serviceTypeOptions(v ServiceFormView) []Option {
	opts := []Option{{Value: "", Label: "None of these", Checked: v.Service.ServiceType == ""}}
	for _, t := range v.ServiceTypes {
		opts = append(opts, Option{Value: t.Slug, Label: t.Name, Checked: t.Slug == v.Service.ServiceType})
	}
	return opts
}

func organisationOptions(v ServiceFormView) []Option {
	current := ""
	if v.Service.Organisation != nil {
		current = v.Service.Organisation.Slug
	}
	opts := []Option{{Value: "", Label: "Not named", Checked: current == ""}}
	for _, o := range v.Organisations {
		opts = append(opts, Option{Value: o.Slug, Label: o.Name, Checked: o.Slug == current})
	}
	return opts
}

// vocabulary is a small set of labelled values, such as the stages.
type vocabulary interface {
	~string
	Label() string
}

// vocabularyOptions offers every value of a vocabulary, ticking those a
// service has.
func vocabularyOptions[T vocabulary](all, have []T) []Option {
	opts := make([]Option, len(all))
	for i, v := range all {
		opts[i] = Option{Value: string(v), Label: v.Label(), Checked: slices.Contains(have, v)}
	}
	return opts
}

func stageOptions(s directory.Service) []Option {
	return vocabularyOptions(directory.Stages, s.Stages)
}

func audienceOptions(s directory.Service) []Option {
	return vocabularyOptions(directory.Audiences, s.Audiences)
}

func accessOptions(s directory.Service) []Option {
	return vocabularyOptions(directory.AccessRoutes, s.Access)
}

func servesArea(s directory.Service, area string) bool {
	_, ok := s.ServesArea(area)
	return ok
}

func areaNote(s directory.Service, area string) string {
	sa, _ := s.ServesArea(area)
	return sa.Note
}

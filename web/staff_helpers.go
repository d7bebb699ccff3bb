package web

import (
	"strconv"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
)

func itoa(n int) string     { return strconv.Itoa(n) }
func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func joinLines(lines []string) string { return strings.Join(lines, "\n") }

func statusLabel(status string) string {
	if status == directory.StatusArchived {
		return "Archived"
	}
	return "Active"
}

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
	if v.New {
		return "/staff/services"
	}
	return "/staff/services/" + v.Service.Slug
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

func stageOptions(s directory.Service) []Option {
	var opts []Option
	for _, st := range directory.Stages {
		checked := false
		for _, have := range s.Stages {
			checked = checked || have == st
		}
		opts = append(opts, Option{Value: string(st), Label: st.Label(), Checked: checked})
	}
	return opts
}

func audienceOptions(s directory.Service) []Option {
	var opts []Option
	for _, a := range directory.Audiences {
		checked := false
		for _, have := range s.Audiences {
			checked = checked || have == a
		}
		opts = append(opts, Option{Value: string(a), Label: a.Label(), Checked: checked})
	}
	return opts
}

func accessOptions(s directory.Service) []Option {
	var opts []Option
	for _, a := range directory.AccessRoutes {
		checked := false
		for _, have := range s.Access {
			checked = checked || have == a
		}
		opts = append(opts, Option{Value: string(a), Label: a.Label(), Checked: checked})
	}
	return opts
}

func servesArea(s directory.Service, area string) bool {
	_, ok := s.ServesArea(area)
	return ok
}

func areaNote(s directory.Service, area string) string {
	sa, _ := s.ServesArea(area)
	return sa.Note
}

package directory

import "strings"

// FieldValue is one field of a record, named and written as a person reads
// it, for history and conflict pages.
type FieldValue struct {
	Label string
	Value string
}

// Fields lists a service's fields in the order its form shows them.
func (s Service) Fields() []FieldValue {
	org := ""
	if s.Organisation != nil {
		org = s.Organisation.Slug
		if s.Organisation.Name != "" {
			org = s.Organisation.Name
		}
	}
	var stages, audiences, access, areas []string
	for _, v := range s.Stages {
		stages = append(stages, v.Label())
	}
	for _, v := range s.Audiences {
		audiences = append(audiences, v.Label())
	}
	for _, v := range s.Access {
		access = append(access, v.Label())
	}
	for _, a := range s.Areas {
		name := a.AreaName
		if name == "" {
			name = a.Area
		}
		if a.Note != "" {
			name += " (" + a.Note + ")"
		}
		areas = append(areas, name)
	}
	return []FieldValue{
		{"Name", s.Name},
		{"Service type", s.ServiceTypeName},
		{"Organisation", org},
		{"Summary", s.Summary},
		{"What it offers", s.Description},
		{"Interventions", strings.Join(s.Interventions, "; ")},
		{"Who it is for", s.Eligibility},
		{"Stages", strings.Join(stages, ", ")},
		{"Especially for", strings.Join(audiences, ", ")},
		{"Ways in", strings.Join(access, ", ")},
		{"How to get it", s.HowToAccess},
		{"Areas", strings.Join(areas, ", ")},
		{"Phone", s.Contact.Phone},
		{"Email", s.Contact.Email},
		{"Website", s.Contact.Website},
		{"Address", s.Contact.Address},
		{"Opening hours", s.Contact.OpeningHours},
		{"Status", s.Status},
		{"Last reviewed", s.LastReviewed},
		{"Review due", s.ReviewDue},
		{"Source", s.Source},
	}
}

// Fields lists a coverage cell's fields.
func (c CoverageCell) Fields() []FieldValue {
	return []FieldValue{
		{"Rating", c.Rating.Label()},
		{"Note", c.Note},
		{"Effective from", c.EffectiveFrom},
		{"Reason", c.Reason},
		{"Source", c.Source},
	}
}

// FieldChange is a field whose value differs between two versions.
type FieldChange struct {
	Label, Before, After string
}

// Diff lists the fields whose values differ between two versions of a record.
func Diff(before, after []FieldValue) []FieldChange {
	var out []FieldChange
	for i := range after {
		b := ""
		if i < len(before) {
			b = before[i].Value
		}
		if b != after[i].Value {
			out = append(out, FieldChange{Label: after[i].Label, Before: b, After: after[i].Value})
		}
	}
	return out
}

package directory

// Fields lists a service type's fields in the order its form shows them.
func (t ServiceType) Fields() []FieldValue {
	return []FieldValue{
		{"Name", t.Name},
		{"Description", t.Description},
	}
}

// Fields lists an area's fields in the order its form shows them.
func (a Area) Fields() []FieldValue {
	kind := ""
	if a.Kind != "" {
		kind = KindLabel(a.Kind)
	}
	parent := a.ParentName
	if parent == "" {
		parent = a.ParentSlug
	}
	return []FieldValue{
		{"Name", a.Name},
		{"Short name", a.ShortName},
		{"Kind of area", kind},
		{"Inside which area", parent},
		{"ONS code", a.Code},
		{"Date the area began", a.ValidFrom},
		{"Date the area ended", a.ValidTo},
		{"Note", a.Note},
	}
}

package directory

import "testing"

func TestAreaValidate(t *testing.T) {
	ok := Area{Slug: "gosport", Name: "Gosport", Kind: KindDistrict, ParentSlug: "hampshire", Code: "E07000088", ValidFrom: "1974-04-01"}
	if errs := ok.Validate(); len(errs) != 0 {
		t.Fatalf("a good area: %v", errs)
	}
	tests := []struct {
		name  string
		edit  func(a *Area)
		field string
	}{
		{"bad slug", func(a *Area) { a.Slug = "Gos port" }, "slug"},
		{"no name", func(a *Area) { a.Name = "  " }, "name"},
		{"unknown kind", func(a *Area) { a.Kind = "town" }, "kind"},
		{"own parent", func(a *Area) { a.ParentSlug = a.Slug }, "parent"},
		{"code too short", func(a *Area) { a.Code = "E0700008" }, "ons_code"},
		{"code in lower case", func(a *Area) { a.Code = "e07000088" }, "ons_code"},
		{"code of letters", func(a *Area) { a.Code = "GOSPORT01" }, "ons_code"},
		{"day out of range", func(a *Area) { a.ValidFrom = "2019-02-30" }, "valid_from"},
		{"date in words", func(a *Area) { a.ValidTo = "April 2019" }, "valid_to"},
		{"ends before it began", func(a *Area) { a.ValidTo = "1974-03-31" }, "valid_to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ok
			tt.edit(&a)
			if errs := a.Validate(); errs.For(tt.field) == "" {
				t.Errorf("no %s error; got %v", tt.field, errs)
			}
		})
	}
	sameDay := ok
	sameDay.ValidTo = sameDay.ValidFrom
	if errs := sameDay.Validate(); len(errs) != 0 {
		t.Errorf("an area that began and ended on one day: %v", errs)
	}
}

func TestServiceTypeValidate(t *testing.T) {
	if errs := (ServiceType{Slug: "doula-support", Name: "Doula support"}).Validate(); len(errs) != 0 {
		t.Fatalf("a good service type: %v", errs)
	}
	errs := ServiceType{Slug: "-bad-", Name: ""}.Validate()
	if errs.For("slug") == "" || errs.For("name") == "" {
		t.Errorf("bad slug and empty name: %v", errs)
	}
}

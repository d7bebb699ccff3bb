package directory_test

import (
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func TestValidateCeremonialCounty(t *testing.T) {
	tests := []struct {
		name   string
		county string
		want   string // a problem the error must name; empty when the area is good
	}{
		{"none", "", ""},
		{"an area listed before", "shire", ""},
		{"an unknown area", "atlantis", `ceremonial county "atlantis" must be another area, listed before it`},
		{"the area itself", "city", `ceremonial county "city" must be another area`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := directory.Dataset{Areas: []directory.Area{
				{Slug: "north", Name: "North", Kind: directory.KindRegion},
				{Slug: "shire", Name: "Shire", Kind: directory.KindCounty, ParentSlug: "north"},
				{Slug: "city", Name: "City", Kind: directory.KindUnitary, ParentSlug: "north", CeremonialCounty: tt.county},
			}}
			err := ds.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("valid area refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one naming %q", err, tt.want)
			}
		})
	}
}

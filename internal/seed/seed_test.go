package seed_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/seeds"
)

func TestParseWessex(t *testing.T) {
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		t.Fatalf("parse the Wessex dataset: %v", err)
	}
	if got := len(ds.Coverage); got != 49 {
		t.Errorf("coverage cells = %d, want 49", got)
	}
	if got := len(ds.Indicators); got != 9 {
		t.Errorf("indicators = %d, want 9", got)
	}
	values := 0
	for _, ind := range ds.Indicators {
		values += len(ind.Values)
	}
	if values != 81 {
		t.Errorf("indicator values = %d, want 81", values)
	}
	if len(ds.Glossary) != 18 || len(ds.References) != 16 {
		t.Errorf("glossary %d terms and %d references, want 18 and 16", len(ds.Glossary), len(ds.References))
	}
	for _, s := range ds.Services {
		if !s.Contact.Empty() {
			t.Errorf("service %q has contact details, but the report gives none", s.Slug)
		}
	}
}

func TestParseRejectsBadData(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{
			name: "unknown rating",
			files: fstest.MapFS{
				"areas.csv":         {Data: []byte("slug,name,kind,parent\nnorth,North,region,\n")},
				"service_types.csv": {Data: []byte("slug,name\nfnp,FNP\n")},
				"coverage.csv":      {Data: []byte("service_type,area,rating,note,effective_from,source\nfnp,north,purple,,2019-07-01,report\n")},
			},
			want: `rating "purple"`,
		},
		{
			name: "unknown area in coverage",
			files: fstest.MapFS{
				"areas.csv":         {Data: []byte("slug,name,kind,parent\nnorth,North,region,\n")},
				"service_types.csv": {Data: []byte("slug,name\nfnp,FNP\n")},
				"coverage.csv":      {Data: []byte("service_type,area,rating,note,effective_from,source\nfnp,south,red,,2019-07-01,report\n")},
			},
			want: "unknown area",
		},
		{
			name: "number for an indicator value that is not a number",
			files: fstest.MapFS{
				"areas.csv":            {Data: []byte("slug,name,kind,parent\nnorth,North,region,\n")},
				"indicators.csv":       {Data: []byte("slug,name,period\nrate,Rate,2017\n")},
				"indicator_values.csv": {Data: []byte("indicator,area,value,note\nrate,north,3.6*,\n")},
			},
			want: "not a number",
		},
		{
			name: "missing value without a note",
			files: fstest.MapFS{
				"areas.csv":            {Data: []byte("slug,name,kind,parent\nnorth,North,region,\n")},
				"indicators.csv":       {Data: []byte("slug,name,period\nrate,Rate,2017\n")},
				"indicator_values.csv": {Data: []byte("indicator,area,value,note\nrate,north,,\n")},
			},
			want: "no value and no note",
		},
		{
			name: "misspelt service field",
			files: fstest.MapFS{
				"areas.csv":     {Data: []byte("slug,name,kind,parent\nnorth,North,region,\n")},
				"services.yaml": {Data: []byte("- slug: a\n  name: A\n  phone_number: 123\n")},
			},
			want: "phone_number",
		},
		{
			name: "parent listed after its child",
			files: fstest.MapFS{
				"areas.csv": {Data: []byte("slug,name,kind,parent\ncity,City,district,north\nnorth,North,region,\n")},
			},
			want: "must be listed before it",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := seed.Parse(tt.files)
			if err == nil {
				t.Fatal("parse succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

package seed_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/wessex-network/directory/internal/directory"
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
	tiles := map[string]directory.Tile{}
	for _, tile := range ds.Tiles {
		tiles[tile.Area] = tile
	}
	// One tile for each area the 2019 matrix rates, placed west to east and
	// north to south: Dorset west of Hampshire, Poole west of Bournemouth,
	// Southampton west of Portsmouth, and the Isle of Wight below them.
	if len(ds.Tiles) != 7 {
		t.Errorf("tiles = %d, want 7", len(ds.Tiles))
	}
	for _, c := range ds.Coverage {
		if _, ok := tiles[c.Area]; !ok {
			t.Errorf("area %q is rated but has no tile", c.Area)
		}
	}
	westOf := [][2]string{{"dorset", "hampshire"}, {"poole", "bournemouth"}, {"bournemouth", "southampton"}, {"southampton", "portsmouth"}}
	for _, pair := range westOf {
		if tiles[pair[0]].Column >= tiles[pair[1]].Column {
			t.Errorf("%s's tile is not west of %s's", pair[0], pair[1])
		}
	}
	northOf := [][2]string{{"hampshire", "southampton"}, {"dorset", "poole"}, {"southampton", "isle-of-wight"}, {"portsmouth", "isle-of-wight"}}
	for _, pair := range northOf {
		if tiles[pair[0]].Row >= tiles[pair[1]].Row {
			t.Errorf("%s's tile is not north of %s's", pair[0], pair[1])
		}
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
		{
			name: "tile naming an unknown area",
			files: fstest.MapFS{
				"areas.csv": {Data: []byte("slug,name,kind,parent\nnorth,North,region,\n")},
				"tiles.csv": {Data: []byte("area,column,row\nnorth,0,0\nsouth,0,1\n")},
			},
			want: `tile 2 ("south"): unknown area`,
		},
		{
			name: "tile position that is not a number",
			files: fstest.MapFS{
				"areas.csv": {Data: []byte("slug,name,kind,parent\nnorth,North,region,\n")},
				"tiles.csv": {Data: []byte("area,column,row\nnorth,west,0\n")},
			},
			want: `tiles.csv: line 2: column "west" is not a whole number`,
		},
		{
			name: "tiles file without a row column",
			files: fstest.MapFS{
				"areas.csv": {Data: []byte("slug,name,kind,parent\nnorth,North,region,\n")},
				"tiles.csv": {Data: []byte("area,column\nnorth,0\n")},
			},
			want: `header lacks column "row"`,
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

// TestDistrictCodes checks the ONS codes of the seventeen districts against
// the register of local authority districts (E07 codes, as they stood in
// 2019), and that no two areas share a code.
func TestDistrictCodes(t *testing.T) {
	ds, err := seed.Parse(seeds.Wessex())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"basingstoke-and-deane": "E07000084", "east-hampshire": "E07000085", "eastleigh": "E07000086",
		"fareham": "E07000087", "gosport": "E07000088", "hart": "E07000089", "havant": "E07000090",
		"new-forest": "E07000091", "rushmoor": "E07000092", "test-valley": "E07000093", "winchester": "E07000094",
		"christchurch": "E07000048", "east-dorset": "E07000049", "north-dorset": "E07000050",
		"purbeck": "E07000051", "west-dorset": "E07000052", "weymouth-and-portland": "E07000053",
	}
	seen := map[string]string{}
	for _, a := range ds.Areas {
		if code, ok := want[a.Slug]; ok && a.Code != code {
			t.Errorf("%s has ONS code %q, want %s", a.Slug, a.Code, code)
		}
		if a.Kind == directory.KindDistrict && want[a.Slug] == "" {
			t.Errorf("district %s is not in the table of codes", a.Slug)
		}
		if a.Code == "" {
			continue
		}
		if other, dup := seen[a.Code]; dup {
			t.Errorf("%s and %s share the ONS code %s", other, a.Slug, a.Code)
		}
		seen[a.Code] = a.Slug
	}
}

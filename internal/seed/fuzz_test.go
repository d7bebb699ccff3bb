package seed

import (
	"testing"
	"testing/fstest"
)

// FuzzParse feeds arbitrary area, coverage and indicator files to the
// dataset reader: it must return a dataset or an error, never panic, and a
// dataset it returns must pass validation.
func FuzzParse(f *testing.F) {
	f.Add("slug,name,kind,parent\nnorth,North,region,\n", "service_type,area,rating,note,effective_from,source\n", "indicator,area,value,note\n")
	f.Add("slug,name,kind,parent\nnorth,North,region,\nsouth,South,county,north\n", "service_type,area,rating,note,effective_from,source\nx,north,red,,2019-07-01,r\n", "indicator,area,value,note\nrate,north,1e400,\n")
	f.Add("slug,name,kind,parent\n\"unterminated,North,region,\n", "", "indicator,area,value,note\nrate,north,NaN,\n")
	f.Add("slug\n", "service_type\n", "value\n")
	f.Fuzz(func(t *testing.T, areas, coverage, values string) {
		fsys := fstest.MapFS{
			"areas.csv":            {Data: []byte(areas)},
			"service_types.csv":    {Data: []byte("slug,name\nx,X\n")},
			"coverage.csv":         {Data: []byte(coverage)},
			"indicators.csv":       {Data: []byte("slug,name,period\nrate,Rate,2017\n")},
			"indicator_values.csv": {Data: []byte(values)},
		}
		ds, err := Parse(fsys)
		if err != nil {
			return
		}
		if err := ds.Validate(); err != nil {
			t.Errorf("Parse returned a dataset that fails validation: %v", err)
		}
	})
}

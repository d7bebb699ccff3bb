package server_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/csvdata"
	"github.com/wessex-network/directory/internal/directory"
)

func TestCSVDownloads(t *testing.T) {
	e := newStaffEnv(t)
	ctx := context.Background()
	services, err := e.db.Services(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	indicators, err := e.db.Indicators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	values := 0
	for _, ind := range indicators {
		values += len(ind.Values)
	}
	for path, want := range map[string]struct {
		header string
		rows   int
	}{
		"/services.csv":   {strings.Join(csvdata.ServiceColumns, ","), len(services)},
		"/indicators.csv": {"indicator,indicator_name,period,area,area_name,value,note,definition,source", values},
	} {
		r := e.get(t, e.client(t), path)
		if r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") ||
			!strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: %d %q", path, r.StatusCode, r.Header.Get("Content-Type"))
			continue
		}
		recs, err := csv.NewReader(strings.NewReader(r.Body)).ReadAll()
		if err != nil || strings.Join(recs[0], ",") != want.header || len(recs)-1 != want.rows {
			t.Errorf("%s: %v, %d rows, want %d", path, err, len(recs)-1, want.rows)
		}
	}
}

func TestStaffImportCSV(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	file := map[string][]byte{"new.csv": []byte("slug,name,summary,description,areas\nnew-group,New group,A new group.,A group for new parents.,hampshire\n")}

	dry := e.upload(t, c, "/staff/import/csv", map[string]string{"csv-mode": "dry-run"}, "file", file)
	if dry.StatusCode != 200 || !strings.Contains(dry.Body, "The import would add 1, change 0 and leave 0") {
		t.Fatalf("dry run: %d", dry.StatusCode)
	}
	if _, err := e.db.Service(context.Background(), "new-group"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Fatal("the dry run wrote")
	}
	real := e.upload(t, c, "/staff/import/csv", map[string]string{"csv-mode": "import"}, "file", file)
	if real.StatusCode != 200 || !strings.Contains(real.Body, "Imported: 1 added") {
		t.Fatalf("import: %d", real.StatusCode)
	}
	if s, err := e.db.Service(context.Background(), "new-group"); err != nil || s.Name != "New group" {
		t.Errorf("imported: %+v %v", s, err)
	}
	bad := e.upload(t, c, "/staff/import/csv", map[string]string{"csv-mode": "import"}, "file",
		map[string][]byte{"bad.csv": []byte("slug,nmae\nx,y\n")})
	if bad.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, "is not a column the directory knows") {
		t.Errorf("bad file: %d", bad.StatusCode)
	}
	none := e.upload(t, c, "/staff/import/csv", map[string]string{"csv-mode": "import"}, "file", nil)
	if none.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(none.Body, `href="#file"`) {
		t.Errorf("no file: %d", none.StatusCode)
	}
}

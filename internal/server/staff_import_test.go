package server_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/oruk/oruktest"
	"github.com/wessex-network/directory/internal/server"
)

// upload posts files as a multipart form from the same origin.
func (e *staffEnv) upload(t *testing.T, c *http.Client, path string, fields map[string]string, field string, files map[string][]byte) *response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, b := range files {
		fw, err := mw.CreateFormFile(field, name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(b)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return e.do(t, c, req)
}

func feedFiles(t *testing.T, name string) map[string][]byte {
	t.Helper()
	return oruktest.Files(t, name)
}

const sampleService = oruktest.ServiceFull

// The server checks feeds against the schemas it carries, with no setting.
func TestStaffImportAFeedWithADryRunFirst(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	ctx := context.Background()

	page := e.get(t, c, "/staff/import")
	if page.StatusCode != 200 || !strings.Contains(page.Body, `<label class="nhsuk-label" for="files">`) ||
		!strings.Contains(page.Body, `enctype="multipart/form-data"`) {
		t.Fatalf("import page: %d", page.StatusCode)
	}

	none := e.upload(t, c, "/staff/import/oruk", map[string]string{"mode": "import"}, "files", nil)
	if none.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(none.Body, "Choose the feed&#39;s JSON files") {
		t.Errorf("no files: %d", none.StatusCode)
	}

	dry := e.upload(t, c, "/staff/import/oruk", map[string]string{"mode": "dry-run"}, "files", feedFiles(t, "valid"))
	if dry.StatusCode != 200 || !strings.Contains(dry.Body, "Nothing was written. The import would add 4, change 0 and leave 0 as they are. 2 held for staff") {
		t.Fatalf("dry run: %d\n%s", dry.StatusCode, dry.Body)
	}
	if _, err := e.db.ServiceByUUID(ctx, sampleService); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Fatalf("the dry run wrote the service: %v", err)
	}

	real := e.upload(t, c, "/staff/import/oruk", map[string]string{"mode": "import"}, "files", feedFiles(t, "valid"))
	if real.StatusCode != 200 || !strings.Contains(real.Body, "Imported: 4 added, 0 changed, 0 left as they were. 2 held for staff") ||
		!strings.Contains(real.Body, `href="/staff/queue"`) {
		t.Fatalf("import: %d", real.StatusCode)
	}
	svc, err := e.db.ServiceByUUID(ctx, sampleService)
	if err != nil {
		t.Fatal(err)
	}
	history, err := e.db.History(ctx, directory.EntityService, svc.Slug)
	if err != nil || len(history) != 1 || history[0].UserName != "Ed Editor" || history[0].Action != "import" {
		t.Errorf("audit: %+v %v", history, err)
	}
}

func TestStaffImportRefusesTheInvalidFeed(t *testing.T) {
	e := newStaffEnv(t)
	c := e.login(t, "editor@example.org")
	before, err := e.db.RecentChanges(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	r := e.upload(t, c, "/staff/import/oruk", map[string]string{"mode": "import"}, "files", feedFiles(t, "invalid"))
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "The import was refused") ||
		!strings.Contains(r.Body, "/contents/0/email") || !strings.Contains(r.Body, "/openapi_url") ||
		!strings.Contains(r.Body, "the same id is listed twice") || !strings.Contains(r.Body, "the term is its own parent") {
		t.Fatalf("invalid feed: %d\n%s", r.StatusCode, r.Body)
	}
	after, err := e.db.RecentChanges(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Error("the refused feed wrote audit records")
	}
	if _, err := e.db.ServiceByUUID(context.Background(), sampleService); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("the refused feed wrote a service: %v", err)
	}
}

// WithORUKSchemas swaps in another copy of the schemas, such as a newer one;
// nil keeps the embedded copy.
func TestStaffImportUsesTheSchemasItIsGiven(t *testing.T) {
	stricter, err := oruk.NewSchemas(os.DirFS(oruktest.SchemaDir(t, oruktest.StricterServiceList)))
	if err != nil {
		t.Fatal(err)
	}
	e := newStaffEnv(t, server.WithORUKSchemas(stricter))
	c := e.login(t, "editor@example.org")
	r := e.upload(t, c, "/staff/import/oruk", map[string]string{"mode": "dry-run"}, "files", feedFiles(t, oruktest.Valid))
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, oruktest.StricterField) {
		t.Errorf("the stricter schemas were not used: %d", r.StatusCode)
	}

	e = newStaffEnv(t, server.WithORUKSchemas(nil))
	c = e.login(t, "editor@example.org")
	if r := e.upload(t, c, "/staff/import/oruk", map[string]string{"mode": "dry-run"}, "files", feedFiles(t, oruktest.Valid)); r.StatusCode != http.StatusOK {
		t.Errorf("with nil schemas: %d", r.StatusCode)
	}
}

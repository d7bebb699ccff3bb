package oruk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// ErrNoDocument is what a Source returns for a document it does not have.
var ErrNoDocument = errors.New("the feed has no such document")

// maxDocument caps one response of a feed, so a runaway feed cannot fill memory.
const maxDocument = 32 << 20

// Source answers the GET requests of an Open Referral UK API, by path below
// its base: "" for api_details, "services?page=2", "services/{id}".
type Source interface {
	Name() string
	Get(ctx context.Context, path string) ([]byte, error)
}

// OpenSource returns a live API for an http or https address, and otherwise
// a folder of saved responses.
func OpenSource(arg string) Source {
	if strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://") {
		return &APISource{Base: strings.TrimSuffix(arg, "/"), Client: &http.Client{Timeout: 30 * time.Second}}
	}
	return NewFolderSource(arg, os.DirFS(arg))
}

// APISource reads a live Open Referral UK API.
type APISource struct {
	Base     string
	Client   *http.Client
	MaxBytes int64 // the most one response may hold; zero means 32 MiB
}

// Name returns the API's base address.
func (a *APISource) Name() string { return a.Base }

// Get fetches one response; a 404 is ErrNoDocument.
func (a *APISource) Get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.Base+"/"+path, nil)
	if err != nil {
		return nil, fmt.Errorf("request %s: %w", path, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := a.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return nil, ErrNoDocument
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: status %d", path, resp.StatusCode)
	}
	limit := a.MaxBytes
	if limit <= 0 {
		limit = maxDocument
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("read %s: larger than %d bytes", path, limit)
	}
	return b, nil
}

// FolderSource reads saved responses, one JSON file per endpoint, named as
// the standard's sample feeds name them:
//
//	api_details.json                      GET /
//	service_list.json, service_list_2.json ...   GET /services?page=1, 2, ...
//	service_full.json or service.json      GET /services/{id}, when its id matches
//	organization_list.json ...            GET /organizations?page=N
//	organization_full.json or organization.json  GET /organizations/{id}
//	taxonomy_list.json, taxonomy_term_list.json, service_at_location_list.json
type FolderSource struct {
	name string
	read func(name string) ([]byte, error)
}

// NewFolderSource reads saved responses from a folder.
func NewFolderSource(name string, fsys fs.FS) *FolderSource {
	return &FolderSource{name: name, read: func(file string) ([]byte, error) {
		b, err := fs.ReadFile(fsys, file)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, ErrNoDocument
		}
		return b, err
	}}
}

// NewFilesSource reads saved responses from files already in memory, such as
// an upload, keyed by file name.
func NewFilesSource(name string, files map[string][]byte) *FolderSource {
	return &FolderSource{name: name, read: func(file string) ([]byte, error) {
		b, ok := files[file]
		if !ok {
			return nil, ErrNoDocument
		}
		return b, nil
	}}
}

// Name returns the folder's name.
func (f *FolderSource) Name() string { return f.name }

var singular = map[string]string{
	"services": "service", "organizations": "organization", "taxonomies": "taxonomy",
	"taxonomy_terms": "taxonomy_term", "service_at_locations": "service_at_location",
}

// Get maps an API path to its file.
func (f *FolderSource) Get(_ context.Context, path string) ([]byte, error) {
	resource, query, _ := strings.Cut(path, "?")
	if resource == "" {
		return f.read("api_details.json")
	}
	collection, id, one := strings.Cut(resource, "/")
	kind, ok := singular[collection]
	if !ok {
		return nil, ErrNoDocument
	}
	if !one {
		q, _ := url.ParseQuery(query)
		page := q.Get("page")
		if page == "" || page == "1" {
			return f.read(kind + "_list.json")
		}
		return f.read(kind + "_list_" + page + ".json")
	}
	for _, file := range []string{kind + "_full.json", kind + ".json"} {
		b, err := f.read(file)
		if errors.Is(err, ErrNoDocument) {
			continue
		}
		if err != nil {
			return nil, err
		}
		var rec struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(b, &rec) == nil && strings.EqualFold(rec.ID, id) {
			return b, nil
		}
	}
	return nil, ErrNoDocument
}

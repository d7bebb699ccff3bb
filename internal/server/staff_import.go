package server

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"path/filepath"

	"github.com/wessex-network/directory/internal/csvdata"
	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/web"
)

func (s *Server) importView(r *http.Request) web.ImportView {
	u, _ := currentUser(r.Context())
	return web.ImportView{User: u}
}

func (s *Server) importPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, web.StaffImport(s.importView(r)))
}

// importORUK imports, or with mode=dry-run checks, the uploaded files of a feed.
func (s *Server) importORUK(w http.ResponseWriter, r *http.Request) {
	v := s.importView(r)
	files, err := uploadedFiles(r, "files")
	if err != nil || len(files) == 0 {
		v.Errors.Add("files", "Choose the feed's JSON files")
		s.render(w, r, http.StatusUnprocessableEntity, web.StaffImport(v))
		return
	}
	dryRun := r.PostFormValue("mode") != "import"
	src := oruk.NewFilesSource(fmt.Sprintf("the %d uploaded files", len(files)), files)
	res, err := oruk.Import(r.Context(), s.db, src, s.orukSchemas, actor(r), dryRun, directory.StableUUID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Result = res
	status := http.StatusOK
	if !res.OK() {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, web.StaffImport(v))
}

// importCSV imports, or with mode=dry-run checks, an uploaded CSV of services.
func (s *Server) importCSV(w http.ResponseWriter, r *http.Request) {
	v := s.importView(r)
	files, err := uploadedFiles(r, "file")
	if err != nil || len(files) != 1 {
		v.Errors.Add("file", "Choose one CSV file of services")
		s.render(w, r, http.StatusUnprocessableEntity, web.StaffImport(v))
		return
	}
	for name, b := range files {
		res, err := csvdata.Import(r.Context(), s.db, bytes.NewReader(b), name, actor(r), r.PostFormValue("csv-mode") != "import")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Result = res
	}
	status := http.StatusOK
	if !v.Result.OK() {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, web.StaffImport(v))
}

// uploadedFiles reads the files of a multipart field, keyed by base name.
func uploadedFiles(r *http.Request, field string) (map[string][]byte, error) {
	if err := r.ParseMultipartForm(maxBodyBytes); err != nil {
		return nil, directory.Errorf(directory.EINVALID, "The upload could not be read.")
	}
	out := map[string][]byte{}
	for _, fh := range r.MultipartForm.File[field] {
		f, err := fh.Open()
		if err != nil {
			return nil, fmt.Errorf("open upload %s: %w", fh.Filename, err)
		}
		b, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read upload %s: %w", fh.Filename, err)
		}
		out[filepath.Base(fh.Filename)] = b
	}
	return out, nil
}

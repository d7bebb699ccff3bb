package server

import (
	"net/http"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// shortlist shows the services named in the link, to print or share. The
// shortlist lives only in the link, so viewing it changes nothing.
func (s *Server) shortlist(w http.ResponseWriter, r *http.Request) {
	q := parseFindQuery(r.URL.Query())
	v := web.ShortlistView{Query: q}
	for _, slug := range q.Shortlist {
		svc, err := s.db.Service(r.Context(), slug)
		if directory.ErrorCode(err) == directory.ENOTFOUND {
			v.Missing++
			continue
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Services = append(v.Services, svc)
	}
	v.ShareURL = s.baseURL + q.ShareURL()
	s.render(w, r, http.StatusOK, web.Shortlist(v))
}

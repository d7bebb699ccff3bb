package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/web"
)

func (s *Server) servicePage(w http.ResponseWriter, r *http.Request) {
	svc, err := s.db.Service(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	glossary, err := s.db.Glossary(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.ServicePage(web.ServiceView{Service: svc, Glossary: glossary}))
}

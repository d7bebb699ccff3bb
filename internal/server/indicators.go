package server

import (
	"net/http"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

func (s *Server) indicatorsPage(w http.ResponseWriter, r *http.Request) {
	indicators, err := s.db.Indicators(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	areas, err := s.db.Areas(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	comparators := map[string]bool{}
	for _, a := range areas {
		if a.Kind == directory.KindNation || a.Kind == directory.KindRegion {
			comparators[a.Slug] = true
		}
	}
	s.render(w, r, http.StatusOK, web.Indicators(web.IndicatorsView{Indicators: indicators, Comparators: comparators}))
}

func (s *Server) aboutPage(w http.ResponseWriter, r *http.Request) {
	glossary, err := s.db.Glossary(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	refs, err := s.db.References(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.About(web.AboutView{Glossary: glossary, References: refs}))
}

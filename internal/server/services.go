package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

func (s *Server) servicePage(w http.ResponseWriter, r *http.Request) {
	svc, err := s.db.Service(r.Context(), chi.URLParam(r, "id"))
	if err == nil {
		err = s.unlessHeld(r, svc)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	today := s.today()
	switch {
	case svc.Status == directory.StatusScheduled && !svc.DueToOpen(today):
		s.fail(w, r, directory.Errorf(directory.ENOTFOUND, "There is no service %q.", svc.Slug))
		return
	case svc.Status == directory.StatusEnded:
		s.render(w, r, http.StatusGone, web.ServiceEndedPage(web.ServiceEndedView{Service: svc}))
		return
	case svc.DueToOpen(today):
		// Its date to open has come; the job that opens it may not have
		// run yet.
		svc = directory.StatusChange{Status: directory.StatusActive}.Apply(svc, today)
	}
	glossary, err := s.db.Glossary(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.ServicePage(web.ServiceView{Service: svc, Glossary: glossary,
		Unchecked: svc.ReviewStage(today) == directory.ReviewUnchecked}))
}

// unlessHeld refuses, as not found, a service an import holds: it is on no
// public page or API until staff approve it.
func (s *Server) unlessHeld(r *http.Request, svc directory.Service) error {
	if svc.Status != directory.StatusArchived {
		return nil
	}
	held, err := s.db.IsHeld(r.Context(), svc.ID)
	if err != nil {
		return err
	}
	if held {
		return directory.Errorf(directory.ENOTFOUND, "There is no service %q.", svc.Slug)
	}
	return nil
}

package server

import (
	"net/http"

	"github.com/wessex-network/directory/web"
)

// serviceTypesPage lists the service types, and whether each is in the matrix.
func (s *Server) serviceTypesPage(w http.ResponseWriter, r *http.Request) {
	types, err := s.db.ServiceTypes(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	inMatrix, err := s.db.ServiceTypesInMatrix(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := currentUser(r.Context())
	s.render(w, r, http.StatusOK, web.ServiceTypesPage(web.ServiceTypesView{User: u, Types: types, InMatrix: inMatrix}))
}

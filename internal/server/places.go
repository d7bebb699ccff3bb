package server

import (
	"net/http"

	"github.com/wessex-network/directory/internal/place"
)

// maxPlaceSuggestions is how many places /places offers at most.
const maxPlaceSuggestions = 10

// places offers the places whose names begin with what has been typed, as
// JSON, for the search box's suggestions. It reads only q, and never logs it.
func (s *Server) places(w http.ResponseWriter, r *http.Request) {
	g, err := s.gazetteer(r.Context())
	if err != nil {
		s.writeJSONError(w, r, err)
		return
	}
	found := place.Suggest(g, r.URL.Query().Get("q"), maxPlaceSuggestions)
	if found == nil {
		found = []place.Suggestion{}
	}
	s.writeJSON(w, r, http.StatusOK, found)
}

package server

import (
	"context"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// coverageMap lays out one service type's ratings in the matrix on the map's
// tiles. An empty slug chooses the matrix's first service type; a matrix with
// no ratings has no map.
func (s *Server) coverageMap(ctx context.Context, id string, m *directory.Matrix, slug string) (*web.CoverageMap, error) {
	if len(m.ServiceTypes) == 0 {
		return nil, nil
	}
	t := m.ServiceTypes[0]
	if slug != "" {
		var ok bool
		if t, ok = m.ServiceType(slug); !ok {
			return nil, directory.Errorf(directory.EINVALID, "There is no rated service type called %q. Choose one from the list.", slug)
		}
	}
	tiles, err := s.db.Tiles(ctx)
	if err != nil {
		return nil, err
	}
	cm := web.NewCoverageMap(id, m, tiles, t)
	return &cm, nil
}

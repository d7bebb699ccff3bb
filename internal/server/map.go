package server

import (
	"context"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// coverageMap lays out one service type's ratings in the matrix on the map's
// tiles, one tile for each of the matrix's areas. An empty slug chooses the
// matrix's first service type; a matrix with no ratings has no map. When the
// matrix's cells carry only their ratings (directory.MatrixFilter.RatingsOnly),
// the service type's cells are read in full, since each tile names its
// cell's note.
func (s *Server) coverageMap(ctx context.Context, id string, m *directory.Matrix, slug string, ratingsOnly bool) (*web.CoverageMap, error) {
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
	if ratingsOnly {
		typed, err := s.db.MatrixOf(ctx, m.AsOf, directory.MatrixFilter{ServiceTypes: []string{t.Slug}})
		if err != nil {
			return nil, err
		}
		m = &directory.Matrix{AsOf: m.AsOf, Areas: m.Areas, ServiceTypes: m.ServiceTypes, Cells: typed.Cells}
	}
	tiles, err := s.db.Tiles(ctx)
	if err != nil {
		return nil, err
	}
	cm := web.NewCoverageMap(id, m, tiles, t)
	return &cm, nil
}

package server

import (
	"net/http"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// coverageChanges compares the matrix on two dates: ?from and ?to, each a
// date or a baseline's slug. From defaults to the first baseline, to to today.
func (s *Server) coverageChanges(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	baselines, err := s.db.Baselines(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.CoverageChangesView{Baselines: baselines}
	from, to := r.URL.Query().Get("from"), r.URL.Query().Get("to")
	if from == "" && len(baselines) > 0 {
		from = baselines[0].Slug
	}
	if to == "" {
		to = s.today()
	}
	v.From, v.FromName = resolveDate(from, baselines)
	v.To, v.ToName = resolveDate(to, baselines)
	for _, d := range []string{v.From, v.To} {
		if !directory.ValidDate(d) {
			s.fail(w, r, directory.Errorf(directory.EINVALID, "Give each date as YYYY-MM-DD, or pick a baseline."))
			return
		}
	}
	if v.From > v.To {
		s.fail(w, r, directory.Errorf(directory.EINVALID, "The first date must not be after the second."))
		return
	}
	before, err := s.db.Matrix(ctx, v.From)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	after, err := s.db.Matrix(ctx, v.To)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Deltas = directory.CompareMatrices(before, after)
	v.Counts = web.CountRatings(before, after)
	s.render(w, r, http.StatusOK, web.CoverageChanges(v))
}

// resolveDate turns a baseline's slug into its date and name; anything else
// is taken as a date, named only if a baseline falls on it.
func resolveDate(v string, baselines []directory.Baseline) (date, name string) {
	for _, b := range baselines {
		if v == b.Slug || v == b.AsOf {
			return b.AsOf, b.Name
		}
	}
	return v, ""
}

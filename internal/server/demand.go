package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"time"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// demandDays is the default period of the demand page: the last 90 full days.
const demandDays = 90

// demandPeriod reads ?from and ?to (YYYY-MM-DD). Both default to the last
// demandDays full days; today is left out, since its searches are still
// being counted. A period must run forwards, end by yesterday and span at
// most two years.
func (s *Server) demandPeriod(r *http.Request) (from, to string, err error) {
	today, _ := time.Parse(time.DateOnly, s.today())
	yesterday := today.AddDate(0, 0, -1)
	end, start := yesterday, yesterday.AddDate(0, 0, 1-demandDays)
	q := r.URL.Query()
	if v := q.Get("to"); v != "" {
		if end, err = time.Parse(time.DateOnly, v); err != nil {
			return "", "", directory.Errorf(directory.EINVALID, "Enter the end of the period as a date, such as %s.", yesterday.Format(time.DateOnly))
		}
		if q.Get("from") == "" {
			start = end.AddDate(0, 0, 1-demandDays)
		}
	}
	if v := q.Get("from"); v != "" {
		if start, err = time.Parse(time.DateOnly, v); err != nil {
			return "", "", directory.Errorf(directory.EINVALID, "Enter the start of the period as a date, such as %s.", start.Format(time.DateOnly))
		}
	}
	switch {
	case end.After(yesterday):
		return "", "", directory.Errorf(directory.EINVALID, "The period must end by yesterday, %s: today's searches are still being counted.", web.FormatDate(yesterday.Format(time.DateOnly)))
	case start.After(end):
		return "", "", directory.Errorf(directory.EINVALID, "The start of the period must come before its end.")
	case end.Sub(start) > 2*366*24*time.Hour:
		return "", "", directory.Errorf(directory.EINVALID, "Choose a period of at most two years.")
	}
	return start.Format(time.DateOnly), end.Format(time.DateOnly), nil
}

// demandSummary adds up the searches of a period, area by area in the
// matrix's order.
func (s *Server) demandSummary(ctx context.Context, from, to string) (directory.DemandSummary, error) {
	rows, err := s.db.Demand(ctx, from, to)
	if err != nil {
		return directory.DemandSummary{}, err
	}
	rated, err := s.db.RatedAreas(ctx, "")
	if err != nil {
		return directory.DemandSummary{}, err
	}
	all, err := s.db.Areas(ctx)
	if err != nil {
		return directory.DemandSummary{}, err
	}
	return directory.SummariseDemand(rows, from, to, rated, all, regionName(all)), nil
}

// regionName names the dataset's region, or says "the region" when it has
// none or several.
func regionName(areas []directory.Area) string {
	name := ""
	for _, a := range areas {
		if a.Kind == directory.KindRegion {
			if name != "" {
				return "the region"
			}
			name = a.Name
		}
	}
	if name == "" {
		return "the region"
	}
	return name
}

// demandPage shows where families searched, and where they found nothing,
// over a period.
func (s *Server) demandPage(w http.ResponseWriter, r *http.Request) {
	from, to, err := s.demandPeriod(r)
	if err != nil {
		s.render(w, r, http.StatusBadRequest, web.Demand(web.DemandView{Problem: directory.ErrorMessage(err),
			From: r.URL.Query().Get("from"), To: r.URL.Query().Get("to")}))
		return
	}
	sum, err := s.demandSummary(r.Context(), from, to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.Demand(web.DemandView{Summary: sum, From: from, To: to}))
}

// demandCSV is the period's searches by area: one row per area, with small
// counts suppressed as on the page.
func (s *Server) demandCSV(w http.ResponseWriter, r *http.Request) {
	from, to, err := s.demandPeriod(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sum, err := s.demandSummary(r.Context(), from, to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeCSV(w, r, "demand-"+from+"-to-"+to+".csv", func(b *bytes.Buffer) error {
		cw := csv.NewWriter(b)
		cw.Write([]string{"area", "area_name", "from", "to", "searches", "with_no_results"})
		for _, l := range sum.Areas {
			cw.Write([]string{l.Slug, l.Name, from, to, csvCount(l.Searches), csvCount(l.NoResults)})
		}
		cw.Flush()
		return cw.Error()
	})
}

// csvCount writes a count for the CSV: "<10" for one to nine, as the page
// says "fewer than 10".
func csvCount(n int) string {
	if _, suppressed := directory.SuppressedCount(n); suppressed {
		return "<10"
	}
	if n == 0 {
		return "0"
	}
	text, _ := directory.SuppressedCount(n)
	return text
}

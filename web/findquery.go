package web

import (
	"net/url"
	"slices"
	"strconv"

	"github.com/wessex-network/directory/internal/directory"
)

// MaxShortlist caps how many services a shortlist link carries.
const MaxShortlist = 20

// ResultsPerPage is how many services one page of results shows.
const ResultsPerPage = 20

// FindQuery is a family's search as it travels in a link: the place, the
// filters, and the shortlist they are building. Nothing is stored on the
// server; every page that needs it reads it from the query string, and every
// link that changes it is a new URL.
type FindQuery struct {
	Place        string               // q: a town, area or postcode, as typed
	Exact        bool                 // exact=1: take the place exactly as typed, correcting no spelling
	Area         string               // area: the area chosen when the place lies in more than one
	Stages       []directory.Stage    // stage
	Audiences    []directory.Audience // audience
	SelfReferral bool                 // access=self-referral: only services a family can ask for themselves
	Words        string               // words: matched against the services' text
	Shortlist    []string             // s: the slugs of shortlisted services, in the order they were added
	Page         int                  // page: which page of results, counted from 1; 0 also means the first
}

// values writes the search as query parameters. withPlace and withShortlist
// choose which parts to include.
func (q FindQuery) values(withPlace, withShortlist bool) url.Values {
	v := url.Values{}
	if withPlace && q.Place != "" {
		v.Set("q", q.Place)
	}
	if withPlace && q.Exact {
		v.Set("exact", "1")
	}
	if withPlace && q.Area != "" {
		v.Set("area", q.Area)
	}
	for _, st := range q.Stages {
		v.Add("stage", string(st))
	}
	for _, au := range q.Audiences {
		v.Add("audience", string(au))
	}
	if q.SelfReferral {
		v.Set("access", string(directory.AccessSelfReferral))
	}
	if q.Words != "" {
		v.Set("words", q.Words)
	}
	if withPlace && q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	if withShortlist {
		for _, s := range q.Shortlist {
			v.Add("s", s)
		}
	}
	return v
}

func withQuery(path string, v url.Values) string {
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// URL returns the link to this search's results.
func (q FindQuery) URL() string { return withQuery("/find", q.values(true, true)) }

// ShortlistURL returns the link to the shortlist page, carrying the search
// so that the page can lead back to it.
func (q FindQuery) ShortlistURL() string { return withQuery("/shortlist", q.values(true, true)) }

// ShareURL returns the path of a link to the shortlist alone, to share.
func (q FindQuery) ShareURL() string {
	v := url.Values{}
	for _, s := range q.Shortlist {
		v.Add("s", s)
	}
	return withQuery("/shortlist", v)
}

// InPlace returns the search moved to another place, keeping the filters and
// the shortlist, from the first page of results. The place is read as
// forgivingly as a typed one.
func (q FindQuery) InPlace(place, area string) FindQuery {
	q.Place, q.Area, q.Page, q.Exact = place, area, 0, false
	return q
}

// Exactly returns the search for exactly the place it names, with no
// spelling corrected, from the first page of results.
func (q FindQuery) Exactly() FindQuery {
	q.Area, q.Page, q.Exact = "", 0, true
	return q
}

// OnPage returns the search showing page n of its results.
func (q FindQuery) OnPage(n int) FindQuery {
	q.Page = max(n, 0)
	if q.Page == 1 {
		q.Page = 0
	}
	return q
}

// PageNumber is the page of results the search shows, counted from 1.
func (q FindQuery) PageNumber() int { return max(q.Page, 1) }

// WithoutFilters returns the search with its filters and words cleared.
func (q FindQuery) WithoutFilters() FindQuery {
	return FindQuery{Place: q.Place, Exact: q.Exact, Area: q.Area, Shortlist: q.Shortlist}
}

// Filtered reports whether any filter or words narrow the search.
func (q FindQuery) Filtered() bool {
	return len(q.Stages) > 0 || len(q.Audiences) > 0 || q.SelfReferral || q.Words != ""
}

// Shortlisted reports whether a service is on the shortlist.
func (q FindQuery) Shortlisted(slug string) bool { return slices.Contains(q.Shortlist, slug) }

// Adding returns the search with a service added to the shortlist.
func (q FindQuery) Adding(slug string) FindQuery {
	if q.Shortlisted(slug) || len(q.Shortlist) >= MaxShortlist {
		return q
	}
	q.Shortlist = append(slices.Clone(q.Shortlist), slug)
	return q
}

// Removing returns the search with a service taken off the shortlist.
func (q FindQuery) Removing(slug string) FindQuery {
	q.Shortlist = slices.DeleteFunc(slices.Clone(q.Shortlist), func(s string) bool { return s == slug })
	return q
}

// HasStage reports whether a stage filter is chosen, to tick its box.
func (q FindQuery) HasStage(s directory.Stage) bool { return slices.Contains(q.Stages, s) }

// HasAudience reports whether an audience filter is chosen, to tick its box.
func (q FindQuery) HasAudience(a directory.Audience) bool { return slices.Contains(q.Audiences, a) }

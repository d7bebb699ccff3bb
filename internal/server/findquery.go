package server

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/web"
)

// maxPage bounds the page a link may ask for, so a hand-edited number stays
// a small integer.
const maxPage = 100000

// parseFindQuery reads a family's search from a request's query parameters. Values outside the
// vocabularies, malformed slugs and shortlist entries beyond web.MaxShortlist
// are dropped, so a hand-edited link can do no more than a form can.
func parseFindQuery(v url.Values) web.FindQuery {
	q := web.FindQuery{
		Place: strings.TrimSpace(v.Get("q")),
		Words: strings.TrimSpace(v.Get("words")),
	}
	q.Exact = v.Get("exact") == "1"
	if a := v.Get("area"); directory.ValidSlug(a) {
		q.Area = a
	}
	for _, st := range directory.Stages {
		if slices.Contains(v["stage"], string(st)) {
			q.Stages = append(q.Stages, st)
		}
	}
	for _, au := range directory.Audiences {
		if slices.Contains(v["audience"], string(au)) {
			q.Audiences = append(q.Audiences, au)
		}
	}
	q.SelfReferral = v.Get("access") == string(directory.AccessSelfReferral)
	if n, err := strconv.Atoi(v.Get("page")); err == nil && n > 1 && n <= maxPage {
		q.Page = n
	}
	for _, s := range v["s"] {
		if directory.ValidSlug(s) && !slices.Contains(q.Shortlist, s) && len(q.Shortlist) < web.MaxShortlist {
			q.Shortlist = append(q.Shortlist, s)
		}
	}
	return q
}

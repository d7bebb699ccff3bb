package oruk

import (
	"net/url"
	"strconv"

	"github.com/wessex-network/directory/internal/directory"
)

// Paging limits: a client that asks for no size gets DefaultPerPage records a
// page, and none gets more than MaxPerPage.
const (
	DefaultPerPage = 50
	MaxPerPage     = 200
)

// Paging is the page a client asked for: Page counts from 1.
type Paging struct {
	Page    int
	PerPage int
}

// ParsePaging reads ?page and ?per_page. A value that is not a whole number of
// at least 1 is refused with an EINVALID error; per_page above MaxPerPage is
// lowered to it.
func ParsePaging(q url.Values) (Paging, error) {
	p := Paging{Page: 1, PerPage: DefaultPerPage}
	for _, f := range []struct {
		name string
		into *int
	}{{"page", &p.Page}, {"per_page", &p.PerPage}} {
		v := q.Get(f.name)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return p, directory.Errorf(directory.EINVALID, "The parameter %s must be a whole number of 1 or more.", f.name)
		}
		*f.into = n
	}
	if p.PerPage > MaxPerPage {
		p.PerPage = MaxPerPage
	}
	return p, nil
}

// Paginate cuts one page out of all the records. A page past the end is
// empty, and says so.
func Paginate[T any](all []T, p Paging) Page[T] {
	start := min(p.Offset(), len(all))
	end := min(start+p.PerPage, len(all))
	return PageOf(all[start:end], len(all), p)
}

// Offset is how many records come before the page.
func (p Paging) Offset() int { return (p.Page - 1) * p.PerPage }

// PageOf wraps one page of records, already cut out of total records, in the
// paging fields the standard's list responses carry.
func PageOf[T any](page []T, total int, p Paging) Page[T] {
	pages := (total + p.PerPage - 1) / p.PerPage
	if pages == 0 {
		pages = 1
	}
	contents := make([]T, 0, len(page))
	contents = append(contents, page...)
	return Page[T]{
		TotalItems: total,
		TotalPages: pages,
		PageNumber: p.Page,
		Size:       len(contents),
		FirstPage:  p.Page == 1,
		LastPage:   p.Page >= pages,
		Empty:      len(contents) == 0,
		Contents:   contents,
	}
}

package oruk_test

import (
	"net/url"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/oruk"
)

func TestParsePaging(t *testing.T) {
	cases := []struct {
		query   string
		want    oruk.Paging
		invalid bool
	}{
		{"", oruk.Paging{Page: 1, PerPage: oruk.DefaultPerPage}, false},
		{"page=3&per_page=7", oruk.Paging{Page: 3, PerPage: 7}, false},
		{"per_page=100000", oruk.Paging{Page: 1, PerPage: oruk.MaxPerPage}, false},
		{"page=0", oruk.Paging{}, true},
		{"per_page=-1", oruk.Paging{}, true},
		{"page=two", oruk.Paging{}, true},
	}
	for _, c := range cases {
		q, _ := url.ParseQuery(c.query)
		got, err := oruk.ParsePaging(q)
		if c.invalid {
			if directory.ErrorCode(err) != directory.EINVALID {
				t.Errorf("%q: %v, want EINVALID", c.query, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: %+v %v, want %+v", c.query, got, err, c.want)
		}
	}
}

func TestPaginate(t *testing.T) {
	all := []int{1, 2, 3, 4, 5}
	cases := []struct {
		page, per          int
		contents           []int
		pages              int
		first, last, empty bool
	}{
		{1, 2, []int{1, 2}, 3, true, false, false},
		{3, 2, []int{5}, 3, false, true, false},
		{4, 2, []int{}, 3, false, true, true},
		{1, 10, []int{1, 2, 3, 4, 5}, 1, true, true, false},
	}
	for _, c := range cases {
		p := oruk.Paginate(all, oruk.Paging{Page: c.page, PerPage: c.per})
		if p.TotalItems != 5 || p.TotalPages != c.pages || p.PageNumber != c.page || p.Size != len(c.contents) ||
			p.FirstPage != c.first || p.LastPage != c.last || p.Empty != c.empty || len(p.Contents) != len(c.contents) {
			t.Errorf("page %d of %d: %+v", c.page, c.per, p)
			continue
		}
		for i := range c.contents {
			if p.Contents[i] != c.contents[i] {
				t.Errorf("page %d of %d: %v", c.page, c.per, p.Contents)
			}
		}
	}
	if p := oruk.Paginate([]int(nil), oruk.Paging{Page: 1, PerPage: 5}); p.Contents == nil || !p.Empty || p.TotalPages != 1 {
		t.Errorf("no records: %+v", p)
	}
}

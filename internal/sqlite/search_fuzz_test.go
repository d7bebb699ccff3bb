package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite"
)

// FuzzSearchWords sends any text through the search query builder and the
// full-text index: the query is only quoted words, and the search never
// fails, whatever SQL or FTS5 syntax the text holds.
func FuzzSearchWords(f *testing.F) {
	db := MustSeededDB(f)
	for _, s := range []string{"sleep", "bonding dad", `"unbalanced`, "a OR b NOT c", "name:x", "x*", "'; DROP TABLE services;--", "(((", "NEAR(a b)", "\x00", "日本語", strings.Repeat("word ", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		q := sqlite.MatchQuery(text)
		for _, term := range strings.Fields(strings.NewReplacer("(", " ", ")", " ", " OR ", " ").Replace(q)) {
			if term == "OR" || term == "AND" {
				continue
			}
			if !strings.HasPrefix(term, `"`) || !strings.HasSuffix(term, `"`) {
				t.Fatalf("MatchQuery(%q) = %q: %q is not a quoted word", text, q, term)
			}
		}
		if _, err := db.SearchServices(context.Background(), directory.Search{Words: text}); err != nil {
			t.Errorf("search for %q failed: %v", text, err)
		}
	})
}

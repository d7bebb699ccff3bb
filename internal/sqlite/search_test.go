package sqlite_test

import (
	"context"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite"
)

func TestMatchQueryQuotesEveryWord(t *testing.T) {
	tests := []struct{ in, want string }{
		{"sleep", `"sleep"`},
		{"Sleep bonding", `"sleep" AND ("bonding" OR "bond" OR "attachment")`},
		{"dad", `("dad" OR "dads" OR "father" OR "fathers" OR "partner" OR "partners")`},
		{"infant", `("baby" OR "babies" OR "infant" OR "infants" OR "newborn")`},
		{`sleep" OR name:x*`, `"sleep" AND "or" AND "name" AND "x"`},
		{`'); DROP TABLE services; --`, `"drop" AND "table" AND "services"`},
		{"NEAR(a b) ^c -d", `"near" AND "a" AND "b" AND "c" AND "d"`},
		{"sleep sleep", `"sleep"`},
		{"  *** ", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := sqlite.MatchQuery(tt.in); got != tt.want {
			t.Errorf("MatchQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func BenchmarkSearchServices(b *testing.B) {
	db := MustSeededDB(b)
	ctx := context.Background()
	searches := map[string]directory.Search{
		"area":       {Areas: []string{"gosport", "hampshire", "wessex", "england"}},
		"area+words": {Areas: []string{"gosport", "hampshire", "wessex", "england"}, Words: "baby bonding"},
	}
	for name, s := range searches {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := db.SearchServices(ctx, s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

package csvdata_test

import (
	"context"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/csvdata"
	"github.com/wessex-network/directory/internal/directory"
)

// FuzzImport dry-runs any CSV text against the seeded directory: it must
// give a report, not panic, and write nothing; a file it refuses must say why.
func FuzzImport(f *testing.F) {
	db := seededDB(f)
	for _, s := range []string{
		"slug,name,summary,description,areas\nnew,New,A,B,hampshire\n",
		"name\nHome-Start\n",
		"slug,name,areas\nx,X,\"hampshire: Gosport only\nnowhere\"\n",
		"\ufeffslug,name,email\nhome-start,,=cmd|' /C calc'!A0\n",
		"slug,name,unknown_column\na,b,c\n",
		"\"unterminated\n",
		"",
	} {
		f.Add(s)
	}
	actor := directory.Actor{Name: "fuzz"}
	f.Fuzz(func(t *testing.T, file string) {
		before, _ := db.RecentChanges(context.Background(), 1)
		report, err := csvdata.Import(context.Background(), db, strings.NewReader(file), "fuzz.csv", actor, true)
		if err != nil {
			t.Fatalf("import returned an error instead of a report: %v", err)
		}
		if !report.OK() && len(report.Problems) == 0 {
			t.Errorf("a refused file has no problem listed")
		}
		after, _ := db.RecentChanges(context.Background(), 1)
		if len(after) != len(before) || (len(after) > 0 && after[0].ID != before[0].ID) {
			t.Fatal("a dry run wrote to the audit log")
		}
	})
}

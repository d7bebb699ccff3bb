package storetest

import (
	"context"
	"testing"
)

// TestCeremonialCounty checks that the dataset's ceremonial counties reach
// the store, and that loading the dataset again gives them to a database
// whose areas were loaded before the column existed.
func testCeremonialCounty(t *testing.T, open Opener) {
	ctx := context.Background()
	want := map[string]string{"bournemouth": "dorset", "poole": "dorset", "southampton": "hampshire",
		"portsmouth": "hampshire", "gosport": "", "hampshire": "", "isle-of-wight": ""}
	ds := dataset(t)
	db := open(t)
	// A database loaded from a dataset without the column, as every
	// database made before it was.
	old := dataset(t)
	for i := range old.Areas {
		old.Areas[i].CeremonialCounty = ""
	}
	if _, err := db.Load(ctx, old); err != nil {
		t.Fatal(err)
	}
	if a, err := db.Area(ctx, "bournemouth"); err != nil || a.CeremonialCounty != "" {
		t.Fatalf("before the reload Bournemouth's ceremonial county is %q (%v)", a.CeremonialCounty, err)
	}
	res, err := db.Load(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if res.Areas != 0 {
		t.Errorf("the reload added %d areas, want none", res.Areas)
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range areas {
		got[a.Slug] = a.CeremonialCounty
	}
	for slug, county := range want {
		if got[slug] != county {
			t.Errorf("%s: ceremonial county %q, want %q", slug, got[slug], county)
		}
	}
}

package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

// TestMatrixPicksLatestCellAsOf gives one cell a history whose ids do not
// follow its dates (a rating recorded later but backdated, and two ratings on
// the same day), adds a service type whose first rating comes later, and then
// checks the matrix on dates before, between and on those ratings: the chosen
// cell, and the whole matrix against one worked out here from every cell's
// history.
func testMatrixPicksLatestCellAsOf(t *testing.T, open Opener) {
	db := seeded(t, open)
	ctx := context.Background()
	staff := directory.Actor{Name: "Sam Staff"}

	rate := func(serviceType, area string, rating directory.Rating, note, effective string) directory.CoverageCell {
		t.Helper()
		history, err := db.CellHistory(ctx, serviceType, area)
		if err != nil {
			t.Fatal(err)
		}
		var basedOn int64
		if len(history) > 0 {
			basedOn = history[0].ID
		}
		c, err := db.RateCell(ctx, staff, directory.CellChange{ServiceType: serviceType, Area: area, Rating: rating,
			Note: note, Reason: "test", EffectiveFrom: effective, BasedOn: basedOn})
		if err != nil {
			t.Fatalf("rate %s in %s from %s: %v", serviceType, area, effective, err)
		}
		return c
	}
	first := rate("home-start", "poole", directory.Amber, "first change", "2022-01-01")
	rate("home-start", "poole", directory.Green, "same day, recorded first", "2024-06-01")
	sameDay := rate("home-start", "poole", directory.Red, "same day, recorded second", "2024-06-01")
	backdated := rate("home-start", "poole", directory.Amber, "recorded last, effective earliest", "2021-01-01")

	if _, err := db.CreateServiceType(ctx, staff, directory.ServiceType{Slug: "doula-support", Name: "Doula support"}); err != nil {
		t.Fatal(err)
	}
	rate("doula-support", "dorset", directory.Green, "new type, recorded first", "2023-03-01")
	newType := rate("doula-support", "dorset", directory.Amber, "new type, recorded second", "2023-03-01")

	seeded, err := db.Matrix(ctx, "2019-07-01")
	if err != nil {
		t.Fatal(err)
	}
	report, ok := seeded.Cell("home-start", "poole")
	if !ok {
		t.Fatal("the seeded matrix has no cell for home-start in poole")
	}

	for _, tt := range []struct {
		asOf        string
		want        int64 // the home-start/poole cell's id
		wantNewType int64 // the doula-support/dorset cell's id, 0 for none
		wantTypes   int   // rows of the matrix
	}{
		{asOf: "2019-06-30"}, // before any cell
		{asOf: "2019-07-01", want: report.ID, wantTypes: len(seeded.ServiceTypes)},
		{asOf: "2020-12-31", want: report.ID, wantTypes: len(seeded.ServiceTypes)},
		{asOf: "2021-01-01", want: backdated.ID, wantTypes: len(seeded.ServiceTypes)},
		{asOf: "2021-12-31", want: backdated.ID, wantTypes: len(seeded.ServiceTypes)},
		{asOf: "2022-01-01", want: first.ID, wantTypes: len(seeded.ServiceTypes)},
		{asOf: "2023-02-28", want: first.ID, wantTypes: len(seeded.ServiceTypes)},
		{asOf: "2023-03-01", want: first.ID, wantNewType: newType.ID, wantTypes: len(seeded.ServiceTypes) + 1},
		{asOf: "2024-05-31", want: first.ID, wantNewType: newType.ID, wantTypes: len(seeded.ServiceTypes) + 1},
		{asOf: "2024-06-01", want: sameDay.ID, wantNewType: newType.ID, wantTypes: len(seeded.ServiceTypes) + 1},
		{asOf: "2026-11-29", want: sameDay.ID, wantNewType: newType.ID, wantTypes: len(seeded.ServiceTypes) + 1},
	} {
		m, err := db.Matrix(ctx, tt.asOf)
		if err != nil {
			t.Fatal(err)
		}
		if c, _ := m.Cell("home-start", "poole"); c.ID != tt.want {
			t.Errorf("as of %s: home-start in poole is cell %d (%s, %q), want %d", tt.asOf, c.ID, c.Rating, c.Note, tt.want)
		}
		if c, _ := m.Cell("doula-support", "dorset"); c.ID != tt.wantNewType {
			t.Errorf("as of %s: doula-support in dorset is cell %d (%s, %q), want %d", tt.asOf, c.ID, c.Rating, c.Note, tt.wantNewType)
		}
		if len(m.ServiceTypes) != tt.wantTypes {
			t.Errorf("as of %s: %d service types, want %d", tt.asOf, len(m.ServiceTypes), tt.wantTypes)
		}
		want := matrixFromHistory(t, db, tt.asOf)
		if diff := matrixDiff(m, want); diff != "" {
			t.Errorf("as of %s: the matrix differs from the one worked out from every cell's history: %s", tt.asOf, diff)
		}
		rated, err := db.RatedAreas(ctx, tt.asOf)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(rated, want.Areas) {
			t.Errorf("as of %s: rated areas %v, want the matrix's %v", tt.asOf, rated, want.Areas)
		}
		// The ratings alone are read another way, and must pick the same cells.
		ratings, err := db.MatrixOf(ctx, tt.asOf, directory.MatrixFilter{RatingsOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range want.Cells {
			want.Cells[i] = directory.CoverageCell{ID: c.ID, ServiceType: c.ServiceType, Area: c.Area, Rating: c.Rating}
		}
		if diff := matrixDiff(ratings, want); diff != "" {
			t.Errorf("as of %s: the ratings differ from those worked out from every cell's history: %s", tt.asOf, diff)
		}
	}
}

// matrixFromHistory works out the matrix on asOf the slow way, from every
// cell's full history: for each service type and area, in their listed order,
// the cell with the latest effective date not after asOf, and of those the
// last recorded (the highest id).
func matrixFromHistory(t *testing.T, db directory.Store, asOf string) *directory.Matrix {
	t.Helper()
	ctx := context.Background()
	types, err := db.ServiceTypes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := &directory.Matrix{AsOf: asOf}
	usedAreas := map[string]bool{}
	for _, st := range types {
		used := false
		for _, a := range areas {
			history, err := db.CellHistory(ctx, st.Slug, a.Slug)
			if err != nil {
				t.Fatal(err)
			}
			var latest *directory.CoverageCell
			for i, c := range history {
				if c.EffectiveFrom > asOf {
					continue
				}
				if latest == nil || c.EffectiveFrom > latest.EffectiveFrom ||
					(c.EffectiveFrom == latest.EffectiveFrom && c.ID > latest.ID) {
					latest = &history[i]
				}
			}
			if latest != nil {
				m.Cells = append(m.Cells, *latest)
				used, usedAreas[a.Slug] = true, true
			}
		}
		if used {
			m.ServiceTypes = append(m.ServiceTypes, st)
		}
	}
	for _, a := range areas {
		if usedAreas[a.Slug] {
			m.Areas = append(m.Areas, a)
		}
	}
	return m
}

// matrixDiff describes the first difference between two matrices, or returns
// "" when they are the same in every field and in order.
func matrixDiff(got, want *directory.Matrix) string {
	if reflect.DeepEqual(got, want) {
		return ""
	}
	switch {
	case got.AsOf != want.AsOf:
		return fmt.Sprintf("as of %q, want %q", got.AsOf, want.AsOf)
	case !reflect.DeepEqual(got.ServiceTypes, want.ServiceTypes):
		return fmt.Sprintf("service types\n got %+v\nwant %+v", got.ServiceTypes, want.ServiceTypes)
	case !reflect.DeepEqual(got.Areas, want.Areas):
		return fmt.Sprintf("areas\n got %+v\nwant %+v", got.Areas, want.Areas)
	}
	for i := range min(len(got.Cells), len(want.Cells)) {
		if got.Cells[i] != want.Cells[i] {
			return fmt.Sprintf("cell %d of %d\n got %+v\nwant %+v", i+1, len(want.Cells), got.Cells[i], want.Cells[i])
		}
	}
	return fmt.Sprintf("%d cells, want %d", len(got.Cells), len(want.Cells))
}

// TestMatrixOfIsPartOfTheMatrix checks that MatrixOf returns, for each
// filter and date, exactly the part of Matrix that the filter picks: its
// cells, and as rows and columns those of its service types and areas that
// have one; and with RatingsOnly, the same cells with only their ratings.
func testMatrixOfIsPartOfTheMatrix(t *testing.T, open Opener) {
	db := seeded(t, open)
	ctx := context.Background()
	staff := directory.Actor{Name: "Sam Staff"}
	for _, c := range []directory.CellChange{
		{ServiceType: "home-start", Area: "poole", Rating: directory.Amber, Note: "later", EffectiveFrom: "2022-01-01"},
		{ServiceType: "family-nurse-partnership", Area: "dorset", Rating: directory.Green, Note: "later", EffectiveFrom: "2023-05-01"},
	} {
		history, err := db.CellHistory(ctx, c.ServiceType, c.Area)
		if err != nil {
			t.Fatal(err)
		}
		c.Reason, c.BasedOn = "test", history[0].ID
		if _, err := db.RateCell(ctx, staff, c); err != nil {
			t.Fatal(err)
		}
	}
	filters := []directory.MatrixFilter{
		{},
		{Areas: []string{"poole"}},
		{Areas: []string{"dorset", "hampshire", "no-such-area"}},
		{Areas: []string{"wessex"}}, // an area with no cell of its own
		{ServiceTypes: []string{"home-start"}},
		{ServiceTypes: []string{"home-start", "family-nurse-partnership"}, Areas: []string{"poole", "dorset"}},
	}
	for _, asOf := range []string{"2018-01-01", "2019-07-01", "2022-01-01", "2024-01-01"} {
		whole, err := db.Matrix(ctx, asOf)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range filters {
			want := partOf(whole, f)
			got, err := db.MatrixOf(ctx, asOf, f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := matrixDiff(got, want); diff != "" {
				t.Errorf("as of %s, %+v: %s", asOf, f, diff)
			}
			f.RatingsOnly = true
			for i, c := range want.Cells {
				want.Cells[i] = directory.CoverageCell{ID: c.ID, ServiceType: c.ServiceType, Area: c.Area, Rating: c.Rating}
			}
			if got, err = db.MatrixOf(ctx, asOf, f); err != nil {
				t.Fatal(err)
			}
			if diff := matrixDiff(got, want); diff != "" {
				t.Errorf("as of %s, %+v: %s", asOf, f, diff)
			}
		}
	}
}

// partOf cuts the part a filter picks out of a whole matrix.
func partOf(whole *directory.Matrix, f directory.MatrixFilter) *directory.Matrix {
	picks := func(list []string, slug string) bool { return len(list) == 0 || slices.Contains(list, slug) }
	m := &directory.Matrix{AsOf: whole.AsOf}
	types, areas := map[string]bool{}, map[string]bool{}
	for _, c := range whole.Cells {
		if picks(f.Areas, c.Area) && picks(f.ServiceTypes, c.ServiceType) {
			m.Cells = append(m.Cells, c)
			types[c.ServiceType], areas[c.Area] = true, true
		}
	}
	for _, st := range whole.ServiceTypes {
		if types[st.Slug] {
			m.ServiceTypes = append(m.ServiceTypes, st)
		}
	}
	for _, a := range whole.Areas {
		if areas[a.Slug] {
			m.Areas = append(m.Areas, a)
		}
	}
	return m
}

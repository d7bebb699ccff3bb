package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

var admin = directory.Actor{Name: "Ada Admin"}

func testCreateServiceTypeGoesLastAndIsAudited(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	before, err := db.ServiceTypes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	created, err := db.CreateServiceType(ctx, admin, directory.ServiceType{Slug: "doula-support", Name: " Doula support ", Description: "Birth companions."})
	if err != nil {
		t.Fatal(err)
	}
	if created.Name != "Doula support" || created.Version != 1 || created.Position <= before[len(before)-1].Position {
		t.Errorf("created %+v; want the trimmed name, version 1 and a position after %d", created, before[len(before)-1].Position)
	}
	after, _ := db.ServiceTypes(ctx)
	if last := after[len(after)-1]; last.Slug != "doula-support" {
		t.Errorf("last service type is %q, want the new one", last.Slug)
	}
	history, err := db.History(ctx, directory.EntityServiceType, "doula-support")
	if err != nil || len(history) != 1 || history[0].Action != "create" || history[0].Before != "" || !strings.Contains(history[0].After, "Doula support") {
		t.Fatalf("history %+v, %v", history, err)
	}

	_, err = db.CreateServiceType(ctx, admin, directory.ServiceType{Slug: "doula-support", Name: "Again"})
	var v *directory.ValidationError
	if !errors.As(err, &v) || v.Fields.For("slug") == "" {
		t.Errorf("a taken slug gave %v, want a slug field error", err)
	}
	_, err = db.CreateServiceType(ctx, admin, directory.ServiceType{Slug: "Not A Slug", Name: ""})
	if !errors.As(err, &v) || v.Fields.For("slug") == "" || v.Fields.For("name") == "" {
		t.Errorf("bad slug and empty name gave %v", err)
	}
	if n, _ := db.ServiceTypes(ctx); len(n) != len(after) {
		t.Errorf("refused creations wrote %d service types", len(n)-len(after))
	}
}

func testUpdateServiceTypeRefusesAStaleVersion(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	start, err := db.ServiceType(ctx, "home-start")
	if err != nil {
		t.Fatal(err)
	}
	first := start
	first.Name = "Home-Start (first)"
	saved, err := db.UpdateServiceType(ctx, admin, first)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Version != start.Version+1 || saved.Name != first.Name {
		t.Errorf("saved %+v", saved)
	}
	second := start
	second.Name = "Home-Start (second)"
	_, err = db.UpdateServiceType(ctx, directory.Actor{Name: "Bo Admin"}, second)
	var c *directory.ConflictError
	if !errors.As(err, &c) {
		t.Fatalf("a stale edit gave %v, want a conflict", err)
	}
	if cur, ok := c.Current.(directory.ServiceType); !ok || cur.Name != first.Name {
		t.Errorf("the conflict carries %+v, want the stored record", c.Current)
	}
	stored, _ := db.ServiceType(ctx, "home-start")
	if stored.Name != first.Name || stored.Version != saved.Version {
		t.Errorf("stored %+v after the refused edit", stored)
	}
	history, _ := db.History(ctx, directory.EntityServiceType, "home-start")
	if len(history) != 1 {
		t.Fatalf("%d audit records, want 1 (the refused edit writes none)", len(history))
	}
	var b, a directory.ServiceType
	if err := json.Unmarshal([]byte(history[0].Before), &b); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(history[0].After), &a); err != nil {
		t.Fatal(err)
	}
	if b.Name != start.Name || a.Name != first.Name || history[0].UserName != admin.Name {
		t.Errorf("audit before %q after %q by %q", b.Name, a.Name, history[0].UserName)
	}
}

func testCreateAndUpdateArea(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	created, err := db.CreateArea(ctx, admin, directory.Area{Slug: "test-district", Name: "Test District", Kind: directory.KindDistrict,
		ParentSlug: "hampshire", Code: "e07000088", ValidFrom: "1974-04-01"})
	if err != nil {
		t.Fatal(err)
	}
	if created.Code != "E07000088" || created.ParentSlug != "hampshire" || created.Version != 1 {
		t.Errorf("created %+v", created)
	}
	next := created
	next.Name, next.Note = "Borough of Test District", "A district of Hampshire."
	saved, err := db.UpdateArea(ctx, admin, next)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Name != next.Name || saved.Version != 2 {
		t.Errorf("saved %+v", saved)
	}
	if _, err := db.UpdateArea(ctx, admin, next); directory.ErrorCode(err) != directory.ECONFLICT {
		t.Errorf("a second save from version 1 gave %v, want a conflict", err)
	}
	history, _ := db.History(ctx, directory.EntityArea, "test-district")
	if len(history) != 2 || history[0].Action != "update" || history[1].Action != "create" ||
		!strings.Contains(history[0].Before, `"Name":"Test District"`) || !strings.Contains(history[0].After, "Borough of Test District") {
		t.Errorf("history %+v", history)
	}
}

func testAreaValidation(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	wessex, err := db.Area(ctx, "wessex")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		edit  func(a *directory.Area)
		field string
	}{
		{"own parent", func(a *directory.Area) { a.ParentSlug = "wessex" }, "parent"},
		{"a child as parent", func(a *directory.Area) { a.ParentSlug = "hampshire" }, "parent"},
		{"unknown parent", func(a *directory.Area) { a.ParentSlug = "atlantis" }, "parent"},
		{"bad ONS code", func(a *directory.Area) { a.Code = "E0600004" }, "ons_code"},
		{"unknown kind", func(a *directory.Area) { a.Kind = "galaxy" }, "kind"},
		{"not a real date", func(a *directory.Area) { a.ValidFrom = "2019-02-30" }, "valid_from"},
		{"from after to", func(a *directory.Area) { a.ValidFrom, a.ValidTo = "2020-01-01", "2019-01-01" }, "valid_to"},
		{"no name", func(a *directory.Area) { a.Name = " " }, "name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := wessex
			tt.edit(&a)
			_, err := db.UpdateArea(ctx, admin, a)
			var v *directory.ValidationError
			if !errors.As(err, &v) || v.Fields.For(tt.field) == "" {
				t.Fatalf("got %v, want a %s field error", err, tt.field)
			}
			stored, _ := db.Area(ctx, "wessex")
			if !reflect.DeepEqual(stored, wessex) {
				t.Errorf("a refused edit changed the area: %+v", stored)
			}
		})
	}
	if h, _ := db.History(ctx, directory.EntityArea, "wessex"); len(h) != 0 {
		t.Errorf("refused edits wrote %d audit records", len(h))
	}
}

func testConcurrentServiceTypeEditsFromOneVersion(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	start, err := db.ServiceType(ctx, "home-start")
	if err != nil {
		t.Fatal(err)
	}
	const editors = 8
	errs := make(chan error, editors)
	for i := range editors {
		go func() {
			edit := start
			edit.Name = fmt.Sprintf("Home-Start %d", i)
			_, err := db.UpdateServiceType(ctx, directory.Actor{Name: fmt.Sprintf("Admin %d", i)}, edit)
			errs <- err
		}()
	}
	saved, conflicts := 0, 0
	for range editors {
		switch err := <-errs; directory.ErrorCode(err) {
		case "":
			saved++
		case directory.ECONFLICT:
			conflicts++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if saved != 1 || conflicts != editors-1 {
		t.Errorf("%d saved and %d refused, want exactly one saved", saved, conflicts)
	}
	stored, _ := db.ServiceType(ctx, "home-start")
	history, _ := db.History(ctx, directory.EntityServiceType, "home-start")
	if stored.Version != start.Version+1 || len(history) != 1 || !strings.Contains(history[0].After, stored.Name) {
		t.Errorf("stored %+v with %d audit records", stored, len(history))
	}
}

func testRestoreServiceType(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	start, err := db.ServiceType(ctx, "home-start")
	if err != nil {
		t.Fatal(err)
	}
	first := start
	first.Name, first.Description = "Home-Start volunteers", "Volunteers who visit families."
	first, err = db.UpdateServiceType(ctx, admin, first)
	if err != nil {
		t.Fatal(err)
	}
	second := first
	second.Name = "Home-Start family support"
	second, err = db.UpdateServiceType(ctx, admin, second)
	if err != nil {
		t.Fatal(err)
	}
	history, _ := db.History(ctx, directory.EntityServiceType, "home-start")
	if len(history) != 2 {
		t.Fatalf("%d audit records, want 2", len(history))
	}

	// A stale version is refused, and writes nothing.
	_, err = db.RestoreServiceType(ctx, directory.Actor{Name: "Bo Admin"}, "home-start", first.Version, history[1].ID, false)
	var c *directory.ConflictError
	if !errors.As(err, &c) {
		t.Fatalf("a stale restore gave %v, want a conflict", err)
	}

	restored, err := db.RestoreServiceType(ctx, directory.Actor{Name: "Bo Admin"}, "home-start", second.Version, history[1].ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if restored.Name != first.Name || restored.Description != first.Description || restored.Version != second.Version+1 ||
		restored.Slug != start.Slug || restored.Position != start.Position || restored.ID != start.ID {
		t.Errorf("restored %+v, want the first edit's name and description at version %d", restored, second.Version+1)
	}
	history, _ = db.History(ctx, directory.EntityServiceType, "home-start")
	if len(history) != 3 || history[0].Action != "restore" || history[0].UserName != "Bo Admin" ||
		!strings.HasPrefix(history[0].Reason, "Restored the version from after the change made on ") ||
		!strings.Contains(history[0].Before, second.Name) || !strings.Contains(history[0].After, first.Name) {
		t.Errorf("the restore's audit record %+v", history[0])
	}

	// The version before the first edit is the one the report loaded.
	original, err := db.RestoreServiceType(ctx, admin, "home-start", restored.Version, history[2].ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if original.Name != start.Name || original.Description != start.Description {
		t.Errorf("restored %+v, want the original %+v", original, start)
	}

	// A change to another record, or a side it does not hold, is refused.
	other, err := db.CreateServiceType(ctx, admin, directory.ServiceType{Slug: "doula-support", Name: "Doula support"})
	if err != nil {
		t.Fatal(err)
	}
	created, _ := db.History(ctx, directory.EntityServiceType, "doula-support")
	for _, tt := range []struct {
		name   string
		slug   string
		change int64
		before bool
		code   string
	}{
		{"another service type's change", "home-start", created[0].ID, false, directory.EINVALID},
		{"before a creation", "doula-support", created[0].ID, true, directory.EINVALID},
		{"no such change", "home-start", 999999, false, directory.ENOTFOUND},
	} {
		version := original.Version
		if tt.slug == other.Slug {
			version = other.Version
		}
		if _, err := db.RestoreServiceType(ctx, admin, tt.slug, version, tt.change, tt.before); directory.ErrorCode(err) != tt.code {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
		}
	}
	if h, _ := db.History(ctx, directory.EntityServiceType, "home-start"); len(h) != 4 {
		t.Errorf("%d audit records for home-start, want 4: refused restores write none", len(h))
	}
}

func testRestoreArea(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	start, err := db.Area(ctx, "hampshire")
	if err != nil {
		t.Fatal(err)
	}
	edit := start
	edit.Name, edit.ParentSlug, edit.Note = "Hampshire County", "", "Moved to the top for a test."
	edited, err := db.UpdateArea(ctx, admin, edit)
	if err != nil {
		t.Fatal(err)
	}
	history, _ := db.History(ctx, directory.EntityArea, "hampshire")
	if _, err := db.RestoreArea(ctx, admin, "hampshire", start.Version, history[0].ID, true); directory.ErrorCode(err) != directory.ECONFLICT {
		t.Errorf("a stale restore gave %v, want a conflict", err)
	}
	restored, err := db.RestoreArea(ctx, admin, "hampshire", edited.Version, history[0].ID, true)
	if err != nil {
		t.Fatal(err)
	}
	want := start
	want.Version = edited.Version + 1
	if !reflect.DeepEqual(restored, want) {
		t.Errorf("restored %+v, want the first version %+v", restored, want)
	}
	history, _ = db.History(ctx, directory.EntityArea, "hampshire")
	if len(history) != 2 || history[0].Action != "restore" || !strings.HasPrefix(history[0].Reason, "Restored the version from before the change") {
		t.Errorf("the restore's audit record %+v", history[0])
	}

	// Restoring a parent that has since come inside the area would make a
	// loop: it is refused, as the edit form refuses it, and writes nothing.
	a, err := db.CreateArea(ctx, admin, directory.Area{Slug: "test-a", Name: "Test A", Kind: directory.KindDistrict, ParentSlug: "hampshire"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.CreateArea(ctx, admin, directory.Area{Slug: "test-b", Name: "Test B", Kind: directory.KindDistrict, ParentSlug: "hampshire"})
	if err != nil {
		t.Fatal(err)
	}
	a.ParentSlug = "test-b"
	if a, err = db.UpdateArea(ctx, admin, a); err != nil {
		t.Fatal(err)
	}
	insideB, _ := db.History(ctx, directory.EntityArea, "test-a")
	a.ParentSlug = "hampshire"
	if a, err = db.UpdateArea(ctx, admin, a); err != nil {
		t.Fatal(err)
	}
	b.ParentSlug = "test-a"
	if _, err = db.UpdateArea(ctx, admin, b); err != nil {
		t.Fatal(err)
	}
	_, err = db.RestoreArea(ctx, admin, "test-a", a.Version, insideB[0].ID, false)
	var v *directory.ValidationError
	if !errors.As(err, &v) || v.Fields.For("parent") == "" {
		t.Errorf("restoring a parent inside the area gave %v, want a parent field error", err)
	}
	if stored, _ := db.Area(ctx, "test-a"); !reflect.DeepEqual(stored, a) {
		t.Errorf("the refused restore changed the area: %+v", stored)
	}
	if h, _ := db.History(ctx, directory.EntityArea, "test-a"); len(h) != 3 {
		t.Errorf("%d audit records, want 3: the refused restore writes none", len(h))
	}
	if _, err := db.RestoreArea(ctx, admin, "test-b", a.Version, insideB[0].ID, false); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("restoring another area's version gave %v, want it refused", err)
	}
}

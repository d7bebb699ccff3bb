package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

// testConcurrentCreatesOfOneSlugAddOneService has ten editors add a service
// under the same web address name at once: exactly one is added, and the
// others are told the name is taken, as a form error and not a failure,
// however the engine lets its writers run side by side.
func testConcurrentCreatesOfOneSlugAddOneService(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	const editors = 10
	errs := make(chan error, editors)
	for i := range editors {
		go func() {
			_, err := db.CreateService(ctx, directory.Actor{Name: fmt.Sprintf("Editor %d", i)}, directory.Service{
				Slug: "pop-up-baby-group", Name: fmt.Sprintf("Pop-up baby group %d", i), Summary: "A weekly drop-in.",
				Description: "Play and a chat for parents and babies.", Source: "test",
				Areas: []directory.ServiceArea{{Area: "southampton"}},
			}, "New service")
			errs <- err
		}()
	}
	added, taken := 0, 0
	for range editors {
		err := <-errs
		var v *directory.ValidationError
		switch {
		case err == nil:
			added++
		case errors.As(err, &v) && len(v.Fields) == 1 && v.Fields[0].Field == "slug":
			taken++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if added != 1 || taken != editors-1 {
		t.Errorf("%d added and %d told the name is taken, want exactly one added", added, taken)
	}
	if history, err := db.History(ctx, directory.EntityService, "pop-up-baby-group"); err != nil || len(history) != 1 {
		t.Errorf("%d audit records (%v), want the one creation", len(history), err)
	}
}

// testConcurrentImportsAndEditsOfOneService runs five imports of the same
// batch (a new service and a change to an existing one) beside five staff
// edits of that existing service from one version. Nothing fails but the
// edits that find the version moved on: the new service is added once, the
// change is imported once, at most one edit lands, and neither imports nor
// edits wait on each other for ever.
func testConcurrentImportsAndEditsOfOneService(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	start, err := db.Service(ctx, "roberts-centre")
	if err != nil {
		t.Fatal(err)
	}
	batch := directory.ImportBatch{Source: "test feed", Services: []directory.Service{
		{UUID: "7d0c5a64-4c2f-4b8e-9a51-3f1f0e6b2c11", Slug: "pop-up-baby-group", Name: "Pop-up baby group",
			Summary: "A weekly drop-in.", Description: "Play and a chat for parents and babies.", Source: "test feed",
			Areas: []directory.ServiceArea{{Area: "southampton"}}},
		{UUID: start.UUID, Slug: start.Slug, Name: start.Name, Description: "A description the feed changed"},
	}}
	const each = 5
	var wg sync.WaitGroup
	importErrs := make(chan error, each)
	editErrs := make(chan error, each)
	for i := range each {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, err := db.Import(ctx, directory.Actor{Name: "feed"}, batch, false)
			importErrs <- err
		}()
		go func() {
			defer wg.Done()
			edit := start
			edit.Contact.Phone = fmt.Sprintf("023 9200 %04d", i)
			_, err := db.UpdateService(ctx, directory.Actor{Name: fmt.Sprintf("Editor %d", i)}, edit, "Checked by phone")
			editErrs <- err
		}()
	}
	wg.Wait()
	close(importErrs)
	close(editErrs)
	for err := range importErrs {
		if err != nil {
			t.Errorf("import: %v", err)
		}
	}
	saved := 0
	for err := range editErrs {
		switch directory.ErrorCode(err) {
		case "":
			saved++
		case directory.ECONFLICT:
		default:
			t.Errorf("edit: %v", err)
		}
	}
	if saved > 1 {
		t.Errorf("%d edits from one version saved, want at most one", saved)
	}
	history, err := db.History(ctx, directory.EntityService, "roberts-centre")
	if err != nil {
		t.Fatal(err)
	}
	imports, updates := 0, 0
	for _, e := range history {
		switch e.Action {
		case "import":
			imports++
		case "update":
			updates++
		}
	}
	if imports != 1 || updates != saved || len(history) != imports+updates {
		t.Errorf("roberts-centre's history holds %d imports and %d updates of %d records, want one import and the %d saved edits",
			imports, updates, len(history), saved)
	}
	stored, err := db.Service(ctx, "roberts-centre")
	if err != nil || stored.Description != "A description the feed changed" || stored.Version != start.Version+1+saved {
		t.Errorf("roberts-centre stored at version %d with %q (%v), want version %d with the feed's description",
			stored.Version, stored.Description, err, start.Version+1+saved)
	}
	if history, err := db.History(ctx, directory.EntityService, "pop-up-baby-group"); err != nil || len(history) != 1 {
		t.Errorf("the new service has %d audit records (%v), want the one import", len(history), err)
	}
}

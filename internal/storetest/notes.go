package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

func testServiceNotesAreKeptNewestFirstAndAudited(t *testing.T, open Opener) {
	ctx := context.Background()
	db := seeded(t, open)
	sam := directory.Actor{Name: "Sam Staff"}

	if _, err := db.AddServiceNote(ctx, sam, "roberts-centre", "  "); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("an empty note: %v, want EINVALID", err)
	}
	if _, err := db.AddServiceNote(ctx, sam, "roberts-centre", strings.Repeat("n", directory.MaxNoteLength+1)); directory.ErrorCode(err) != directory.EINVALID {
		t.Errorf("an over-long note: %v, want EINVALID", err)
	}
	if _, err := db.AddServiceNote(ctx, sam, "no-such-service", "Hello"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("a note on no service: %v, want ENOTFOUND", err)
	}
	if notes, _ := db.ServiceNotes(ctx, "roberts-centre"); len(notes) != 0 {
		t.Fatalf("refused notes were kept: %+v", notes)
	}
	service, err := db.Service(ctx, "roberts-centre")
	if err != nil {
		t.Fatal(err)
	}

	first, err := db.AddServiceNote(ctx, sam, "roberts-centre", " Manager on leave until March. ")
	if err != nil {
		t.Fatal(err)
	}
	if first.ID == 0 || first.Body != "Manager on leave until March." || first.AuthorName != "Sam Staff" || first.CreatedAt == "" {
		t.Errorf("the note: %+v", first)
	}
	if _, err := db.AddServiceNote(ctx, directory.Actor{Name: "Ed Editor"}, "roberts-centre", "Phoned: still running."); err != nil {
		t.Fatal(err)
	}
	notes, err := db.ServiceNotes(ctx, "roberts-centre")
	if err != nil || len(notes) != 2 || notes[0].Body != "Phoned: still running." || notes[1].ID != first.ID {
		t.Errorf("the notes: %+v, %v", notes, err)
	}
	if other, _ := db.ServiceNotes(ctx, "dorpip"); len(other) != 0 {
		t.Errorf("another service's notes: %+v", other)
	}
	h, err := db.History(ctx, directory.EntityServiceNote, "roberts-centre")
	if err != nil || len(h) != 2 || h[1].UserName != "Sam Staff" || !strings.Contains(h[1].After, "Manager on leave") {
		t.Errorf("the notes' audit: %+v, %v", h, err)
	}
	// A note is no edit of the service: its version stands.
	if after, _ := db.Service(ctx, "roberts-centre"); after.Version != service.Version {
		t.Errorf("adding notes moved the service's version from %d to %d", service.Version, after.Version)
	}
}

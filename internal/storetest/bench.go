package storetest

import (
	"context"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
)

// BenchWrites measures one audited change to a service on a store that open
// gives: a staff member marking it reviewed, which checks the version,
// writes the service and its audit record in one transaction, and commits.
// What a commit costs depends most on how the database syncs to disk, so
// read its figure beside the engine's settings.
func BenchWrites(b *testing.B, open Opener) {
	ctx := context.Background()
	db := seeded(b, open)
	actor := directory.Actor{Name: "benchmark"}
	svc, err := db.Service(ctx, "roberts-centre")
	if err != nil {
		b.Fatal(err)
	}
	version := svc.Version
	for b.Loop() {
		svc, err := db.MarkReviewed(ctx, actor, "roberts-centre", version)
		if err != nil {
			b.Fatal(err)
		}
		version = svc.Version
	}
}

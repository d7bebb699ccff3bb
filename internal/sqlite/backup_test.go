package sqlite_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/sqlite"
)

func TestBackupWhileWriting(t *testing.T) {
	db := MustSeededDB(t)
	ctx := context.Background()
	actor := directory.Actor{Name: "test"}

	// Keep writing while the backup runs.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			cells, err := db.CellHistory(ctx, "home-start", "poole")
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := db.RateCell(ctx, actor, sqlite.CellChange{ServiceType: "home-start", Area: "poole",
				Rating: directory.Red, Reason: "load", EffectiveFrom: "2020-01-01", BasedOn: cells[0].ID}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	path := filepath.Join(t.TempDir(), "backups", "copy.db")
	err := db.Backup(ctx, path)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, path); err == nil {
		t.Error("a backup overwrote an existing file")
	}

	// Restore: open the copy as a database of its own and compare.
	restored, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("open the backup: %v", err)
	}
	defer restored.Close()
	if v, err := restored.IntegrityCheck(ctx); err != nil || v != "ok" {
		t.Fatalf("integrity of the copy: %q, %v", v, err)
	}
	for _, asOf := range []string{"2019-07-01"} {
		orig, _ := db.Matrix(ctx, asOf)
		copied, err := restored.Matrix(ctx, asOf)
		if err != nil {
			t.Fatal(err)
		}
		if len(copied.Cells) != len(orig.Cells) {
			t.Errorf("as of %s the copy has %d cells, the original %d", asOf, len(copied.Cells), len(orig.Cells))
		}
	}
	origSvc, _ := db.Services(ctx, sqlite.ServiceFilter{IncludeArchived: true})
	copySvc, _ := restored.Services(ctx, sqlite.ServiceFilter{IncludeArchived: true})
	if len(origSvc) != len(copySvc) {
		t.Errorf("services: copy %d, original %d", len(copySvc), len(origSvc))
	}
	// Every rating in the copy is one the original has: the copy is a snapshot, not a mixture.
	copyHist, _ := restored.CellHistory(ctx, "home-start", "poole")
	origHist, _ := db.CellHistory(ctx, "home-start", "poole")
	if len(copyHist) == 0 || len(copyHist) > len(origHist) {
		t.Errorf("history: copy %d rows, original %d", len(copyHist), len(origHist))
	}
	audit, _ := restored.History(ctx, directory.EntityCoverageCell, "home-start/poole")
	if len(audit) != len(copyHist)-1 {
		t.Errorf("the copy has %d ratings but %d audit records: the snapshot is torn", len(copyHist)-1, len(audit))
	}
}

package sqlite_test

import (
	"context"
	"database/sql"
	"os"
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
			if _, err := db.RateCell(ctx, actor, directory.CellChange{ServiceType: "home-start", Area: "poole",
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
	origSvc, _ := db.Services(ctx, directory.ServiceFilter{IncludeArchived: true})
	copySvc, _ := restored.Services(ctx, directory.ServiceFilter{IncludeArchived: true})
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

func TestRestoreReplacesTheDatabaseAndMovesTheContentVersion(t *testing.T) {
	ctx := context.Background()
	db := MustSeededDB(t)
	path := filepath.Join(t.TempDir(), "before.db")
	if err := db.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	svc := directory.Service{Slug: "after-the-backup", Name: "After the backup", Source: "test", Summary: "A group.",
		Description: "Songs.", Areas: []directory.ServiceArea{{Area: "poole"}}}
	if _, err := db.CreateService(ctx, directory.Actor{Name: "test"}, svc, "adding"); err != nil {
		t.Fatal(err)
	}
	seen := contentVersion(t, db)

	if err := db.Restore(ctx, path); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Service(ctx, "after-the-backup"); directory.ErrorCode(err) != directory.ENOTFOUND {
		t.Errorf("after the restore, the service added since the backup is still there (%v)", err)
	}
	if _, err := db.Service(ctx, "roberts-centre"); err != nil {
		t.Errorf("after the restore, a seeded service is missing: %v", err)
	}
	if got := contentVersion(t, db); got == seen {
		t.Error("the restore left the content version as it was, so a page cache would not notice")
	}
	if v, err := db.IntegrityCheck(ctx); err != nil || v != "ok" {
		t.Errorf("integrity after the restore: %q, %v", v, err)
	}
}

func TestRestoreRefusesWhatIsNotABackup(t *testing.T) {
	ctx := context.Background()
	db := MustSeededDB(t)
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("not a database at all, just some words"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	o, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.Exec("CREATE TABLE notes (text TEXT)"); err != nil {
		t.Fatal(err)
	}
	o.Close()
	for _, path := range []string{filepath.Join(dir, "missing.db"), junk, other} {
		if err := db.Restore(ctx, path); err == nil {
			t.Errorf("restore from %s was accepted", filepath.Base(path))
		}
	}
	if _, err := db.Service(ctx, "roberts-centre"); err != nil {
		t.Errorf("a refused restore changed the database: %v", err)
	}
}

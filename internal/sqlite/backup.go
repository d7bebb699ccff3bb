package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	msqlite "modernc.org/sqlite"
)

// Backup writes a consistent copy of the whole database to path while the
// directory keeps serving: SQLite's VACUUM INTO reads one snapshot, so
// writes that land meanwhile are either wholly in the copy or wholly out of
// it. It refuses to overwrite an existing file.
func (db *DB) Backup(ctx context.Context, path string) error {
	if path == "" {
		return errors.New("backup: no path given")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists; choose a new file", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("backup: create folder: %w", err)
	}
	conn, err := db.read.Conn(ctx)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer conn.Close()
	// query_only would refuse VACUUM INTO's write to the new file.
	if _, err := conn.ExecContext(ctx, "PRAGMA query_only = 0"); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer conn.ExecContext(context.Background(), "PRAGMA query_only = 1")
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity check and returns its verdict, "ok"
// when the database is sound.
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	var verdict string
	if err := db.read.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&verdict); err != nil {
		return "", fmt.Errorf("integrity check: %w", err)
	}
	return verdict, nil
}

// Restore replaces the whole database with the backup at path, while the
// directory keeps serving. The backup is checked first (it must be a sound
// SQLite file holding a directory), then copied in page by page with SQLite's
// backup API in one step, so readers see either the old database or the
// restored one. The restored copy is migrated to the current schema, and its
// content counter is moved past the one it replaced, so that every server on
// the file empties its page cache on its next request.
func (db *DB) Restore(ctx context.Context, path string) error {
	if err := checkBackup(ctx, path); err != nil {
		return err
	}
	var before int64
	if err := db.write.QueryRowContext(ctx, "SELECT n FROM content_version WHERE id = 1").Scan(&before); err != nil {
		return fmt.Errorf("restore: read the content version: %w", err)
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	err = conn.Raw(func(dc any) error {
		r, ok := dc.(interface {
			NewRestore(string) (*msqlite.Backup, error)
		})
		if !ok {
			return fmt.Errorf("the SQLite driver's connection %T cannot restore", dc)
		}
		restore, err := r.NewRestore("file:" + path + "?mode=ro")
		if err != nil {
			return err
		}
		if _, err := restore.Step(-1); err != nil {
			restore.Finish()
			return err
		}
		return restore.Finish()
	})
	conn.Close()
	if err != nil {
		return fmt.Errorf("restore from %s: %w", path, err)
	}
	if err := db.migrate(ctx); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if _, err := db.write.ExecContext(ctx, "UPDATE content_version SET n = max(n, ?) + 1 WHERE id = 1", before); err != nil {
		return fmt.Errorf("restore: move the content version on: %w", err)
	}
	return db.readMeta(ctx)
}

// checkBackup opens a backup read-only and refuses it unless SQLite finds it
// sound and it holds a directory's areas table.
func checkBackup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	b, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return fmt.Errorf("restore: open %s: %w", path, err)
	}
	defer b.Close()
	var verdict string
	if err := b.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&verdict); err != nil {
		return fmt.Errorf("restore: %s is not a readable SQLite database: %w", path, err)
	}
	if verdict != "ok" {
		return fmt.Errorf("restore: %s fails SQLite's integrity check: %s", path, verdict)
	}
	var n int
	if err := b.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'areas'").Scan(&n); err != nil || n == 0 {
		return fmt.Errorf("restore: %s does not hold a directory (no areas table)", path)
	}
	return nil
}

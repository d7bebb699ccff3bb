package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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

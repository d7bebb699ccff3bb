package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SyntheticNotice is what every page, download and API response of a
// synthetic dataset says about it.
const SyntheticNotice = "Synthetic data for testing: not real services"

// metaSynthetic is the meta key that marks a synthetic dataset.
const metaSynthetic = "synthetic"

// Synthetic reports whether the database holds a synthetic dataset made for
// testing rather than real services. It is read when the database opens and
// kept in memory, since every response asks.
func (db *DB) Synthetic() bool { return db.synthetic.Load() }

// MarkSynthetic records that the database holds synthetic test data. The mark
// cannot be taken off: a database that once held made-up services is not to
// be trusted as real.
func (db *DB) MarkSynthetic(ctx context.Context) error {
	tx, err := db.writeTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, metaSynthetic, SyntheticNotice); err != nil {
		return fmt.Errorf("mark the dataset synthetic: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit synthetic mark: %w", err)
	}
	db.synthetic.Store(true)
	return nil
}

// readMeta loads the dataset-level facts kept in memory.
func (db *DB) readMeta(ctx context.Context) error {
	var v string
	err := db.write.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, metaSynthetic).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read dataset marks: %w", err)
	}
	db.synthetic.Store(true)
	return nil
}

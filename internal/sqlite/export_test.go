package sqlite

import "context"

// SetListBatch lets a test make the detail-query batches small, so that a
// few hundred services span several batches; it returns the old size.
func SetListBatch(n int) int {
	old := maxListBatch
	maxListBatch = n
	return old
}

// WithoutWALHeader makes the database read its content counter on every
// check, as it does when the -shm file cannot be read, so that a test can
// show the slower path is as right as the fast one.
func WithoutWALHeader(db *DB) {
	db.changes.close()
	db.changes.shm = nil
}

// CounterReads reports how many times the database has read its content
// counter, so that a test can show the WAL header spares the query.
func CounterReads(db *DB) int {
	db.changes.mu.Lock()
	defer db.changes.mu.Unlock()
	return db.changes.reads
}

// DataVersion runs PRAGMA data_version on a reader, the check the WAL header
// stands in for, so that a benchmark can set the two side by side.
func DataVersion(ctx context.Context, db *DB) (int64, error) {
	var v int64
	err := db.read.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}

// WithoutMapping makes the database read the WAL-index header with pread, as
// it does where the -shm file cannot be mapped.
func WithoutMapping(db *DB) {
	unmapHeader(db.changes.mapped)
	db.changes.mapped = nil
}

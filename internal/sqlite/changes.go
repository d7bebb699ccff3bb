package sqlite

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Readers that keep copies of what they read (the page cache) must learn of
// every committed change to public content, whichever process made it: this
// server's staff, or `directory import`, `seed`, `user` and `restore` run
// against the same file. They must not learn of writes that change no public
// page, such as sessions, or they would empty themselves on every staff click.
//
// The table content_version holds a counter that triggers on every public
// table bump (migration 00075), so a write counts however it was made. Reading
// the counter is a query, which costs a few microseconds; doing that on every
// request would cost more than serving a cached page. So the counter is read
// only when the database has changed at all, which the WAL-index header tells
// cheaply: SQLite keeps it at the start of the -shm file, and every commit by
// any connection changes it (its change counter, frame count and salts).
// Reading its first 96 bytes, the header's two copies, from a read-only
// mapping of the file is the whole check when nothing has been written; where
// the file cannot be mapped, one pread does the same. See docs/benchmarks.md
// for what each costs.

// walHeaderSize is the size of one copy of SQLite's WAL-index header; the
// -shm file begins with two copies, written one after the other by each
// commit, so a reader that finds them equal has not caught a commit halfway.
const walHeaderSize = 48

// walHeader is one copy of the WAL-index header, as read from the -shm file.
type walHeader [walHeaderSize]byte

// changeWatch follows the content counter for one open database.
type changeWatch struct {
	shm    *os.File // the -shm file; nil when it could not be opened, and then the counter is read on every check
	mapped []byte   // the file's first page, mapped read-only; nil when it could not be mapped

	seen atomic.Pointer[walHeader] // the header when the counter was last read

	mu      sync.Mutex // one counter read at a time
	counter int64      // the counter as last read
	known   bool       // whether counter has been read at all
	reads   int        // how many times the counter was read, for tests
	version atomic.Uint64
}

// ContentVersion returns a number that changes whenever a committed write, by
// this process or any other on the same file, may have changed what a public
// page shows. Sessions and other writes outside the public tables leave it
// alone. A reader that saw one number and then sees another must throw away
// what it kept.
func (db *DB) ContentVersion(ctx context.Context) (uint64, error) {
	w := db.changes
	hdr, steady := w.header()
	if steady {
		if seen := w.seen.Load(); seen != nil && *seen == hdr {
			return w.version.Load(), nil
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	// Read the header again under the lock: another request may have read
	// the counter since, and the header must be read before the counter so
	// that a commit between the two is caught by the next check.
	hdr, steady = w.header()
	w.reads++
	var n int64
	if err := db.read.QueryRowContext(ctx, "SELECT n FROM content_version WHERE id = 1").Scan(&n); err != nil {
		return 0, fmt.Errorf("read content version: %w", err)
	}
	if !w.known || n != w.counter {
		w.counter, w.known = n, true
		w.version.Add(1)
	}
	if steady {
		w.seen.Store(&hdr)
	} else {
		w.seen.Store(nil)
	}
	return w.version.Load(), nil
}

// header reads the WAL-index header, and reports whether its two copies
// agree. A header that cannot be read counts as unsteady, so the counter is
// read instead.
func (w *changeWatch) header() (hdr walHeader, steady bool) {
	var both [2 * walHeaderSize]byte
	var first walHeader
	switch {
	case w.mapped != nil:
		if !readMapped(both[:], w.mapped) {
			return first, false
		}
	case w.shm != nil:
		if n, err := w.shm.ReadAt(both[:], 0); n != len(both) || err != nil {
			return first, false
		}
	default:
		return first, false
	}
	copy(first[:], both[:walHeaderSize])
	const isInit = 12 // offset of the header's "initialised" flag
	return first, first[isInit] == 1 && bytes.Equal(both[:walHeaderSize], both[walHeaderSize:])
}

// watchChanges opens the -shm file of the database at path for reading. The
// database must already be open in WAL mode, so that the file exists. Without
// it every check reads the counter, which is slower but just as right.
func watchChanges(path string) *changeWatch {
	w := &changeWatch{}
	if f, err := os.Open(path + "-shm"); err == nil {
		w.shm = f
		w.mapped = mapHeader(f)
	}
	return w
}

// readMapped copies the start of the mapping into dst. Should the mapping
// ever fault (the file cut short underneath it), it reports false instead of
// crashing the server, and the counter is read.
func readMapped(dst, mapped []byte) (ok bool) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	copy(dst, mapped)
	return true
}

// close releases the mapping and the -shm file.
func (w *changeWatch) close() error {
	if w == nil || w.shm == nil {
		return nil
	}
	err := unmapHeader(w.mapped)
	w.mapped = nil
	return errors.Join(err, w.shm.Close())
}

// TablesWithoutChangeTriggers lists the ordinary tables that lack a trigger
// bumping the content counter for each of insert, update and delete. Virtual
// tables (the full-text index) and their shadow tables are left out: they
// follow the services table, whose own triggers count.
func (db *DB) TablesWithoutChangeTriggers(ctx context.Context) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT t.name FROM pragma_table_list AS t
		WHERE t.schema = 'main' AND t.type = 'table' AND t.name NOT LIKE 'sqlite\_%' ESCAPE '\'
		  AND (SELECT count(DISTINCT CASE
		           WHEN upper(s.sql) LIKE '%AFTER INSERT ON%' THEN 'insert'
		           WHEN upper(s.sql) LIKE '%AFTER UPDATE ON%' THEN 'update'
		           WHEN upper(s.sql) LIKE '%AFTER DELETE ON%' THEN 'delete' END)
		       FROM sqlite_schema AS s
		       WHERE s.type = 'trigger' AND s.tbl_name = t.name
		         AND s.sql LIKE '%UPDATE content_version SET n = n + 1%') < 3
		ORDER BY t.name`)
	if err != nil {
		return nil, fmt.Errorf("list tables without change triggers: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("list tables without change triggers: %w", err)
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

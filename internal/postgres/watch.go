package postgres

// How a server learns that the content changed without asking the database
// on every request: the server asks ContentVersion on every public request
// (its page cache is keyed by it), and a round trip for each would cost more
// than serving the cached page. So ContentVersion answers from memory, and
// three things keep that memory true:
//
//   - A listener: a connection of its own, outside the pool, that LISTENs on
//     ContentChannel, on which the database announces every new content
//     version when its transaction commits (migration 00075). It reads the
//     counter once it is listening, so that nothing committed before it
//     started is missed, and whenever its connection drops it connects again
//     by itself, at once and then after a growing pause (backoff). Until it
//     is listening again, ContentVersion reads the counter from the database
//     on every call: a stale page is never served while the server cannot
//     hear.
//   - A slow poll, every contentPoll, that reads the counter through the
//     pool, as a backstop: should the listener's connection die without a
//     word (a network that drops packets rather than closing), or the
//     notifications not arrive (a connection pooler in between that does not
//     pass them on), pages are stale for at most that long.
//   - This process's own writes: the pool's tracer counts every transaction
//     it commits that wrote something, and after one ContentVersion reads
//     the counter directly once, so that a server always sees its own writes
//     at once, without waiting for its notification to come back.
//
// The version kept only grows, as the page cache expects.

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgxlisten"
)

// contentPoll is how often the counter is read as a backstop to the
// listener.
const contentPoll = 2 * time.Second

// The listener's pauses between attempts to connect again: none for the
// first attempt after a drop, then from listenBackoffMin doubling to
// listenBackoffMax, each with up to a quarter taken off at random so that
// servers cut off together do not come back in step.
const (
	listenBackoffMin = 100 * time.Millisecond
	listenBackoffMax = 5 * time.Second
)

// listenerAppSuffix is added to the pool's application_name to name the
// listener's connection, as pg_stat_activity shows it.
const listenerAppSuffix = " content listener"

// contentWatch is what a DB knows of the content version without asking.
type contentWatch struct {
	version atomic.Uint64 // the newest content version heard or read
	hearing atomic.Bool   // the listener is LISTENing, and read the counter after it began to

	writes    atomic.Uint64 // transactions the pool committed that wrote something
	readAfter atomic.Uint64 // of those, how many had committed when the counter was last read directly

	// For tests and diagnosis.
	heard       atomic.Uint64 // notifications received
	lastHeard   atomic.Uint64 // the version the latest notification announced
	listens     atomic.Uint64 // times the listener connected and began to listen
	directReads atomic.Uint64 // times ContentVersion asked the database
	listenerPID atomic.Uint32 // the server process of the listener's latest connection

	stop     context.CancelFunc
	done     chan struct{} // closed when the listener and the poll have stopped
	stopOnce sync.Once
}

// raise keeps v as the content version if it is newer than the one kept.
func (w *contentWatch) raise(v uint64) { raiseTo(&w.version, v) }

// raiseTo sets a to v unless a already holds v or more.
func raiseTo(a *atomic.Uint64, v uint64) {
	for {
		held := a.Load()
		if v <= held || a.CompareAndSwap(held, v) {
			return
		}
	}
}

// ContentVersion returns the content counter, which the triggers of
// migration 00075 move on once for each committed transaction that changes a
// table a public page reads. Sessions and the demand tally leave it alone.
//
// It answers from memory (see watch.go) while the listener hears the
// database's announcements and this process has written nothing since it
// last read the counter; otherwise it reads the counter from the database.
func (db *DB) ContentVersion(ctx context.Context) (uint64, error) {
	w := &db.watch
	writes := w.writes.Load()
	if w.hearing.Load() && writes == w.readAfter.Load() {
		return w.version.Load(), nil
	}
	n, err := db.readContentVersion(ctx)
	if err != nil {
		return 0, err
	}
	w.directReads.Add(1)
	w.raise(n)
	raiseTo(&w.readAfter, writes)
	return w.version.Load(), nil
}

// readContentVersion reads the content counter from the database.
func (db *DB) readContentVersion(ctx context.Context) (uint64, error) {
	var n int64
	if err := db.pool.QueryRow(ctx, `SELECT n FROM content_version WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("read the content version: %w", err)
	}
	return uint64(n), nil
}

// startWatch starts the listener, on a connection made from cc, and the
// poll. stopWatch stops them.
func (db *DB) startWatch(cc *pgx.ConnConfig) {
	w := &db.watch
	ctx, cancel := context.WithCancel(context.Background())
	w.stop, w.done = cancel, make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); db.listen(ctx, cc) }()
	go func() { defer wg.Done(); db.poll(ctx) }()
	go func() { wg.Wait(); close(w.done) }()
}

// stopWatch stops the listener and the poll, and waits until they have.
func (db *DB) stopWatch() {
	w := &db.watch
	if w.stop == nil {
		return
	}
	w.stopOnce.Do(func() {
		w.hearing.Store(false)
		w.stop()
		<-w.done
	})
}

// listen runs the listener until ctx ends.
func (db *DB) listen(ctx context.Context, cc *pgx.ConnConfig) {
	w := &db.watch
	cc = cc.Copy()
	cc.Tracer = nil
	cc.RuntimeParams["application_name"] = cc.RuntimeParams["application_name"] + listenerAppSuffix
	attempts := 0 // attempts to connect since the listener last began to listen
	l := &pgxlisten.Listener{
		// Connect is called for every attempt, one after another: the
		// pause before each is taken here rather than by pgxlisten, whose
		// own is fixed.
		Connect: func(ctx context.Context) (*pgx.Conn, error) {
			if w.hearing.Swap(false) && ctx.Err() == nil {
				slog.Warn("the content listener lost its connection; reading the content version from the database until it is back")
			}
			if attempts > 0 {
				pause := min(listenBackoffMin<<min(attempts-1, 16), listenBackoffMax)
				pause -= time.Duration(rand.Int64N(int64(pause / 4)))
				select {
				case <-ctx.Done():
					return nil, ctx.Err()
				case <-time.After(pause):
				}
			}
			attempts++
			return pgx.ConnectConfig(ctx, cc)
		},
		LogError: func(ctx context.Context, err error) {
			if ctx.Err() == nil && attempts <= 1 {
				slog.Warn("content listener", "error", err)
			}
		},
		ReconnectDelay: -1,
	}
	l.Handle(ContentChannel, contentHandler{w: w, started: func() { attempts = 0 }})
	l.Listen(ctx)
}

// contentHandler keeps the versions the listener hears.
type contentHandler struct {
	w       *contentWatch
	started func() // called when the listener begins to listen
}

// HandleBacklog reads the counter once the listener is listening, so that
// changes committed before it began are not missed, and from then on lets
// ContentVersion answer from memory. Should the counter not be read, it
// closes the connection, so that the listener connects again rather than
// listen on without ever being trusted.
func (h contentHandler) HandleBacklog(ctx context.Context, channel string, conn *pgx.Conn) error {
	var n int64
	if err := conn.QueryRow(ctx, `SELECT n FROM content_version WHERE id = 1`).Scan(&n); err != nil {
		conn.Close(ctx)
		return fmt.Errorf("read the content version: %w", err)
	}
	h.w.raise(uint64(n))
	h.w.listenerPID.Store(conn.PgConn().PID())
	h.w.listens.Add(1)
	h.w.hearing.Store(true)
	h.started()
	return nil
}

// HandleNotification keeps the version a notification announces.
func (h contentHandler) HandleNotification(ctx context.Context, n *pgconn.Notification, conn *pgx.Conn) error {
	v, err := strconv.ParseUint(n.Payload, 10, 64)
	if err != nil {
		return fmt.Errorf("a content version of %q: %w", n.Payload, err)
	}
	h.w.heard.Add(1)
	raiseTo(&h.w.lastHeard, v)
	h.w.raise(v)
	return nil
}

// poll reads the counter every contentPoll until ctx ends.
func (db *DB) poll(ctx context.Context) {
	t := time.NewTicker(contentPoll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		rctx, cancel := context.WithTimeout(ctx, contentPoll)
		if n, err := db.readContentVersion(rctx); err == nil {
			db.watch.raise(n)
		}
		cancel()
	}
}

// writeTracer is the pool's tracer: it counts, in contentWatch.writes, the
// transactions the pool's connections commit that wrote something, whether
// they were a statement of their own, a batch, or a transaction of several.
// A connection in a transaction that has written carries the mark
// wroteMark until the transaction ends.
type writeTracer struct{ w *contentWatch }

const wroteMark = "directory.wrote"

// TraceQueryStart does nothing.
func (t writeTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	return ctx
}

// TraceQueryEnd notes a statement, and the end of its transaction.
func (t writeTracer) TraceQueryEnd(_ context.Context, conn *pgx.Conn, data pgx.TraceQueryEndData) {
	t.note(conn, data.CommandTag, data.Err)
	t.settle(conn, data.CommandTag)
}

// TraceBatchStart does nothing.
func (t writeTracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	return ctx
}

// TraceBatchQuery notes one statement of a batch. The transaction's state
// is only known once the batch is over.
func (t writeTracer) TraceBatchQuery(_ context.Context, conn *pgx.Conn, data pgx.TraceBatchQueryData) {
	t.note(conn, data.CommandTag, data.Err)
}

// TraceBatchEnd notes the end of a batch, which, outside a transaction, is
// one of its own.
func (t writeTracer) TraceBatchEnd(_ context.Context, conn *pgx.Conn, _ pgx.TraceBatchEndData) {
	t.settle(conn, pgconn.CommandTag{})
}

// TraceCopyFromStart does nothing.
func (t writeTracer) TraceCopyFromStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceCopyFromStartData) context.Context {
	return ctx
}

// TraceCopyFromEnd notes a COPY, and the end of its transaction.
func (t writeTracer) TraceCopyFromEnd(_ context.Context, conn *pgx.Conn, data pgx.TraceCopyFromEndData) {
	t.note(conn, data.CommandTag, data.Err)
	t.settle(conn, data.CommandTag)
}

// note marks the connection when a statement may have written.
func (t writeTracer) note(conn *pgx.Conn, tag pgconn.CommandTag, err error) {
	if err == nil && mayWrite(tag) {
		conn.PgConn().CustomData()[wroteMark] = true
	}
}

// settle counts a write once the connection is out of its transaction,
// unless the transaction was rolled back.
func (t writeTracer) settle(conn *pgx.Conn, tag pgconn.CommandTag) {
	pc := conn.PgConn()
	if pc.TxStatus() != 'I' {
		return
	}
	data := pc.CustomData()
	if wrote, _ := data[wroteMark].(bool); !wrote {
		return
	}
	delete(data, wroteMark)
	if tag.String() != "ROLLBACK" {
		t.w.writes.Add(1)
	}
}

// mayWrite reports whether a statement with this command tag may have
// changed a table: anything but a read or the control of a session or a
// transaction. A write made only by a function that a SELECT calls is not
// seen here; the notification tells of it a moment later.
func mayWrite(tag pgconn.CommandTag) bool {
	verb, _, _ := strings.Cut(tag.String(), " ")
	switch verb {
	case "", "SELECT", "BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "SET", "RESET", "SHOW",
		"LISTEN", "UNLISTEN", "DISCARD", "DEALLOCATE", "PREPARE", "FETCH", "MOVE", "DECLARE", "CLOSE", "EXPLAIN", "LOCK":
		return false
	}
	return true
}

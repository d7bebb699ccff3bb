package main

import (
	"bufio"
	"io"
	"sync"
	"time"
)

// logFlushDelay is how long a log line may wait in memory before it is
// written out.
const logFlushDelay = 100 * time.Millisecond

// logWriter gathers log lines in memory and writes them out at most
// logFlushDelay after the first of them, so that a busy server makes one
// system call for many requests instead of one each. The server's own log
// and its access log share it, so their lines stay in order. Close writes
// out what is left.
type logWriter struct {
	mu      sync.Mutex
	buf     *bufio.Writer
	pending bool // a flush is scheduled
	closed  bool
}

func newLogWriter(w io.Writer) *logWriter {
	return &logWriter{buf: bufio.NewWriterSize(w, 64<<10)}
}

// Write keeps p for the next flush; a line that fills the buffer is written
// out at once.
func (l *logWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		n, err := l.buf.Write(p)
		if err == nil {
			err = l.buf.Flush()
		}
		return n, err
	}
	if !l.pending {
		l.pending = true
		time.AfterFunc(logFlushDelay, l.flush)
	}
	return l.buf.Write(p)
}

func (l *logWriter) flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pending = false
	l.buf.Flush()
}

// Flush writes out every line held now, such as the start-up lines, which
// an operator watching the log wants at once.
func (l *logWriter) Flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Flush()
}

// Close writes out every line still held; later lines are written at once.
func (l *logWriter) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	return l.buf.Flush()
}

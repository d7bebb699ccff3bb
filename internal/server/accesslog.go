package server

import (
	"io"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// accessLog writes one line per request in the key=value form of the rest
// of the log (slog's text format), so the two read alike and tools parse
// both. It formats the line itself: slog's general-purpose handler costs more
// than serving a cached page. The path is written without its query string,
// which can hold where a family lives.
type accessLog struct {
	mu  sync.Mutex
	w   io.Writer
	buf []byte

	second int64  // the second whose time prefix is kept
	prefix []byte // "time=2006-01-02T15:04:05." for that second
}

// WithAccessLog writes a line for every request to w. Give it a buffered
// writer (serve does), so that logging costs no system call per request.
func WithAccessLog(w io.Writer) Option {
	return func(s *Server) { s.access = &accessLog{w: w} }
}

func (a *accessLog) write(at time.Time, method, path string, status, size int, elapsed time.Duration, id uint64) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	at = at.UTC()
	if sec := at.Unix(); sec != a.second || a.prefix == nil {
		a.second = sec
		a.prefix = at.AppendFormat(append(a.prefix[:0], "time="...), "2006-01-02T15:04:05.")
	}
	b := append(a.buf[:0], a.prefix...)
	ms := at.Nanosecond() / 1e6
	b = append(b, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10), 'Z')
	b = append(b, " level=INFO msg=request method="...)
	b = appendValue(b, method)
	b = append(b, " path="...)
	b = appendValue(b, path)
	b = append(b, " status="...)
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, " bytes="...)
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, " duration="...)
	b = append(b, elapsed.String()...)
	b = append(b, " request_id="...)
	b = strconv.AppendUint(b, id, 10)
	b = append(b, '\n')
	a.buf = b
	a.w.Write(b)
}

// appendValue writes a value bare, or quoted as slog's text format quotes
// it: when it is empty or holds a space, an equals sign, a quote or anything
// unprintable.
func appendValue(b []byte, v string) []byte {
	if v == "" {
		return append(b, `""`...)
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c <= ' ' || c == '=' || c == '"' || c == 0x7f || c >= utf8.RuneSelf {
			return strconv.AppendQuote(b, v)
		}
	}
	return append(b, v...)
}

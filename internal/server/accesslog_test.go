package server_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/wessex-network/directory/internal/server"
)

// lockedBuffer is a buffer safe to write from the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var accessLine = regexp.MustCompile(`^time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z level=INFO msg=request method=GET path=("(?:[^"\\]|\\.)*"|\S+) status=(\d+) bytes=(\d+) duration=\S+ request_id=\d+$`)

func TestAccessLogHasOneLinePerRequestWithoutTheQuery(t *testing.T) {
	var log lockedBuffer
	app := server.New(seededStore(t), slog.New(slog.NewTextHandler(io.Discard, nil)), server.WithAccessLog(&log))
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	for _, path := range []string{"/find?q=PO12+3AB", "/find?q=PO12+3AB", "/no/such/page", `/services/a"b c`} {
		resp, err := srv.Client().Get(srv.URL + strings.ReplaceAll(path, " ", "%20"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	// Each line is written once its response has gone, so a client can read
	// the response a moment before its line is there.
	srv.Close()
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines for 4 requests:\n%s", len(lines), log.String())
	}
	// Lines are written as responses finish, which need not be in order.
	var got []string
	for i, line := range lines {
		m := accessLine.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("line %d is not an access line: %s", i, line)
			continue
		}
		got = append(got, m[1]+" "+m[2])
	}
	slices.Sort(got)
	if want := []string{`"/services/a\"b c" 404`, "/find 200", "/find 200", "/no/such/page 404"}; !slices.Equal(got, want) {
		t.Errorf("paths and statuses %q, want %q", got, want)
	}
	if strings.Contains(log.String(), "PO12") {
		t.Error("the access log holds the postcode that was searched for")
	}
}

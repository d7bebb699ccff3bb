package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestPercentiles(t *testing.T) {
	r := &result{elapsed: 2 * time.Second}
	for i := 100; i >= 1; i-- {
		r.latencies = append(r.latencies, time.Duration(i)*time.Millisecond)
	}
	if got := r.percentile(50); got != 51*time.Millisecond {
		t.Errorf("p50 = %s, want 51ms", got)
	}
	if got := r.percentile(99); got != 100*time.Millisecond {
		t.Errorf("p99 = %s, want 100ms", got)
	}
	if got := r.perSecond(); got != 50 {
		t.Errorf("%v requests per second, want 50", got)
	}
}

func TestCompareLoadsBothAndCountsFailures(t *testing.T) {
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("hello")) }))
	defer ok.Close()
	got, want, err := compare(2, ok.URL, ok.URL, 100*time.Millisecond, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.latencies) == 0 || len(want.latencies) == 0 || got.failures != 0 || got.bytes != 5 {
		t.Errorf("server: %d requests, %d failures, %d bytes; baseline: %d requests",
			len(got.latencies), got.failures, got.bytes, len(want.latencies))
	}

	broken := httptest.NewServer(http.NotFoundHandler())
	defer broken.Close()
	if _, _, err := compare(2, broken.URL, ok.URL, 100*time.Millisecond, 2); err == nil {
		t.Error("a server answering 404 was measured as if it worked")
	}
}

package main

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// result is what the load runs against one URL measured, added up.
type result struct {
	latencies []time.Duration
	failures  int // transport errors and statuses other than 200
	elapsed   time.Duration
	bytes     int64 // size of one response body
}

func (r *result) perSecond() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(len(r.latencies)) / r.elapsed.Seconds()
}

// percentile returns the latency that p percent of requests did not exceed.
func (r *result) percentile(p int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	slices.Sort(r.latencies)
	return r.latencies[len(r.latencies)*p/100]
}

// loader sends requests from a fixed number of connections, each one
// request after another. It asks for no compression, so the server and the
// baseline send the same bytes.
type loader struct {
	conns  int
	client *http.Client
}

func newLoader(conns int) *loader {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	return &loader{conns: conns, client: &http.Client{Transport: tr, Timeout: 10 * time.Second}}
}

func (l *loader) close() { l.client.CloseIdleConnections() }

func (l *loader) one(url string) (time.Duration, int64, bool) {
	start := time.Now()
	resp, err := l.client.Get(url)
	if err != nil {
		return 0, 0, false
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return time.Since(start), n, err == nil && resp.StatusCode == http.StatusOK
}

// run loads url for d and adds what it measured to into, unless into is nil
// (a warm-up).
func (l *loader) run(url string, d time.Duration, into *result) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	start := time.Now()
	deadline := start.Add(d)
	for range l.conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			failures := 0
			var size int64
			for time.Now().Before(deadline) {
				took, n, ok := l.one(url)
				if !ok {
					failures++
					continue
				}
				lat = append(lat, took)
				size = n
			}
			if into == nil {
				return
			}
			mu.Lock()
			into.latencies = append(into.latencies, lat...)
			into.failures += failures
			into.bytes = size
			mu.Unlock()
		}()
	}
	wg.Wait()
	if into != nil {
		into.elapsed += time.Since(start)
	}
}

// compare loads the server's URL and the baseline's in turns of d/rounds
// each, so that both meet the same background load from whatever else the
// machine is doing, and returns what each measured.
func compare(conns int, serverURL, baselineURL string, d time.Duration, rounds int) (got, want *result, err error) {
	l := newLoader(conns)
	defer l.close()
	for _, u := range []string{serverURL, baselineURL} {
		if _, _, ok := l.one(u); !ok {
			return nil, nil, fmt.Errorf("GET %s does not answer 200", u)
		}
		l.run(u, 500*time.Millisecond, nil)
	}
	got, want = &result{}, &result{}
	slice := d / time.Duration(rounds)
	for range rounds {
		l.run(serverURL, slice, got)
		l.run(baselineURL, slice, want)
	}
	return got, want, nil
}

package main

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// result is what one bounded load run measured.
type result struct {
	requests int
	failures int // transport errors and statuses other than 200
	elapsed  time.Duration
	p50, p99 time.Duration
	bytes    int64 // size of one response body
}

func (r result) perSecond() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.requests) / r.elapsed.Seconds()
}

// load sends GET url from conns connections, each one request after another,
// for the given time after a short warm-up, and measures each request. It
// asks for no compression, so server and baseline send the same bytes.
func load(url string, conns int, warmup, duration time.Duration) (result, error) {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}

	one := func() (time.Duration, int64, bool) {
		start := time.Now()
		resp, err := client.Get(url)
		if err != nil {
			return 0, 0, false
		}
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return time.Since(start), n, err == nil && resp.StatusCode == http.StatusOK
	}
	if _, _, ok := one(); !ok {
		return result{}, fmt.Errorf("GET %s does not answer 200", url)
	}

	run := func(d time.Duration, keep bool) ([][]time.Duration, int, int64) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		failures := 0
		var size int64
		lat := make([][]time.Duration, conns)
		deadline := time.Now().Add(d)
		for w := range conns {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for time.Now().Before(deadline) {
					took, n, ok := one()
					if !ok {
						mu.Lock()
						failures++
						mu.Unlock()
						continue
					}
					if keep {
						lat[w] = append(lat[w], took)
					}
					size = n
				}
			}()
		}
		wg.Wait()
		return lat, failures, size
	}
	run(warmup, false)
	start := time.Now()
	lat, failures, size := run(duration, true)
	elapsed := time.Since(start)

	all := slices.Concat(lat...)
	slices.Sort(all)
	r := result{requests: len(all), failures: failures, elapsed: elapsed, bytes: size}
	if len(all) > 0 {
		r.p50 = all[len(all)*50/100]
		r.p99 = all[len(all)*99/100]
	}
	return r, nil
}

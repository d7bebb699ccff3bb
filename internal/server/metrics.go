package server

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/wessex-network/directory/internal/directory"
)

// metrics holds what GET /metrics reports. Each server has its own registry,
// so tests can build many servers in one process.
type metrics struct {
	registry *prometheus.Registry
	duration *prometheus.HistogramVec
}

func newMetrics(db directory.Store, cache *pageCache) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "directory_http_request_duration_seconds",
			Help:    "Time to answer a request, by route pattern, method and status class.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 2, 16), // 0.1 ms to about 3 s
		}, []string{"route", "method", "status"}),
	}
	m.registry.MustRegister(
		m.duration,
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "directory_page_cache_hits_total",
			Help: "Public responses served from the page cache.",
		}, func() float64 { return float64(cache.hits.Load()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "directory_page_cache_misses_total",
			Help: "Public responses that had to be rendered.",
		}, func() float64 { return float64(cache.misses.Load()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "directory_page_cache_evictions_total",
			Help: "Kept pages evicted to stay within the cache's bound in bytes.",
		}, func() float64 { return float64(cache.evictions.Load()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "directory_page_cache_bytes",
			Help: "Bytes the page cache holds, keys and headers included.",
		}, func() float64 { return float64(cache.pages.WeightedSize()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "directory_content_version",
			Help: "Changes of public content seen since the server started, by this process or another; each empties the page cache.",
		}, func() float64 { return float64(cache.holds.Load() & (1<<40 - 1)) }),
		poolCollector{db: db},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// handler serves the metrics in Prometheus's text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// observe times a request and files it under the route pattern it matched,
// never the raw path, so the number of series stays fixed.
func (m *metrics) observe(pattern, method string, status int, elapsed time.Duration) {
	m.duration.WithLabelValues(pattern, method, statusClass(status)).Observe(elapsed.Seconds())
}

// statusClass writes a status as its class, such as "2xx".
func statusClass(status int) string {
	switch status / 100 {
	case 1:
		return "1xx"
	case 2:
		return "2xx"
	case 3:
		return "3xx"
	case 4:
		return "4xx"
	}
	return "5xx"
}

// poolCollector reports both database pools' connection counts at each scrape.
type poolCollector struct{ db directory.Store }

var (
	poolOpen  = prometheus.NewDesc("directory_database_connections_open", "Open connections in the pool.", []string{"pool"}, nil)
	poolInUse = prometheus.NewDesc("directory_database_connections_in_use", "Connections in use.", []string{"pool"}, nil)
	poolIdle  = prometheus.NewDesc("directory_database_connections_idle", "Idle connections.", []string{"pool"}, nil)
	poolWaits = prometheus.NewDesc("directory_database_connection_waits_total", "Times a query waited for a free connection.", []string{"pool"}, nil)
	poolWait  = prometheus.NewDesc("directory_database_connection_wait_seconds_total", "Time spent waiting for a free connection.", []string{"pool"}, nil)
)

// Describe sends the descriptions of the pool metrics.
func (poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolOpen, poolInUse, poolIdle, poolWaits, poolWait} {
		ch <- d
	}
}

// Collect reads the pools' statistics and sends them.
func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	for pool, st := range c.db.PoolStats() {
		ch <- prometheus.MustNewConstMetric(poolOpen, prometheus.GaugeValue, float64(st.Open), pool)
		ch <- prometheus.MustNewConstMetric(poolInUse, prometheus.GaugeValue, float64(st.InUse), pool)
		ch <- prometheus.MustNewConstMetric(poolIdle, prometheus.GaugeValue, float64(st.Idle), pool)
		ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(st.Waits), pool)
		ch <- prometheus.MustNewConstMetric(poolWait, prometheus.CounterValue, st.Wait.Seconds(), pool)
	}
}

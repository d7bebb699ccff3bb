package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-chi/chi/v5"
	"github.com/maypok86/otter/v2"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sync/singleflight"
)

// defaultCacheBytes bounds the memory the page cache holds, keys included.
const defaultCacheBytes = 64 << 20

// pageCache keeps rendered public responses in memory, so that a page people
// read is built once and then sent from memory until the content changes.
//
//   - Keys are a route's path and the query parameters its handler reads, in
//     a fixed order; an unknown parameter makes no new entry, and the handler
//     never sees it, so no page can depend on something its key lacks.
//   - The handler renders from a request that holds only what the key holds:
//     no Host, no cookies, no other headers. Nothing a client sends beyond the
//     key can reach a kept page.
//   - Every entry belongs to one content version of the store. The first
//     request that sees a new version (written by this process or by any
//     other, see ContentWatcher) empties the cache.
//   - The cache is bounded in bytes and evicts with otter's W-TinyLFU policy,
//     which keeps pages that are read often when a flood of one-off addresses
//     arrives.
type pageCache struct {
	pages   *otter.Cache[string, *cachedPage]
	routes  map[string]*cachedRoute // by route pattern
	static  map[string]string       // path → pattern, for cached routes without parameters in the path
	version func(context.Context) (uint64, error)
	flight  singleflight.Group

	holds atomic.Uint64 // the content version the kept pages belong to

	hits, misses, evictions atomic.Uint64
}

func newPageCache(maxBytes uint64, version func(context.Context) (uint64, error)) *pageCache {
	c := &pageCache{routes: map[string]*cachedRoute{}, static: map[string]string{}, version: version}
	c.pages = otter.Must(&otter.Options[string, *cachedPage]{
		MaximumWeight: maxBytes,
		Weigher:       func(key string, p *cachedPage) uint32 { return uint32(min(len(key)+p.weight(), 1<<31)) },
		OnDeletion: func(e otter.DeletionEvent[string, *cachedPage]) {
			if e.Cause == otter.CauseOverflow {
				c.evictions.Add(1)
			}
		},
	})
	return c
}

// cachedRoute is a route whose responses the cache keeps.
type cachedRoute struct {
	pattern string
	params  []string            // the query parameters its handler reads, in key order
	served  prometheus.Observer // its request durations for a GET answered 2xx, looked up once
}

// cachedPage is one rendered response, with everything the full handler
// chain set on it, ready to be written again.
type cachedPage struct {
	version  uint64 // the content version it was rendered from
	pattern  string // the route it answers
	status   int
	header   http.Header // every header the chain set, with Content-Length
	body     []byte
	etag     string
	keep     bool        // a 200 that sets no cookie; anything else is served once and dropped
	demand   *demandNote // what a search found, counted each time the page is served; nil for other pages
	compress bool        // worth sending compressed to a client that asks

	gzipOnce   sync.Once
	gzipHeader http.Header
	gzipBody   []byte
}

// weight is what the page holds in memory: its body, a share for its
// compressed copy (made on first demand), and its headers.
func (p *cachedPage) weight() int {
	n := len(p.body) + 256
	if p.compress {
		n += len(p.body) / 3 // HTML, JSON and CSV compress to well under a third
	}
	for k, vs := range p.header {
		n += len(k)
		for _, v := range vs {
			n += len(v)
		}
	}
	return n
}

// cacheRoute registers a GET route whose responses the cache keeps. params
// are the query parameters the handler reads; the key holds those and no
// others, in this order.
func (s *Server) cacheRoute(r chi.Router, prefix, pattern string, h http.HandlerFunc, params ...string) {
	r.Get(pattern, h)
	full := prefix + pattern
	if !strings.Contains(full, "{") {
		s.cache.static[full] = full
	}
	s.cache.routes[full] = &cachedRoute{pattern: full, params: params, served: s.metrics.duration.WithLabelValues(full, http.MethodGet, "2xx")}
}

// cacheKey builds the key for a request to a cached route, and the query
// string the handler is given: the route's parameters that the request
// carries, in the route's order, each with all its values in the order
// sent. A parameter sent empty is kept, since a handler may tell "empty"
// from "absent".
func cacheKey(r *http.Request, params []string) (key, query string) {
	if len(params) == 0 || r.URL.RawQuery == "" {
		return r.URL.Path, ""
	}
	sent, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil && len(sent) == 0 {
		return r.URL.Path, ""
	}
	var b strings.Builder
	for _, name := range params {
		for _, v := range sent[name] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(name))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	query = b.String()
	if query == "" {
		return r.URL.Path, ""
	}
	return r.URL.Path + "?" + query, query
}

// lookup answers a public GET from the cache, rendering and keeping the
// page on a miss. It reports false, and does nothing, for a request the
// cache does not take: another method, a staff session, or a route it does
// not keep.
func (s *Server) lookup(w http.ResponseWriter, r *http.Request, route *cachedRoute) (status, size int, ok bool) {
	if route == nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) || s.hasSession(r) {
		return 0, 0, false
	}
	version, err := s.cache.version(r.Context())
	if err != nil {
		// The store cannot say whether anything changed, so nothing kept can
		// be trusted: render this request afresh.
		s.log.Error("read the content version", "error", err)
		return 0, 0, false
	}
	c := s.cache
	c.moveTo(version)
	key, query := cacheKey(r, route.params)
	page, found := c.pages.GetIfPresent(key)
	if !found || page.version != version {
		page, found = c.fill(version, key, query, route.pattern, s.router, r)
	}
	if found {
		c.hits.Add(1)
	}
	// Counted before it is sent: once the client has the page, it may act
	// on it (a test may close the server), and the count must be there.
	if r.Method == http.MethodGet {
		s.countDemand(page, r.Header.Get("User-Agent"))
	}
	status, size = page.serve(w, r)
	return status, size, true
}

// moveTo empties the cache the first time a newer content version is seen.
// Versions only grow; a request that read an older one just before a change
// renders its page without keeping it.
func (c *pageCache) moveTo(version uint64) {
	for {
		held := c.holds.Load()
		if version <= held {
			return
		}
		if c.holds.CompareAndSwap(held, version) {
			c.pages.InvalidateAll()
			return
		}
	}
}

func (s *Server) hasSession(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Cookie"), s.sessions.Cookie.Name+"=")
}

// fill renders a page that is not in the cache and keeps it. Requests for the
// same page that arrive while it renders wait for that one rendering rather
// than each running the queries: after a write, a busy page is rendered once.
// It reports whether the page came from another request's rendering.
func (c *pageCache) fill(version uint64, key, query, pattern string, next http.Handler, r *http.Request) (*cachedPage, bool) {
	rendered := false
	v, _, _ := c.flight.Do(strconv.FormatUint(version, 10)+" "+key, func() (any, error) {
		rendered = true
		c.misses.Add(1)
		note := &demandNote{}
		kr := keyedRequest(r, query)
		p := render(next, kr.WithContext(context.WithValue(kr.Context(), demandNoteKey{}, note)))
		p.version, p.pattern = version, pattern
		if note.set {
			p.demand = note
		}
		if p.keep && c.holds.Load() == version {
			c.pages.Set(key, p)
		}
		return p, nil
	})
	return v.(*cachedPage), !rendered
}

// keyedRequest is the request a cached page is rendered from: the path and
// the key's query, and nothing else the client sent. The rendering is shared
// by every request waiting for it, so one client going away must not cancel
// it.
func keyedRequest(r *http.Request, query string) *http.Request {
	kr := r.Clone(context.WithoutCancel(r.Context()))
	kr.Method = http.MethodGet
	kr.Header = http.Header{}
	kr.Host = ""
	kr.URL.RawQuery = query
	kr.RequestURI = kr.URL.RequestURI()
	kr.Body = http.NoBody
	return kr
}

// render runs the handler chain and keeps what it wrote.
func render(next http.Handler, r *http.Request) *cachedPage {
	rec := &recorder{header: http.Header{}}
	next.ServeHTTP(rec, r)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	body := bytes.Clone(rec.body.Bytes())
	sum := sha256.Sum256(body)
	p := &cachedPage{
		status: rec.status,
		keep:   rec.status == http.StatusOK && len(rec.header.Values("Set-Cookie")) == 0,
		header: rec.header,
		body:   body,
		etag:   `W/"` + hex.EncodeToString(sum[:12]) + `"`,
	}
	h := p.header
	h.Del("Content-Length")
	if p.status == http.StatusOK {
		h.Set("ETag", p.etag)
		if h.Get("Cache-Control") == "" {
			h.Set("Cache-Control", "no-cache") // keep it, but ask each time whether it changed
		}
	}
	p.compress = len(body) >= minCompressBytes && compressible(h.Get("Content-Type")) && h.Get("Content-Encoding") == ""
	if p.compress {
		h.Set("Vary", "Accept-Encoding")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	return p
}

// minCompressBytes is the smallest body worth compressing.
const minCompressBytes = 1024

// compressible reports whether a response of this type shrinks when compressed.
func compressible(contentType string) bool {
	mediaType, _, _ := strings.Cut(contentType, ";")
	for _, t := range compressedTypes {
		if strings.EqualFold(strings.TrimSpace(mediaType), t) {
			return true
		}
	}
	return false
}

// serve writes the page, compressed when the client accepts gzip, or a 304
// when the client already holds it. It returns the status and the body's size.
func (p *cachedPage) serve(w http.ResponseWriter, r *http.Request) (status, size int) {
	h := w.Header()
	if p.status == http.StatusOK && etagMatches(r.Header.Get("If-None-Match"), p.etag) {
		for k, v := range p.header {
			switch k {
			case "Content-Type", "Content-Length":
			default:
				h[k] = v
			}
		}
		w.WriteHeader(http.StatusNotModified)
		return http.StatusNotModified, 0
	}
	header, body := p.header, p.body
	if p.compress && acceptsGzip(r) {
		header, body = p.gzipped()
	}
	// The kept slices are shared: nothing after this point adds to them.
	for k, v := range header {
		h[k] = v
	}
	w.WriteHeader(p.status)
	if r.Method == http.MethodHead {
		return p.status, 0
	}
	n, _ := w.Write(body)
	return p.status, n
}

// gzipped returns the compressed copy, made on first demand.
func (p *cachedPage) gzipped() (http.Header, []byte) {
	p.gzipOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
		zw.Write(p.body)
		zw.Close()
		h := p.header.Clone()
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(buf.Len()))
		p.gzipHeader, p.gzipBody = h, buf.Bytes()
	})
	return p.gzipHeader, p.gzipBody
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	rest := r.Header.Get("Accept-Encoding")
	for rest != "" {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		return !ok || (q != "0" && q != "0.0" && q != "0.00" && q != "0.000")
	}
	return false
}

// etagMatches applies If-None-Match's weak comparison.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == want {
			return true
		}
	}
	return false
}

// recorder keeps a handler's response in memory.
type recorder struct {
	header http.Header
	body   bytes.Buffer
	status int
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	return r.body.Write(b)
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

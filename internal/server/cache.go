package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/a-h/templ"
	"golang.org/x/sync/singleflight"
)

// maxCacheBytes bounds the memory the page cache holds. Past it, pages are
// still served, just not kept, until the next write empties the cache.
const maxCacheBytes = 64 << 20

// pageCache keeps rendered public responses in memory. Entries belong to one
// write generation of the database: the first response rendered after a
// committed write starts a new, empty cache, so no page outlives a change.
//
// Pages carry a per-response nonce for their inline scripts. A page is
// rendered once with a placeholder nonce, kept split at the placeholder, and
// joined with each response's own nonce, so no two responses share one.
type pageCache struct {
	placeholder string

	mu    sync.RWMutex
	gen   uint64
	pages map[string]*cachedPage
	size  int

	flight       singleflight.Group
	hits, misses atomic.Uint64
}

func newPageCache() *pageCache {
	return &pageCache{placeholder: newNonce(), pages: map[string]*cachedPage{}}
}

// cachedPage is one rendered response.
type cachedPage struct {
	status   int
	header   http.Header // what the handler set, such as Content-Type
	segments [][]byte    // the body, split where a nonce goes
	etag     string
	keep     bool // a 200 that sets no cookie; anything else is served once and dropped
}

func (c *pageCache) get(gen uint64, key string) (*cachedPage, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if gen != c.gen {
		return nil, false
	}
	p, ok := c.pages[key]
	return p, ok
}

func (c *pageCache) put(gen uint64, key string, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen > c.gen {
		c.gen, c.pages, c.size = gen, map[string]*cachedPage{}, 0
	}
	if gen != c.gen || c.size+p.len() > maxCacheBytes {
		return
	}
	if _, ok := c.pages[key]; !ok {
		c.pages[key] = p
		c.size += p.len()
	}
}

func (p *cachedPage) len() int {
	n := 0
	for _, s := range p.segments {
		n += len(s)
	}
	return n
}

// CacheStats reports how many public responses came from the page cache and
// how many had to be rendered.
func (s *Server) CacheStats() (hits, misses uint64) {
	return s.cache.hits.Load(), s.cache.misses.Load()
}

// cachePages serves public GET responses from the page cache, rendering and
// keeping them on a miss. Requests that carry a session cookie pass straight
// through, so nothing rendered for a logged-in person is ever kept.
func (s *Server) cachePages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || s.hasSession(r) {
			next.ServeHTTP(w, r)
			return
		}
		gen := s.db.Generation() // read before any query, so a page is never older than its key
		key := r.Method + " " + r.URL.RequestURI()
		page, ok := s.cache.get(gen, key)
		if !ok {
			page, ok = s.cache.fill(gen, key, next, r)
		}
		if ok {
			s.cache.hits.Add(1)
		}
		page.serve(w, r)
	})
}

func (s *Server) hasSession(r *http.Request) bool {
	_, err := r.Cookie(s.sessions.Cookie.Name)
	return err == nil
}

// fill renders a page that is not in the cache and keeps it. Requests for the
// same page that arrive while it renders wait for that one rendering rather
// than each running the queries: after a write, a busy page is rendered once.
// It reports whether the page came from another request's rendering.
func (c *pageCache) fill(gen uint64, key string, next http.Handler, r *http.Request) (*cachedPage, bool) {
	rendered := false
	v, _, _ := c.flight.Do(strconv.FormatUint(gen, 10)+" "+key, func() (any, error) {
		rendered = true
		c.misses.Add(1)
		// The rendering is shared, so one client going away must not cancel it.
		shared := r.WithContext(context.WithoutCancel(r.Context()))
		p := c.render(next, shared)
		if p.keep {
			c.put(gen, key, p)
		}
		return p, nil
	})
	return v.(*cachedPage), !rendered
}

// render runs the handler with the placeholder nonce and keeps what it wrote.
func (c *pageCache) render(next http.Handler, r *http.Request) *cachedPage {
	rec := &recorder{header: http.Header{}}
	// templ.WithNonce changes the nonce held in the context in place, so the
	// placeholder goes into a new templ context, leaving the response's own.
	ctx := templ.WithNonce(templ.InitializeDocumentContext(r.Context()), c.placeholder)
	next.ServeHTTP(rec, r.WithContext(ctx))
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	body := rec.body.Bytes()
	sum := sha256.New()
	segments := bytes.Split(body, []byte(c.placeholder))
	for _, seg := range segments {
		sum.Write(seg)
	}
	return &cachedPage{
		status:   rec.status,
		keep:     rec.status == http.StatusOK && len(rec.header.Values("Set-Cookie")) == 0,
		header:   rec.header,
		segments: segments,
		etag:     `W/"` + hex.EncodeToString(sum.Sum(nil)[:12]) + `"`,
	}
}

// serve writes the page with this response's nonce, or a 304 when the
// client already holds it.
func (p *cachedPage) serve(w http.ResponseWriter, r *http.Request) {
	status := p.status
	h := w.Header()
	for k, v := range p.header {
		h[k] = slices.Clone(v) // middleware may add to a header; the kept page must not change
	}
	if status == http.StatusOK {
		h.Set("ETag", p.etag)
		if h.Get("Cache-Control") == "" {
			h.Set("Cache-Control", "no-cache") // keep it, but ask each time whether it changed
		}
		if etagMatches(r.Header.Get("If-None-Match"), p.etag) {
			// The client keeps the page it has, with that response's headers.
			// A new policy here would replace the stored one and carry a nonce
			// that the stored page's scripts do not have.
			h.Del("Content-Security-Policy")
			h.Del("Content-Type")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	nonce := templ.GetNonce(r.Context())
	h.Set("Content-Length", strconv.Itoa(p.len()+len(nonce)*(len(p.segments)-1)))
	w.WriteHeader(status)
	if len(p.segments) == 1 {
		w.Write(p.segments[0])
		return
	}
	// One write, not one per segment: each write of a large body can cost a
	// system call of its own.
	buf := bodyBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	for i, seg := range p.segments {
		if i > 0 {
			buf.WriteString(nonce)
		}
		buf.Write(seg)
	}
	w.Write(buf.Bytes())
	bodyBuffers.Put(buf)
}

// bodyBuffers hold pages while they are joined with their nonce.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

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
